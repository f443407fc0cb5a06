/**
 * The audit log: who changed what, when, in the Client Admin Portal. A row is
 * written in the same transaction as the change it records, so the log never
 * misses a change nor records one that was rolled back.
 */
import type { Queryable } from '../../db/db.js';
import { type Change, diffValues } from '../../domain/diff.js';
import type { AuditEntryView } from '../../protocol/admin.js';
import type { Session } from '../auth.js';
import { newId } from '../secrets.js';

export interface AuditRecord {
  /** The signed-in admin who made the change. */
  actor: Session;
  entityType: AuditEntryView['entityType'];
  entityId: string;
  /** The entity's name at the time, so the log reads well after a rename or delete. */
  entityName: string;
  /** e.g. queue.created, queue.general, person.deactivated */
  action: string;
  changes: Change[];
}

/** Records one change; pass the transaction that makes it. */
export async function recordAudit(tx: Queryable, record: AuditRecord): Promise<void> {
  const diff = Object.fromEntries(record.changes.map((c) => [c.path, { from: c.from, to: c.to }]));
  await tx.query(
    `INSERT INTO audit_log (id, client_id, actor_id, actor_name, entity_type, entity_id, entity_name, action, diff)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [newId(), record.actor.clientId, record.actor.userId, record.actor.displayName, record.entityType, record.entityId, record.entityName, record.action, JSON.stringify(diff)],
  );
}

/** Changes between two versions of an entity (a created entity: from null, a deleted one: to null). */
export const changesBetween = (before: unknown, after: unknown): Change[] => diffValues(before ?? {}, after ?? {});

interface AuditRow extends Record<string, unknown> {
  id: string;
  at: Date;
  actor_name: string;
  entity_type: AuditEntryView['entityType'];
  entity_id: string;
  entity_name: string;
  action: string;
  diff: Record<string, { from: unknown; to: unknown }>;
}

export async function listAudit(db: Queryable, clientId: string, limit: number): Promise<AuditEntryView[]> {
  const rows = await db.query<AuditRow>('SELECT * FROM audit_log WHERE client_id = $1 ORDER BY at DESC, id LIMIT $2', [clientId, limit]);
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityName: r.entity_name,
    action: r.action,
    changes: Object.entries(r.diff).map(([path, c]) => ({ path, from: c.from, to: c.to })),
  }));
}
