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
import { CHATS_WORDS as W } from './chatsWords.js';

const STATUS: Record<OpenChatView['status'], { label: string; badge: string }> = {
  queued: { label: W.status.queued, badge: 'rc-badge-warning' },
  offered: { label: W.status.offered, badge: 'rc-badge-brand' },
  active: { label: W.status.active, badge: 'rc-badge-success' },
};

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "3 min ago", "2 h ago", "4 days ago": how long a chat has been quiet is what tells a stuck one. */
function ago(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return W.justNow;
  if (minutes < 60) return W.minutesAgo(minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return W.hoursAgo(hours);
  return W.daysAgo(Math.round(hours / 24));
}

export function ChatsPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [chats, setChats] = useState<OpenChatView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState<OpenChatView | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = () =>
    listOpenChats().then(setChats, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      setError(cause instanceof Error ? cause.message : W.loadFailed);
    });

  useEffect(() => {
    void load();
  }, []);

  const now = Date.now();
  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">{W.intro}</p>
        </div>
        <button type="button" class="rc-btn rc-btn-secondary" onClick={() => void load()}>
          {W.refresh}
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
      {!chats && !error && <p class="rc-muted">{W.loading}</p>}
      {chats && chats.length === 0 && (
        <div class="rc-card empty-card">
          <p>{W.none}</p>
        </div>
      )}
      {chats && chats.length > 0 && (
        <div class="rc-card page-card">
          <table class="people-table chats-table">
            <thead>
              <tr>
                <th scope="col">{W.columns.customer}</th>
                <th scope="col">{W.columns.queue}</th>
                <th scope="col">{W.columns.agent}</th>
                <th scope="col">{W.columns.status}</th>
                <th scope="col">{W.columns.since}</th>
                <th scope="col">{W.columns.lastActivity}</th>
                <th scope="col">
                  <span class="rc-sr-only">{W.columns.actions}</span>
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
                    {c.agentName && c.agentPresent === false && <span class="rc-badge rc-badge-danger chat-agent-gone">{W.disconnected}</span>}
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
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm text-danger" aria-label={W.endLabel(c.customerName)} onClick={() => setEnding(c)}>
                      {W.end}
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
            setDone(W.ended(ending.customerName));
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
      title={W.endTitle(chat.customerName)}
      confirmLabel={W.endConfirm}
      failure={W.endFailed}
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
      <p>{W.endBody(chat.agentName ? W.customerAndAgent(chat.customerName, chat.agentName) : chat.customerName)}</p>
    </ConfirmDialog>
  );
}
