/**
 * The left column (on a phone, the list pane): incoming offers, my chats, and the way to offline items
 * and history. The console passes its own select and accept, which on a phone also open the other pane.
 */
import type { ConsoleActions } from '../useAgentConsole.js';
import type { ConsoleState, ConsoleView } from '../state.js';
import { ChatList } from './ChatList.js';
import { OfferList } from './OfferList.js';
import { SIDEBAR_WORDS as W } from '../sidebarWords.js';

export interface SidebarProps {
  state: ConsoleState;
  actions: ConsoleActions;
  onSelectChat: (chatId: string) => void;
  onSelect: (view: ConsoleView) => void;
  onAccept: (chatId: string) => Promise<boolean>;
  onAcceptOffline: (id: string) => Promise<boolean>;
}

export function Sidebar({ state, actions, onSelectChat, onSelect, onAccept, onAcceptOffline }: SidebarProps) {
  const offlineOpen = state.view.kind === 'offline';
  const historyOpen = state.view.kind === 'history';
  return (
    <nav class="sidebar" aria-label={W.label}>
      <OfferList
        offers={state.offers}
        offlineOffers={state.offlineOffers}
        onAccept={onAccept}
        onDecline={actions.decline}
        onAcceptOffline={onAcceptOffline}
        onDeclineOffline={actions.declineOffline}
      />
      <ChatList chats={state.chats} view={state.view} onSelect={onSelectChat} />
      <div class="side-section side-section-last">
        <button
          type="button"
          class={`offline-entry${offlineOpen ? ' is-selected' : ''}`}
          aria-current={offlineOpen ? 'true' : undefined}
          data-view="offline"
          onClick={() => onSelect({ kind: 'offline' })}
        >
          <span class="offline-entry-icon" aria-hidden="true">
            ✉
          </span>
          <span class="offline-entry-text">{W.offline}</span>
          {state.offlineUnseen > 0 && (
            <span class="rc-badge rc-badge-solid">
              {state.offlineUnseen}
              <span class="rc-sr-only">{W.newSuffix}</span>
            </span>
          )}
        </button>
        <button
          type="button"
          class={`offline-entry${historyOpen ? ' is-selected' : ''}`}
          aria-current={historyOpen ? 'true' : undefined}
          data-view="history"
          onClick={() => onSelect({ kind: 'history' })}
        >
          <span class="offline-entry-icon" aria-hidden="true">
            ⟲
          </span>
          <span class="offline-entry-text">{W.history}</span>
        </button>
      </div>
    </nav>
  );
}
