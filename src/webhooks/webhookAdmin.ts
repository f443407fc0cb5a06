/**
 * A client's webhook endpoints, as the portal's Webhooks page manages them:
 * list (with the newest delivery's outcome), create (the signing secret
 * returned), change, delete, rotate or reveal the secret, send a test, read
 * the delivery log and send a delivery again. Every change and every reveal of
 * a secret is recorded in the audit log in the same transaction.
 */
import type { Session } from '../app/auth.js';
import { changesBetween, recordAudit } from '../app/admin/auditLog.js';
import type { Deps } from '../app/deps.js';
import { AppError } from '../app/errors.js';
import { newId, newToken } from '../app/secrets.js';
import type { Queryable } from '../db/db.js';
import type { WebhookDeliveryView, WebhookEvent, WebhookView } from '../protocol/webhooks.js';
import { enqueuePing } from './webhookEvents.js';

/** Secrets start with this, so that secret scanners and people recognise one. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Enough for every system a client integrates; more is a sign of a loop creating them. */
export const MAX_WEBHOOKS_PER_CLIENT = 20;
/** The delivery log shows this many, newest first. */
const LOG_LENGTH = 50;

export interface WebhookInput {
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
}

interface HookRow extends Record<string, unknown> {
  id: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
  created_at: Date;
  last_status: WebhookDeliveryView['status'] | null;
  last_at: Date | null;
  last_http: number | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toView = (r: HookRow): WebhookView => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  lastDelivery: r.last_status && r.last_at ? { status: r.last_status, at: new Date(r.last_at).toISOString(), httpStatus: r.last_http } : null,
});

const SELECT_HOOKS = `SELECT w.id, w.url, w.description, w.events, w.active, w.created_at, d.status AS last_status, d.created_at AS last_at, d.last_status AS last_http
  FROM webhooks w LEFT JOIN LATERAL (
    SELECT status, created_at, last_status FROM webhook_deliveries WHERE webhook_id = w.id ORDER BY created_at DESC LIMIT 1) d ON true`;

export async function listWebhooks(db: Queryable, clientId: string): Promise<WebhookView[]> {
  const rows = await db.query<HookRow>(`${SELECT_HOOKS} WHERE w.client_id = $1 AND w.deleted_at IS NULL ORDER BY w.created_at, w.id`, [clientId]);
  return rows.map(toView);
}

async function loadWebhook(db: Queryable, clientId: string, id: string, lock = false): Promise<HookRow> {
  const [row] = await db.query<HookRow>(
    lock
      ? `SELECT w.*, NULL AS last_status, NULL AS last_at, NULL AS last_http FROM webhooks w WHERE w.id = $1 AND w.client_id = $2 AND w.deleted_at IS NULL FOR UPDATE`
      : `${SELECT_HOOKS} WHERE w.id = $1 AND w.client_id = $2 AND w.deleted_at IS NULL`,
    [id, clientId],
  );
  // Another client's endpoint is "not found", like a deleted one.
  if (!row) throw new AppError('not_found', 'No such webhook (it may have been deleted).');
  return row;
}

const audited = (r: Pick<WebhookInput, 'url' | 'description' | 'events' | 'active'>) => ({ url: r.url, description: r.description, events: r.events, active: r.active });

export async function createWebhook(deps: Deps, actor: Session, input: WebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
  const id = newId();
  const secret = `${WEBHOOK_SECRET_PREFIX}${newToken()}`;
  await deps.db.transaction(async (tx) => {
    // The client's row serialises concurrent creations, so the limit holds.
    await tx.query('SELECT id FROM clients WHERE id = $1 FOR UPDATE', [actor.clientId]);
    const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM webhooks WHERE client_id = $1 AND deleted_at IS NULL', [actor.clientId]);
    if ((count?.n ?? 0) >= MAX_WEBHOOKS_PER_CLIENT) {
      throw new AppError('validation', `At most ${MAX_WEBHOOKS_PER_CLIENT} webhooks per company; delete one you no longer use.`, {
        url: `At most ${MAX_WEBHOOKS_PER_CLIENT} webhooks per company.`,
      });
    }
    await tx.query('INSERT INTO webhooks (id, client_id, url, description, events, secret, active) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      id,
      actor.clientId,
      input.url,
      input.description,
      input.events,
      secret,
      input.active,
    ]);
    await recordAudit(tx, { actor, entityType: 'webhook', entityId: id, entityName: input.url, action: 'webhook.created', changes: changesBetween(null, audited(input)) });
  });
  return { webhook: toView(await loadWebhook(deps.db, actor.clientId, id)), secret };
}

