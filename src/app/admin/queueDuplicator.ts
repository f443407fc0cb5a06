/** queueDuplicator: a copy of a queue's settings and agents under a new name (and slug). */
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { newId } from '../secrets.js';
import { changesBetween, recordAudit } from './auditLog.js';
import { ensureQueueNameFree } from './queueNames.js';
import { freeSlug } from './queueSlugs.js';
import { uniqueOr } from './uniqueness.js';
import { lockQueue } from './queueViews.js';

export interface QueueDuplicatorProps {
  actor: Session;
  /** The queue to copy (must be the actor's client's). */
  sourceId: string;
  name: string;
}

/** Returns the copy's id. */
export async function queueDuplicator(deps: Deps, props: QueueDuplicatorProps): Promise<string> {
  const id = newId();
  await uniqueOr(() => deps.db.transaction(async (tx) => {
    const source = await lockQueue(tx, props.actor.clientId, props.sourceId);
    await ensureQueueNameFree(tx, props.actor.clientId, props.name);
    const slug = await freeSlug(tx, props.name);
    await tx.query('INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, $3, $4, $5)', [id, props.actor.clientId, slug, props.name, JSON.stringify(source.config)]);
    await tx.query('INSERT INTO queue_agents (queue_id, user_id, client_id) SELECT $1, user_id, client_id FROM queue_agents WHERE queue_id = $2', [id, source.id]);
    await recordAudit(tx, {
      actor: props.actor,
      entityType: 'queue',
      entityId: id,
      entityName: props.name,
      action: 'queue.duplicated',
      changes: changesBetween(null, { name: props.name, slug, copyOf: source.name }),
    });
  }), 'name', 'Another queue was just created with this name. Save again.');
  return id;
}
