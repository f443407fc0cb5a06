/**
 * The signed-in agent's workspace: three columns on a wide screen, list and chat on a tablet, and on a
 * phone one pane at a time, the list or what is open in it, with Back between them (web/agent/layout.ts).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MeView } from '../../src/protocol/views.js';
import { ChatPane } from './components/ChatPane.js';
import { CustomerDetails } from './components/CustomerDetails.js';
import { History } from './components/History.js';
import { OfferList } from './components/OfferList.js';
import { OfflineItems } from './components/OfflineItems.js';
import { Sidebar } from './components/Sidebar.js';
import { TopBar } from './components/TopBar.js';
import { useAgentConsole } from './useAgentConsole.js';
import { DETAILS_COLUMN_QUERY, PHONE_QUERY, useMediaQuery } from './layout.js';
import type { ConsoleView } from './state.js';
import { useFocusRequest } from './useFocusRequest.js';
import { CONSOLE_WORDS as W } from './consoleWords.js';

export interface ConsoleProps {
  me: MeView;
  onSignOut: () => void;
  onSignedOut: (notice?: string) => void;
}

export function Console({ me, onSignOut, onSignedOut }: ConsoleProps) {
  const { state, actions, canned } = useAgentConsole(me, onSignedOut);
  const phone = useMediaQuery(PHONE_QUERY);
  const detailsColumn = useMediaQuery(DETAILS_COLUMN_QUERY);
  // Phone: which pane shows. The list first; what the agent opens (or accepts) shows in its place.
  const [pane, setPane] = useState<'list' | 'open'>('list');
  const requestFocus = useFocusRequest();
  const selectChat = useCallback(
    (chatId: string) => {
      actions.selectChat(chatId);
      setPane('open');
    },
    [actions],
  );
  const select = useCallback(
    (view: ConsoleView) => {
      actions.select(view);
      setPane('open');
    },
    [actions],
  );
  const accept = useCallback(
    async (chatId: string) => {
      const ok = await actions.accept(chatId);
      if (ok) setPane('open');
      return ok;
    },
    [actions],
  );
  const acceptOffline = useCallback(
    async (id: string) => {
      const ok = await actions.acceptOffline(id);
      if (ok) setPane('open');
      return ok;
    },
    [actions],
  );
  // Back on a phone: the list again, focus on the row of what was open.
  const back = () => {
    const view = state.view;
    setPane('list');
    requestFocus(view.kind === 'chat' ? { kind: 'chat', chatId: view.chatId } : view.kind === 'none' ? { kind: 'list' } : { kind: 'entry', view: view.kind });
  };
  // End chat went through: focus goes to the next chat in progress, else to the list's heading (on a phone the list shows again).
  const ended = () => {
    setPane('list');
    requestFocus({ kind: 'next' });
  };
  // Nothing open any more (the chat went back in line): the list, also for whatever opens by itself later.
  const nothingOpen = state.view.kind === 'none';
  useEffect(() => {
    if (nothingOpen) setPane('list');
  }, [nothingOpen]);
  const showOpen = !phone || (pane === 'open' && !nothingOpen);
  const showList = !phone || !showOpen;
  const offersWaiting = state.offers.length + state.offlineOffers.length > 0;
  const selected = state.view.kind === 'chat' ? state.view.chatId : null;
  const chat = state.chats.find((c) => c.chatId === selected) ?? null;
  // Offline items and history use the whole width: no customer column.
  const wide = state.view.kind === 'offline' || state.view.kind === 'history';
  // The tab's title counts what waits for the agent: offers, and chats with unread messages — "(3) Agent console".
  const waiting = state.offers.length + state.chats.filter((c) => c.status !== 'ended' && c.unread > 0).length;
  useEffect(() => {
    document.title = waiting ? W.titleWaiting(waiting) : W.title;
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
          <button type="button" class="link-button" aria-label={W.dismiss} onClick={actions.dismissNotice}>
            ×
          </button>
        </div>
      )}
      {phone && showOpen && offersWaiting && (
        // On a phone the list is not in sight while a chat is open: offers come over it, countdown and all.
        <div class="phone-offers">
          <OfferList
            offers={state.offers}
            offlineOffers={state.offlineOffers}
            onAccept={accept}
            onDecline={actions.decline}
            onAcceptOffline={acceptOffline}
            onDeclineOffline={actions.declineOffline}
          />
        </div>
      )}
      <div class={`workspace${wide ? ' workspace-wide' : ''}${phone ? ' workspace-phone' : ''}`}>
        {showList && (
          <Sidebar state={state} actions={actions} onSelectChat={selectChat} onSelect={select} onAccept={accept} onAcceptOffline={acceptOffline} />
        )}
        {showOpen && (
          <main class="center">
            {state.view.kind === 'offline' ? (
              <OfflineItems revision={state.offlineRevision} onBack={phone ? back : undefined} />
            ) : state.view.kind === 'history' ? (
              <History onBack={phone ? back : undefined} />
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
                onBack={phone ? back : undefined}
                detailsButton={!detailsColumn}
                onEnded={ended}
              />
            ) : (
              <EmptyCenter status={state.agent?.status ?? 'offline'} offers={state.offers.length} />
            )}
          </main>
        )}
        {!wide && detailsColumn && <CustomerDetails chat={chat} />}
      </div>
    </div>
  );
}

function EmptyCenter({ status, offers }: { status: string; offers: number }) {
  const hint =
    offers > 0
      ? W.offerWaiting
      : status === 'available'
        ? W.available
        : W.setAvailable;
  return (
    <div class="empty-center">
      <div class="empty-illustration" aria-hidden="true">
        <span />
        <span />
      </div>
      <h2>{W.noChat}</h2>
      <p>{hint}</p>
    </div>
  );
}
