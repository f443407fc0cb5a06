/** The signed-in agent's three-column workspace. */
import { useEffect } from 'preact/hooks';
import type { MeView } from '../../src/protocol/views.js';
import { ChatPane } from './components/ChatPane.js';
import { CustomerDetails } from './components/CustomerDetails.js';
import { History } from './components/History.js';
import { OfflineItems } from './components/OfflineItems.js';
import { Sidebar } from './components/Sidebar.js';
import { TopBar } from './components/TopBar.js';
import { useAgentConsole } from './useAgentConsole.js';

/** The console's own title (index.html holds the same words for the first paint). */
const CONSOLE_TITLE = 'Agent console — Reactive Chat';

export interface ConsoleProps {
  me: MeView;
  onSignOut: () => void;
  onSignedOut: (notice?: string) => void;
}

export function Console({ me, onSignOut, onSignedOut }: ConsoleProps) {
  const { state, actions, canned } = useAgentConsole(me, onSignedOut);
  const selected = state.view.kind === 'chat' ? state.view.chatId : null;
  const chat = state.chats.find((c) => c.chatId === selected) ?? null;
  // Offline items and history use the whole width: no customer column.
  const wide = state.view.kind === 'offline' || state.view.kind === 'history';
  // The tab's title counts what waits for the agent: offers, and chats with unread messages — "(3) Agent console".
  const waiting = state.offers.length + state.chats.filter((c) => c.status !== 'ended' && c.unread > 0).length;
  useEffect(() => {
    document.title = waiting ? `(${waiting}) ${CONSOLE_TITLE}` : CONSOLE_TITLE;
  }, [waiting]);

  return (
    <div class="console">
      <TopBar
        me={state.me}
        agent={state.agent}
        connection={state.connection}
        openChats={state.chats.filter((c) => c.status !== 'ended').length}
        onStatus={(status) => void actions.setStatus(status)}
        onSignOut={onSignOut}
      />
      {state.notice && (
        <div class={`toast rc-alert ${state.noticeTone === 'success' ? 'rc-alert-success' : 'rc-alert-error'}`} role={state.noticeTone === 'success' ? 'status' : 'alert'}>
          <span>{state.notice}</span>
          <button type="button" class="link-button" aria-label="Dismiss" onClick={actions.dismissNotice}>
            ×
          </button>
        </div>
      )}
      <div class={`workspace${wide ? ' workspace-wide' : ''}`}>
        <Sidebar state={state} actions={actions} />
        <main class="center">
          {state.view.kind === 'offline' ? (
            <OfflineItems revision={state.offlineRevision} />
          ) : state.view.kind === 'history' ? (
            <History />
          ) : chat ? (
            <ChatPane
              chat={chat}
              whispers={state.whispers[chat.chatId]}
              notes={state.notes[chat.chatId]}
              replies={canned}
              agentName={state.me.displayName}
              onNote={(body) => actions.addNote(chat.chatId, body)}
              onSend={(body) => actions.send(chat.chatId, body)}
              onRetry={(clientMsgId) => actions.retry(chat.chatId, clientMsgId)}
              onDiscard={(clientMsgId) => actions.discard(chat.chatId, clientMsgId)}
              onTyping={(typing) => actions.typing(chat.chatId, typing)}
              onLeave={() => actions.leave(chat.chatId)}
              onClose={() => actions.close(chat.chatId)}
              onShowEarlier={() => actions.showEarlier(chat.chatId)}
              transferTargets={actions.transferTargets}
              onTransfer={actions.requestTransfer}
              onDismissTransfer={() => actions.dismissTransfer(chat.chatId)}
              onCancelTransfer={(transferId) => actions.cancelTransfer(transferId)}
            />
          ) : (
            <EmptyCenter status={state.agent?.status ?? 'offline'} offers={state.offers.length} />
          )}
        </main>
        {!wide && <CustomerDetails chat={chat} />}
      </div>
    </div>
  );
}

function EmptyCenter({ status, offers }: { status: string; offers: number }) {
  const hint =
    offers > 0
      ? 'A customer is waiting: accept the offer on the left.'
      : status === 'available'
        ? 'You are available. New chats will appear under Incoming.'
        : 'Set your status to Available to start receiving chats.';
  return (
    <div class="empty-center">
      <div class="empty-illustration" aria-hidden="true">
        <span />
        <span />
      </div>
      <h2>No chat selected</h2>
      <p>{hint}</p>
    </div>
  );
}
