/**
 * The client's outbox as the portal shows it (mail queued, retrying, sent,
 * failed for good, or kept), and "Send again" for failed mail: queued again
 * with fresh attempts, in one transaction with its audit row.
 */
import type { Queryable } from '../../db/db.js';
import type { MailView } from '../../protocol/admin.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { recordAudit } from './auditLog.js';
import { replyMailChanged } from '../offlineWork.js';

interface MailRow extends Record<string, unknown> {
  id: string;
  status: MailView['status'];
  to_address: string;
  subject: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toView = (r: MailRow): MailView => ({
  id: r.id,
  status: r.status,
  to: r.to_address,
  subject: r.subject,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: new Date(r.created_at).toISOString(),
  sentAt: iso(r.sent_at),
  nextAttemptAt: r.status === 'queued' ? iso(r.next_attempt_at) : null,
});

const SELECT_MAIL = 'SELECT id, status, to_address, subject, attempts, last_error, created_at, sent_at, next_attempt_at FROM outbox';

export async function listOutboxMail(db: Queryable, clientId: string, limit = 200): Promise<MailView[]> {
  const rows = await db.query<MailRow>(`${SELECT_MAIL} WHERE client_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [clientId, limit]);
  return rows.map(toView);
}

export async function outboxMailView(db: Queryable, clientId: string, id: string): Promise<MailView> {
  const [row] = await db.query<MailRow>(`${SELECT_MAIL} WHERE client_id = $1 AND id = $2`, [clientId, id]);
  if (!row) throw new AppError('not_found', 'This mail does not exist.');
  return toView(row);
}

export async function mailResender(deps: Deps, props: { actor: Session; mailId: string }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [mail] = await tx.query<{ status: MailView['status']; subject: string; attempts: number }>(
      'SELECT status, subject, attempts FROM outbox WHERE id = $1 AND client_id = $2 FOR UPDATE',
      [props.mailId, props.actor.clientId],
    );
    if (!mail) throw new AppError('not_found', 'This mail does not exist.');
    if (mail.status !== 'failed') throw new AppError('conflict', mail.status === 'sent' ? 'This mail has been sent.' : 'Only mail that failed can be sent again.');
    if (!deps.mailer.sends) throw new AppError('conflict', 'This server has no SMTP server set up (SMTP_URL), so it cannot send mail.');
    // Fresh attempts, so a server that is down again gets the whole back-off before giving up.
    await tx.query("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = now(), locked_until = NULL WHERE id = $1", [props.mailId]);
    await recordAudit(tx, {
      actor: props.actor,
      entityType: 'mail',
      entityId: props.mailId,
      entityName: mail.subject,
      action: 'mail.resent',
      changes: [{ path: 'status', from: 'failed', to: 'queued' }],
    });
  });
  deps.mailer.wake();
  // A reply to a left message reads "queued" again in the consoles.
  await replyMailChanged(deps, props.mailId);
}
