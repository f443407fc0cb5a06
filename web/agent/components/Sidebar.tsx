/** The left column: incoming offers, my chats, and the way to offline items. */
import type { ConsoleActions } from '../useAgentConsole.js';
import type { ConsoleState } from '../state.js';
import { ChatList } from './ChatList.js';
import { OfferList } from './OfferList.js';

export interface SidebarProps {
  state: ConsoleState;
  actions: ConsoleActions;
}

export function Sidebar({ state, actions }: SidebarProps) {
  const offlineOpen = state.view.kind === 'offline';
  const historyOpen = state.view.kind === 'history';
  return (
    <nav class="sidebar" aria-label="Chats">
      <OfferList
        offers={state.offers}
        offlineOffers={state.offlineOffers}
        onAccept={actions.accept}
        onDecline={actions.decline}
        onAcceptOffline={actions.acceptOffline}
        onDeclineOffline={actions.declineOffline}
      />
      <ChatList
        chats={state.chats}
        view={state.view}
        onSelect={actions.selectChat}
      />
      <div class="side-section side-section-last">
        <button
          type="button"
          class={`offline-entry${offlineOpen ? ' is-selected' : ''}`}
          aria-current={offlineOpen ? 'true' : undefined}
          onClick={() => actions.select({ kind: 'offline' })}
        >
          <span class="offline-entry-icon" aria-hidden="true">
            ✉
          </span>
          <span class="offline-entry-text">Messages &amp; callbacks</span>
          {state.offlineUnseen > 0 && (
            <span class="rc-badge rc-badge-solid">
              {state.offlineUnseen}
              <span class="rc-sr-only"> new</span>
            </span>
          )}
        </button>
        <button
          type="button"
          class={`offline-entry${historyOpen ? ' is-selected' : ''}`}
          aria-current={historyOpen ? 'true' : undefined}
          onClick={() => actions.select({ kind: 'history' })}
        >
          <span class="offline-entry-icon" aria-hidden="true">
            ⟲
          </span>
          <span class="offline-entry-text">Chat history</span>
        </button>
      </div>
    </nav>
  );
}