export async function updateWebhook(deps: Deps, actor: Session, id: string, input: WebhookInput): Promise<WebhookView> {
  await deps.db.transaction(async (tx) => {
    const before = await loadWebhook(tx, actor.clientId, id, true);
    await tx.query('UPDATE webhooks SET url = $2, description = $3, events = $4, active = $5 WHERE id = $1', [id, input.url, input.description, input.events, input.active]);
    const changes = changesBetween(audited(before), audited(input));
    if (changes.length) await recordAudit(tx, { actor, entityType: 'webhook', entityId: id, entityName: input.url, action: 'webhook.updated', changes });
  });
  return toView(await loadWebhook(deps.db, actor.clientId, id));
}

/** Deleted for good for its sender: deliveries not yet sent fail at their next attempt (webhookWorker.ts). */
export async function deleteWebhook(deps: Deps, actor: Session, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await loadWebhook(tx, actor.clientId, id, true);
    await tx.query('UPDATE webhooks SET deleted_at = now(), active = false WHERE id = $1', [id]);
    await recordAudit(tx, { actor, entityType: 'webhook', entityId: id, entityName: before.url, action: 'webhook.deleted', changes: changesBetween(audited(before), null) });
  });
}

/** A new secret at once: deliveries from now on are signed with it (receivers must be updated). */
export async function rotateWebhookSecret(deps: Deps, actor: Session, id: string): Promise<string> {
  const secret = `${WEBHOOK_SECRET_PREFIX}${newToken()}`;
  await deps.db.transaction(async (tx) => {
    const before = await loadWebhook(tx, actor.clientId, id, true);
    await tx.query('UPDATE webhooks SET secret = $2 WHERE id = $1', [id, secret]);
    await recordAudit(tx, { actor, entityType: 'webhook', entityId: id, entityName: before.url, action: 'webhook.secret_rotated', changes: [] });
  });
  return secret;
}

/** The secret, for an admin setting up a receiver; who looked is recorded. */
export async function revealWebhookSecret(deps: Deps, actor: Session, id: string): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const hook = await loadWebhook(tx, actor.clientId, id, true);
    await recordAudit(tx, { actor, entityType: 'webhook', entityId: id, entityName: hook.url, action: 'webhook.secret_revealed', changes: [] });
    return String(hook.secret);
  });
}

export async function sendTestDelivery(deps: Deps, actor: Session, id: string): Promise<string> {
  await loadWebhook(deps.db, actor.clientId, id);
  const deliveryId = await enqueuePing(deps.db, id, actor.clientId);
  deps.wakeWebhooks();
  return deliveryId;
}

interface DeliveryRow extends Record<string, unknown> {
  id: string;
  event: WebhookDeliveryView['event'];
  status: WebhookDeliveryView['status'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date;
}

export async function listDeliveries(db: Queryable, clientId: string, webhookId: string): Promise<WebhookDeliveryView[]> {
  await loadWebhook(db, clientId, webhookId);
  const rows = await db.query<DeliveryRow>(
    `SELECT id, event, status, attempts, last_status, last_error, created_at, sent_at, next_attempt_at
       FROM webhook_deliveries WHERE webhook_id = $1 AND client_id = $2 ORDER BY created_at DESC, id LIMIT ${LOG_LENGTH}`,
    [webhookId, clientId],
  );
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    httpStatus: r.last_status,
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: iso(r.sent_at),
    nextAttemptAt: r.status === 'queued' ? iso(r.next_attempt_at) : null,
  }));
}

/** Sends a delivery again, with the same body and id (a failed one, or a sent one the receiver lost). */
export async function redeliver(deps: Deps, actor: Session, webhookId: string, deliveryId: string): Promise<void> {
  await loadWebhook(deps.db, actor.clientId, webhookId);
  const rows = await deps.db.query(
    `UPDATE webhook_deliveries SET status = 'queued', attempts = 0, next_attempt_at = now(), last_error = NULL, locked_until = NULL
      WHERE id = $1 AND webhook_id = $2 AND client_id = $3 AND status IN ('failed', 'sent') RETURNING id`,
    [deliveryId, webhookId, actor.clientId],
  );
  if (!rows.length) throw new AppError('conflict', 'This delivery is already on its way.');
  deps.wakeWebhooks();
}
