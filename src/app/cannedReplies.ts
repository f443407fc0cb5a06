/**
 * Canned replies: ready-made texts an admin keeps for the client's agents (the portal's Canned replies
 * page), which the console inserts when the agent types "/shortcut". A shortcut is unique per client
 * (case-insensitive, the unique index decides between two admins saving at once). Every change is
 * audited in its own transaction and then pushed to the client's consoles ('canned:changed'), which
 * load the list again over HTTP.
 */
import { z } from 'zod';
import type { Queryable } from '../db/db.js';
import {
  CANNED_BODY_MAX,
  CANNED_MAX_PER_CLIENT,
  CANNED_SHORTCUT_MAX,
  CANNED_SHORTCUT_PATTERN,
  type CannedReplyView,
} from '../protocol/staffNotes.js';
import { changesBetween, recordAudit } from './admin/auditLog.js';
import { uniqueOr } from './admin/uniqueness.js';
import type { Session } from './auth.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { newId } from './secrets.js';

export const CannedReplyBody = z.object({
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/^\/+/, ''))
    .pipe(
      z
        .string()
        .min(1, 'Give a shortcut, such as refund.')
        .max(CANNED_SHORTCUT_MAX, `At most ${CANNED_SHORTCUT_MAX} characters.`)
        .regex(CANNED_SHORTCUT_PATTERN, 'Use letters, digits, "-" and "_" only, without spaces.'),
    ),
  body: z
    .string()
    .max(CANNED_BODY_MAX, `At most ${CANNED_BODY_MAX} characters.`)
    .refine((b) => b.trim().length > 0, 'Write the text of the reply.'),
  queueIds: z
    .array(z.uuid('Unknown queue.'))
    .max(200, 'At most 200 queues.')
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export type CannedReplyBody = z.infer<typeof CannedReplyBody>;

interface Row extends Record<string, unknown> {
  id: string;
  shortcut: string;
  body: string;
  queue_ids: string[];
  queue_names: string[];
  updated_at: Date;
}

const toView = (r: Row): CannedReplyView => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
  queueIds: r.queue_ids ?? [],
  queueNames: r.queue_names ?? [],
  updatedAt: new Date(r.updated_at).toISOString(),
});

// Queue names in the order of queue_ids; a deleted queue drops out of the names (and is ignored).
const SELECT = `SELECT r.id, r.shortcut, r.body, r.queue_ids, r.updated_at,
  coalesce((SELECT array_agg(q.name ORDER BY q.name) FROM queues q WHERE q.id = ANY(r.queue_ids)), '{}') AS queue_names
  FROM canned_replies r`;

/** Every reply of the client, by shortcut (the portal's list). */
export async function listCannedReplies(db: Queryable, clientId: string): Promise<CannedReplyView[]> {
  const rows = await db.query<Row>(`${SELECT} WHERE r.client_id = $1 ORDER BY r.shortcut`, [clientId]);
  return rows.map(toView);
}

/** The replies an agent may use: those for every queue and those for a queue the agent works in. */
export async function cannedRepliesForAgent(db: Queryable, agent: { userId: string; clientId: string }): Promise<CannedReplyView[]> {
  const rows = await db.query<Row>(
    `${SELECT} WHERE r.client_id = $1
       AND (cardinality(r.queue_ids) = 0 OR r.queue_ids && coalesce((SELECT array_agg(queue_id) FROM queue_agents WHERE user_id = $2), '{}'))
     ORDER BY r.shortcut`,
    [agent.clientId, agent.userId],
  );
  return rows.map(toView);
}

async function loadReply(db: Queryable, clientId: string, id: string, lock = false): Promise<Row> {
  const [row] = await db.query<Row>(`${SELECT} WHERE r.id = $1 AND r.client_id = $2 ${lock ? 'FOR UPDATE OF r' : ''}`, [id, clientId]);
  // Another client's reply is "not found", like a deleted one.
  if (!row) throw new AppError('not_found', 'No such canned reply (it may have been deleted).');
  return row;
}

