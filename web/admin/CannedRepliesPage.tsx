/**
 * Canned replies: the client's ready-made answers for agents (shortcut, text, queues), each with Edit
 * and Delete (confirmed). Every change is in the audit log; open consoles are told and load them again.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CannedReplyView } from '../../src/protocol/staffNotes.js';
import type { AdminQueueSummary } from '../../src/protocol/views.js';
import { ApiError } from '../shared/http.js';
import { deleteCannedReply, listCannedReplies } from './api.js';
import { CannedReplyDialog } from './CannedReplyDialog.js';
import { CANNED_WORDS as W } from './cannedWords.js';
import { ConfirmDialog } from './ConfirmDialog.js';

type Dialog = { kind: 'add' } | { kind: 'edit' | 'delete'; reply: CannedReplyView };

const byShortcut = (a: CannedReplyView, b: CannedReplyView) => a.shortcut.localeCompare(b.shortcut);

export function CannedRepliesPage({ queues, onUnauthorized }: { queues: readonly AdminQueueSummary[]; onUnauthorized: () => void }) {
  const [replies, setReplies] = useState<CannedReplyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const signedOut = (cause: unknown) => {
    if (!(cause instanceof ApiError && cause.status === 401)) return false;
    onUnauthorized();
    return true;
  };
  useEffect(() => {
    listCannedReplies().then(
      (r) => setReplies(r.replies),
      (cause: unknown) => signedOut(cause) || setError(cause instanceof Error ? cause.message : W.loadFailed),
    );
  }, []);

  const saved = (reply: CannedReplyView) => {
    setReplies((list) => [...(list ?? []).filter((r) => r.id !== reply.id), reply].sort(byShortcut));
    setDone(W.saved);
  };

  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">{W.intro}</p>
          <p class="rc-muted">{W.placeholders}</p>
        </div>
        <button
          type="button"
          class="rc-btn rc-btn-primary"
          onClick={() => {
            setDone(null);
            setDialog({ kind: 'add' });
          }}
        >
          {W.add}
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
      {!replies && !error && <p class="rc-muted">{W.loading}</p>}
      {replies && replies.length === 0 && (
        <div class="rc-card empty-card">
          <p>{W.none}</p>
        </div>
      )}
      {replies && replies.length > 0 && (
        <div class="rc-card page-card">
          <table class="people-table canned-table">
            <caption class="rc-sr-only">{W.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{W.shortcutHeader}</th>
                <th scope="col">{W.textHeader}</th>
                <th scope="col">{W.queuesHeader}</th>
                <th scope="col">
                  <span class="rc-sr-only">{W.actionsHeader}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {replies.map((reply) => (
                <tr key={reply.id}>
                  <td>
                    <code class="canned-shortcut-cell">/{reply.shortcut}</code>
                  </td>
                  <td class="canned-text-cell">{reply.body}</td>
                  <td>
                    {reply.queueNames.length ? (
                      reply.queueNames.map((name) => (
                        <span key={name} class="rc-badge rc-badge-brand canned-queue">
                          {name}
                        </span>
                      ))
                    ) : (
                      <span class="rc-muted">{W.allQueues}</span>
                    )}
                  </td>
                  <td class="person-actions">
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.editLabel(reply.shortcut)} onClick={() => setDialog({ kind: 'edit', reply })}>
                      {W.edit}
                    </button>
                    <button
                      type="button"
                      class="rc-btn rc-btn-ghost rc-btn-sm text-danger"
                      aria-label={W.deleteLabel(reply.shortcut)}
                      onClick={() => setDialog({ kind: 'delete', reply })}
                    >
                      {W.delete}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <CannedReplyDialog reply={dialog.kind === 'edit' ? dialog.reply : undefined} queues={queues} onSaved={saved} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={W.deleteTitle}
          confirmLabel={W.delete}
          failure={W.deleteFailed}
          action={async () => {
            await deleteCannedReply(dialog.reply.id);
            setReplies((list) => list?.filter((r) => r.id !== dialog.reply.id) ?? list);
            setDone(W.deleted);
            setDialog(null);
          }}
          onError={signedOut}
          onClose={() => setDialog(null)}
        >
          <p>{W.deleteBody(dialog.reply.shortcut)}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
