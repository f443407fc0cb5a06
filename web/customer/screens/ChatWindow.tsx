/**
 * Steps 7–10: the chat window. Header with the agent's name and picture (only
 * when the server gives a pictureUrl: it already applied the queue's
 * picture/default/none policy), the thread, "Sophie is typing" above the
 * composer, and once the chat is over the "This chat has ended." footer.
 */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { EndedBy, PublicQueueView } from '../../../src/protocol/views.js';
import { Composer } from '../components/Composer.js';
import { useFileSender } from '../components/lazyFiles.js';
import { Header } from '../components/Header.js';
import { Transcript } from '../components/Transcript.js';
import { TypingIndicator } from '../components/TypingIndicator.js';
import { type Words, words } from '../i18n/messages.js';
import { LazyAfterChat } from './LazyAfterChat.js';
import type { ChatConnection, ChatSnapshot } from '../socket.js';

interface ChatWindowProps {
  queue: PublicQueueView;
  chat: ChatConnection;
  snap: ChatSnapshot;
  endButton?: ComponentChildren;
  banner?: ComponentChildren;
  onNewChat: () => void;
}

export function ChatWindow({ queue, chat, snap, endButton, banner, onNewChat }: ChatWindowProps) {
  const t = words.chat.get();
  const state = snap.state;
  const ended = state?.status === 'ended';
  const agent = state?.agent ?? null;
  const files = useFileSender(chat, queue);

  // Keyboard users land in the composer when the agent picks the chat up;
  // not on touch screens, where focusing would throw up the keyboard uninvited.
  useEffect(() => {
    if (!ended && window.matchMedia?.('(pointer: fine)').matches) document.getElementById('composer-input')?.focus();
  }, [ended]);

  return (
    <>
      <Header queueName={queue.name} subtitle={queue.clientName} agentName={agent?.name} pictureUrl={agent?.pictureUrl}>
        {endButton}
      </Header>
      {banner}
      <div class="body body--chat body--thread">
        <Transcript queue={queue} events={snap.events} token={chat.token} pending={snap.pending} canRetry={!ended} onRetry={(id) => chat.retry(id)} onRemove={(id) => chat.remove(id)} />
        {!ended && snap.agentTyping && <TypingIndicator name={snap.agentTyping} />}
      </div>
      {ended ? (
        <footer class="ended">
          <p class="ended-title">{t.ended}</p>
          {state?.endedBy && endedSub(t, state.endedBy) && <p class="ended-sub">{endedSub(t, state.endedBy)}</p>}
          <LazyAfterChat token={chat.token} />
          <button type="button" class="btn btn-primary" onClick={onNewChat}>
            {t.newChat}
          </button>
        </footer>
      ) : (
        <>
          {files.status}
          <Composer onSend={(body) => chat.send(body)} onTyping={() => chat.noteTyping()} attach={files.attach} />
        </>
      )}
    </>
  );
}

/** Why the chat ended, when the customer should know (the agent's leaving has its own line). */
function endedSub(t: ReturnType<Words['chat']['get']>, endedBy: EndedBy): string | null {
  switch (endedBy) {
    case 'customer':
      return t.endedByYou;
    case 'abandoned':
      return t.endedAbandoned;
    case 'customer_gone':
      return t.endedGone;
    default:
      return null;
  }
}