/** Queues named must be the client's own. */
async function checkQueues(db: Queryable, clientId: string, queueIds: string[]): Promise<void> {
  if (!queueIds.length) return;
  const [found] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM queues WHERE client_id = $1 AND id = ANY($2::uuid[])', [clientId, queueIds]);
  if ((found?.n ?? 0) !== queueIds.length) throw new AppError('validation', 'Unknown queue.', { queueIds: 'Unknown queue.' });
}

const audited = (r: { shortcut: string; body: string; queue_ids?: string[]; queueIds?: string[] }) => ({
  shortcut: r.shortcut,
  body: r.body,
  queueIds: [...(r.queue_ids ?? r.queueIds ?? [])].sort(),
});
const TAKEN = 'Another canned reply already has this shortcut.';

export async function createCannedReply(deps: Deps, actor: Session, input: CannedReplyBody): Promise<CannedReplyView> {
  const id = newId();
  await uniqueOr(
    () =>
      deps.db.transaction(async (tx) => {
        // The client's row serialises creations, so the limit holds.
        await tx.query('SELECT id FROM clients WHERE id = $1 FOR UPDATE', [actor.clientId]);
        const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM canned_replies WHERE client_id = $1', [actor.clientId]);
        if ((count?.n ?? 0) >= CANNED_MAX_PER_CLIENT) {
          throw new AppError('validation', `At most ${CANNED_MAX_PER_CLIENT} canned replies.`, { shortcut: `At most ${CANNED_MAX_PER_CLIENT} canned replies; delete one you no longer use.` });
        }
        await checkQueues(tx, actor.clientId, input.queueIds);
        await tx.query('INSERT INTO canned_replies (id, client_id, shortcut, body, queue_ids) VALUES ($1, $2, $3, $4, $5)', [
          id,
          actor.clientId,
          input.shortcut,
          input.body,
          input.queueIds,
        ]);
        await recordAudit(tx, { actor, entityType: 'canned_reply', entityId: id, entityName: `/${input.shortcut}`, action: 'canned_reply.created', changes: changesBetween(null, audited(input)) });
      }),
    'shortcut',
    TAKEN,
  );
  deps.publish.toClientAgents(actor.clientId, 'canned:changed');
  return toView(await loadReply(deps.db, actor.clientId, id));
}

export async function updateCannedReply(deps: Deps, actor: Session, id: string, input: CannedReplyBody): Promise<CannedReplyView> {
  await uniqueOr(
    () =>
      deps.db.transaction(async (tx) => {
        const before = await loadReply(tx, actor.clientId, id, true);
        await checkQueues(tx, actor.clientId, input.queueIds);
        await tx.query('UPDATE canned_replies SET shortcut = $2, body = $3, queue_ids = $4, updated_at = now() WHERE id = $1', [id, input.shortcut, input.body, input.queueIds]);
        const changes = changesBetween(audited(before), audited(input));
        if (changes.length) await recordAudit(tx, { actor, entityType: 'canned_reply', entityId: id, entityName: `/${input.shortcut}`, action: 'canned_reply.updated', changes });
      }),
    'shortcut',
    TAKEN,
  );
  deps.publish.toClientAgents(actor.clientId, 'canned:changed');
  return toView(await loadReply(deps.db, actor.clientId, id));
}

export async function deleteCannedReply(deps: Deps, actor: Session, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await loadReply(tx, actor.clientId, id, true);
    await tx.query('DELETE FROM canned_replies WHERE id = $1', [id]);
    await recordAudit(tx, { actor, entityType: 'canned_reply', entityId: id, entityName: `/${before.shortcut}`, action: 'canned_reply.deleted', changes: changesBetween(audited(before), null) });
  });
  deps.publish.toClientAgents(actor.clientId, 'canned:changed');
}
