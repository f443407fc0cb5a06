/**
 * A started chat, whatever its status: queued/offered look like the Waiting
 * screen (with the conversation so far when the chat went back in line after
 * an agent had joined), active/ended show the chat window. Owns what both share: the
 * End Chat button and the connection banner ("Reconnecting…").
 */
import { useEffect, useState } from 'preact/hooks';
import type { PublicQueueView } from '../../../src/protocol/views.js';
import { words } from '../i18n/messages.js';
import { refusalText } from '../i18n/refusals.js';
import type { ChatConnection } from '../socket.js';
import { confirmModal, LazyConfirmModal } from '../components/LazyConfirmModal.js';
import { useChat } from '../useChat.js';
import { useCurrentQueue } from '../useCurrentQueue.js';
import { ChatWindow } from './ChatWindow.js';
import { Waiting } from './Waiting.js';
import { hadConversation } from './conversation.js';
import { LazyWaitingAgain, waitingAgain } from './lazyWaitingAgain.js';
import { LazyLeftLine, offlineScreens } from './lazyOffline.js';
import type { LeftWith } from './OfflineForms.js';
import { useWaitingOffline } from './WaitingOffline.js';

interface ChatRouteProps {
  queue: PublicQueueView;
  chat: ChatConnection;
  onNewChat: () => void;
}

export function ChatRoute({ queue: opened, chat, onNewChat }: ChatRouteProps) {
  const t = words.chat.get();
  const snap = useChat(chat);
  // Transferred to another queue: its name and texts, pushed live and read again after a reload.
  const queue = useCurrentQueue(opened, snap.state?.queueSlug);
  useEffect(() => {
    document.title = words.app.get().pageTitle({ queue: queue.name });
  }, [queue]);
  const [ending, setEnding] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const status = snap.state?.status ?? 'queued';
  // A message or callback request sent from the waiting screen ended the wait (issue 11).
  const [left, setLeft] = useState<LeftWith | null>(null);
  const offline = useWaitingOffline(queue, status === 'queued' || status === 'offered' ? snap.state : null, { chatToken: chat.token, onLeft: setLeft });
  // Once the chat is on screen and the page idle: End Chat's question and the offline options (a queue
  // may close, or the wait grow too long) are then at hand without a fetch when they are needed.
  useEffect(() => {
    confirmModal.prefetch();
    offlineScreens.prefetch();
    waitingAgain.prefetch();
  }, []);

  async function end() {
    setEnding(true);
    setEndError(null);
    const error = await chat.end();
    setEnding(false);
    setConfirming(false);
    if (error) setEndError(refusalText(error, t.endFailed));
  }

  // Ending cannot be undone, so the button asks first (issue 11).
  const endButton =
    status !== 'ended' && !snap.lost ? (
      <>
        <button type="button" class="btn btn-header" onClick={() => setConfirming(true)} disabled={ending}>
          {t.endChat}
        </button>
        {confirming && (
          <LazyConfirmModal
            title={t.endConfirmTitle}
            confirmLabel={t.endChat}
            cancelLabel={t.endConfirmCancel}
            buttonClass={{ confirm: 'btn btn-danger', cancel: 'btn btn-secondary' }}
            busy={ending}
            onConfirm={() => void end()}
            onCancel={() => setConfirming(false)}
          >
            <p>{t.endConfirmBody}</p>
          </LazyConfirmModal>
        )}
      </>
    ) : null;

  let banner = null;
  if (snap.lost) {
    banner = (
      <div class="banner banner--error" role="alert">
        <span>{t.lost}</span>
        <button type="button" class="link" onClick={onNewChat}>
          {t.newChat}
        </button>
      </div>
    );
  } else if (endError) {
    banner = (
      <div class="banner banner--error" role="alert">
        {endError}
      </div>
    );
  } else if (snap.synced && !snap.connected && status !== 'ended') {
    banner = (
      <div class="banner" role="status">
        <span class="spinner spinner--small" aria-hidden="true" />
        {t.reconnecting}
      </div>
    );
  }

  if (left) return <LazyLeftLine queue={queue} kind={left} onNewChat={onNewChat} />;
  if (status === 'queued' || status === 'offered') {
    // Back in line after talking to an agent: the conversation stays on screen.
    if (hadConversation(snap.events, snap.pending.length)) {
      return <LazyWaitingAgain queue={queue} chat={chat} snap={snap} endButton={endButton} banner={banner} offline={offline} />;
    }
    return <Waiting queue={queue} state={snap.state} endButton={endButton} banner={banner} offline={offline} />;
  }
  return <ChatWindow queue={queue} chat={chat} snap={snap} endButton={endButton} banner={banner} onNewChat={onNewChat} />;
}
