/** Product name, who is signed in, Available/Away, chat load and sign-out (confirmed first while chats are open). */
import { useState } from 'preact/hooks';
import type { AgentStateView, MeView } from '../../../src/protocol/views.js';
import { ConfirmModal } from '../../shared/ConfirmModal.js';
import { CONFIRM_WORDS as W } from '../confirmWords.js';
import { TOP_BAR_WORDS as T } from '../topBarWords.js';
import type { ConsoleState } from '../state.js';
import { Avatar } from './Avatar.js';

export interface TopBarProps {
  me: MeView;
  agent: AgentStateView | null;
  connection: ConsoleState['connection'];
  /** Chats in progress (not ended): signing out asks first when there are any. */
  openChats: number;
  onStatus: (status: 'available' | 'away') => void;
  onSignOut: () => void;
}

export function TopBar({ me, agent, connection, openChats, onStatus, onSignOut }: TopBarProps) {
  const [confirming, setConfirming] = useState(false);
  const status = connection === 'online' ? (agent?.status ?? 'offline') : 'offline';
  const capacity = agent?.capacity ?? me.capacity;
  return (
    <header class="topbar">
      {/* The page's one top-level heading: the screen's name, for headings navigation. */}
      <h1 class="topbar-brand">
        <span class="rc-brandmark-dot" aria-hidden="true" />
        <span class="topbar-product">{T.product}</span>
        <span class="topbar-app">{T.app}</span>
      </h1>

      <div class="topbar-controls">
        {connection !== 'online' && (
          <span class="rc-badge rc-badge-warning" role="status">
            {connection === 'connecting' ? T.connecting : T.reconnecting}
          </span>
        )}
        <div class="status-control" role="group" aria-label={T.statusLabel}>
          <span class={`status-dot status-dot-${status}`} aria-hidden="true" />
          <div class="segmented">
            <button
              type="button"
              class="segmented-option segmented-available"
              aria-pressed={status === 'available'}
              disabled={connection !== 'online'}
              onClick={() => onStatus('available')}
            >
              {T.available}
            </button>
            <button
              type="button"
              class="segmented-option segmented-away"
              aria-pressed={status === 'away'}
              disabled={connection !== 'online'}
              onClick={() => onStatus('away')}
            >
              {T.away}
            </button>
          </div>
          {status === 'offline' && <span class="rc-badge">{T.offline}</span>}
          {status === 'away' && agent?.awayReason === 'not_responding' && (
            <span class="rc-badge rc-badge-warning" role="status" title={T.notRespondingHint}>
              {T.notResponding}
            </span>
          )}
        </div>
        <div class="chat-load" title={T.loadHint}>
          <span class="chat-load-label">{T.load}</span>
          <strong>
            {agent?.activeChats ?? 0} / {capacity}
          </strong>
        </div>
        <div class="topbar-me">
          <Avatar name={me.displayName} src={me.pictureUrl} size={30} />
          <span class="topbar-name">{me.displayName}</span>
        </div>
        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => (openChats > 0 ? setConfirming(true) : onSignOut())}>
          {W.signOut}
        </button>
        {confirming && (
          <ConfirmModal
            title={W.signOutTitle(openChats)}
            confirmLabel={W.signOutConfirm}
            cancelLabel={W.signOutCancel}
            buttonClass={{ confirm: 'rc-btn rc-btn-danger', cancel: 'rc-btn rc-btn-secondary' }}
            onConfirm={onSignOut}
            onCancel={() => setConfirming(false)}
          >
            <p>{W.signOutBody}</p>
          </ConfirmModal>
        )}
      </div>
    </header>
  );
}
