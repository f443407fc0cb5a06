/** queueCreator: a new queue with the default settings, closed until the admin opens it. */
import { defaultQueueConfig } from '../../domain/queueConfig.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { newId } from '../secrets.js';
import { changesBetween, recordAudit } from './auditLog.js';
import { ensureQueueNameFree } from './queueNames.js';
import { freeSlug } from './queueSlugs.js';
import { uniqueOr } from './uniqueness.js';

export interface QueueCreatorProps {
  /** The admin creating it (their client owns the queue). */
  actor: Session;
  /** Shown to customers; the slug is made from it. */
  name: string;
}

/** Returns the new queue's id. */
export async function queueCreator(deps: Deps, props: QueueCreatorProps): Promise<string> {
  const id = newId();
  // Closed at first: nobody should meet a half-configured queue.
  const config = { ...defaultQueueConfig(), open: false };
  await uniqueOr(() => deps.db.transaction(async (tx) => {
    await ensureQueueNameFree(tx, props.actor.clientId, props.name);
    const slug = await freeSlug(tx, props.name);
    await tx.query('INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, $3, $4, $5)', [id, props.actor.clientId, slug, props.name, JSON.stringify(config)]);
    await recordAudit(tx, { actor: props.actor, entityType: 'queue', entityId: id, entityName: props.name, action: 'queue.created', changes: changesBetween(null, { name: props.name, slug }) });
  }), 'name', 'Another queue was just created with this name. Save again.');
  return id;
}
