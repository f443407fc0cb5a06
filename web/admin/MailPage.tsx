/**
 * Mail: what the platform mailed for this client (left messages to the queue's
 * address, agents' replies to customers) and where each mail stands — waiting,
 * retrying after the SMTP server refused it, sent, or failed for good. A
 * failed mail can be sent again (recorded in the audit log).
 */
import { useEffect, useState } from 'preact/hooks';
import type { MailListView, MailView } from '../../src/protocol/admin.js';
import { ApiError } from '../shared/http.js';
import { listMail, retryMail } from './api.js';
import { MAIL_WORDS as W } from './mailWords.js';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function StatusBadge({ mail }: { mail: MailView }) {
  switch (mail.status) {
    case 'sent':
      return <span class="rc-badge rc-badge-success">{W.status.sent}</span>;
    case 'failed':
      return <span class="rc-badge rc-badge-danger">{W.status.failed}</span>;
    case 'sending':
      return <span class="rc-badge rc-badge-brand">{W.status.sending}</span>;
    case 'kept':
      return <span class="rc-badge">{W.status.kept}</span>;
    default:
      return <span class="rc-badge rc-badge-warning">{mail.attempts > 0 ? W.status.retrying : W.status.waiting}</span>;
  }
}

const attemptsText = W.attempts;

/** A line under the status: when it went, or when it is tried next. */
function statusNote(mail: MailView): string | null {
  if (mail.status === 'sent' && mail.sentAt) return W.sentAt(time(mail.sentAt));
  if (mail.status === 'queued' && mail.nextAttemptAt && mail.attempts > 0) return W.nextTry(time(mail.nextAttemptAt));
  return null;
}

export function MailPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [list, setList] = useState<MailListView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const failedWith = (fallback: string) => (cause: unknown) => {
    if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
    setError(cause instanceof Error ? cause.message : fallback);
  };

  const load = () => {
    setError(null);
    listMail().then(setList, failedWith(W.loadFailed));
  };
  useEffect(load, []);

  async function sendAgain(mail: MailView) {
    setBusyId(mail.id);
    setError(null);
    setNotice(null);
    try {
      const fresh = await retryMail(mail.id);
      setList((current) => current && { ...current, mails: current.mails.map((m) => (m.id === fresh.id ? fresh : m)) });
      setNotice(W.requeued(mail.subject));
    } catch (cause) {
      failedWith(W.sendFailed)(cause);
    } finally {
      setBusyId(null);
    }
  }

  const failed = list?.mails.filter((m) => m.status === 'failed').length ?? 0;
  const waiting = list?.mails.filter((m) => m.status === 'queued' || m.status === 'sending').length ?? 0;

  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">{W.intro(list ? list.maxAttempts : null)}</p>
        </div>
        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={load}>
          {W.refresh}
        </button>
      </header>
      {list && !list.sending && (
        <p class="rc-alert rc-alert-info">{W.notSending}</p>
      )}
      {list && (failed > 0 || waiting > 0) && (
        <p class={`rc-alert ${failed > 0 ? 'rc-alert-error' : 'rc-alert-info'}`}>
          {failed > 0 && W.failedCount(failed)}
          {waiting > 0 && W.waitingCount(waiting)}
        </p>
      )}
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      <p class="rc-alert rc-alert-success" role="status" hidden={!notice}>
        {notice}
      </p>
      {!list && !error && <p class="rc-muted">{W.loading}</p>}
      {list && list.mails.length === 0 && <p class="rc-muted">{W.none}</p>}
      {list && list.mails.length > 0 && (
        <div class="rc-card page-card">
          <table class="audit-table mail-table">
            <colgroup>
              <col class="col-when" />
              <col class="col-to" />
              <col />
              <col class="col-status" />
              <col class="col-error" />
              <col class="col-action" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{W.columns.when}</th>
                <th scope="col">{W.columns.to}</th>
                <th scope="col">{W.columns.subject}</th>
                <th scope="col">{W.columns.status}</th>
                <th scope="col">{W.columns.lastError}</th>
                <th scope="col">
                  <span class="rc-sr-only">{W.columns.action}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.mails.map((mail) => (
                <tr key={mail.id} class={mail.status === 'failed' ? 'is-failed' : undefined}>
                  <td class="audit-when">{when(mail.createdAt)}</td>
                  <td class="mail-to">{mail.to}</td>
                  <td class="mail-subject">{mail.subject}</td>
                  <td class="mail-status">
                    <StatusBadge mail={mail} />
                    {mail.status !== 'kept' && <span class="mail-note">{attemptsText(mail.attempts)}</span>}
                    {statusNote(mail) && <span class="mail-note">{statusNote(mail)}</span>}
                  </td>
                  <td class="mail-error">{mail.lastError ? <span title={mail.lastError}>{mail.lastError}</span> : <span class="rc-muted">—</span>}</td>
                  <td class="person-actions">
                    {mail.status === 'failed' && (
                      <button
                        type="button"
                        class="rc-btn rc-btn-secondary rc-btn-sm"
                        disabled={busyId === mail.id || !list.sending}
                        aria-label={W.sendAgainLabel(mail.subject)}
                        onClick={() => void sendAgain(mail)}
                      >
                        {W.sendAgain}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
