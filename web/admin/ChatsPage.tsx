/**
 * Chats in progress: every chat of the client that has not ended (waiting,
 * offered, in progress), oldest first, so that an admin can find a stuck one
 * — its agent gone, or keeping a queue from being deleted — and end it. Both
 * sides read "This chat was ended by an administrator"; the audit log records it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { OpenChatView } from '../../src/protocol/admin.js';
import { ApiError } from '../shared/http.js';
import { endOpenChat, listOpenChats } from './api.js';
import { ConfirmDialog } from './ConfirmDialog.js';

const STATUS: Record<OpenChatView['status'], { label: string; badge: string }> = {
  queued: { label: 'Waiting', badge: 'rc-badge-warning' },
  offered: { label: 'Offered', badge: 'rc-badge-brand' },
  active: { label: 'In progress', badge: 'rc-badge-success' },
};

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "3 min ago", "2 h ago", "4 days ago": how long a chat has been quiet is what tells a stuck one. */
function ago(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function ChatsPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [chats, setChats] = useState<OpenChatView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState<OpenChatView | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = () =>
    listOpenChats().then(setChats, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      setError(cause instanceof Error ? cause.message : 'Could not load the chats.');
    });

  useEffect(() => {
    void load();
  }, []);

  const now = Date.now();
  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">Chats in progress</h1>
          <p class="rc-muted">Every chat waiting, offered or in progress, oldest first. End a chat that is stuck: both sides are told, and it is recorded in the audit log.</p>
        </div>
        <button type="button" class="rc-btn rc-btn-secondary" onClick={() => void load()}>
          Refresh
        </button>
      </header>
      {done && (
        <p class="rc-alert rc-alert-success" role="status">
          {done}
        </p>
      )}
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!chats && !error && <p class="rc-muted">Loading…</p>}
      {chats && chats.length === 0 && (
        <div class="rc-card empty-card">
          <p>No chats are open right now.</p>
        </div>
      )}
      {chats && chats.length > 0 && (
        <div class="rc-card page-card">
          <table class="people-table chats-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Queue</th>
                <th scope="col">Agent</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
                <th scope="col">Last activity</th>
                <th scope="col">
                  <span class="rc-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {chats.map((c) => (
                <tr key={c.chatId}>
                  <td class="chat-customer">{c.customerName}</td>
                  <td>{c.queueName}</td>
                  <td>
                    {c.agentName ?? <span class="rc-muted">—</span>}
                    {c.agentName && c.agentPresent === false && <span class="rc-badge rc-badge-danger chat-agent-gone">Disconnected</span>}
                  </td>
                  <td>
                    <span class={`rc-badge ${STATUS[c.status].badge}`}>{STATUS[c.status].label}</span>
                  </td>
                  <td class="audit-when">{when(c.since)}</td>
                  <td class="audit-when">
                    <time dateTime={c.lastActivityAt} title={when(c.lastActivityAt)}>
                      {ago(c.lastActivityAt, now)}
                    </time>
                  </td>
                  <td class="person-actions">
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm text-danger" aria-label={`End chat with ${c.customerName}`} onClick={() => setEnding(c)}>
                      End chat
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ending && (
        <EndDialog
          chat={ending}
          onClose={() => setEnding(null)}
          onEnded={() => {
            setDone(`The chat with ${ending.customerName} has ended.`);
            setChats((list) => list?.filter((c) => c.chatId !== ending.chatId) ?? list);
            setEnding(null);
          }}
          onUnauthorized={onUnauthorized}
        />
      )}
    </div>
  );
}

function EndDialog({ chat, onClose, onEnded, onUnauthorized }: { chat: OpenChatView; onClose: () => void; onEnded: () => void; onUnauthorized: () => void }) {
  return (
    <ConfirmDialog
      title={`End the chat with ${chat.customerName}?`}
      confirmLabel="End chat"
      failure="Could not end the chat."
      action={async () => {
        await endOpenChat(chat.chatId);
        onEnded();
      }}
      onError={(cause) => {
        if (!(cause instanceof ApiError && cause.status === 401)) return false;
        onUnauthorized();
        return true;
      }}
      onClose={onClose}
    >
      <p>
        The chat ends for {chat.agentName ? `${chat.customerName} and ${chat.agentName}` : chat.customerName}. They read “This chat was ended by an administrator”. The
        transcript is kept.
      </p>
    </ConfirmDialog>
  );
}
