/**
 * queueDeleter: takes a queue out of service — its URL, settings and agent
 * list go; refused while customers are in it. The row stays, marked deleted,
 * so the transcripts of chats answered in it and the offline items handled
 * in it are kept (chat history, privacy export).
 */
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { changesBetween, recordAudit } from './auditLog.js';
import { lockQueue, openChatCount } from './queueViews.js';
import { tellQueueVisitors } from '../queueVisitors.js';

export interface QueueDeleterProps {
  actor: Session;
  queueId: string;
}

export async function queueDeleter(deps: Deps, props: QueueDeleterProps): Promise<void> {
  const slug = await deps.db.transaction(async (tx) => {
    // The lock makes a chat starting now wait for us; it then finds no queue.
    const queue = await lockQueue(tx, props.actor.clientId, props.queueId);
    const open = await openChatCount(tx, queue.id);
    if (open > 0) {
      throw new AppError(
        'conflict',
        `“${queue.name}” has ${open} open chat${open === 1 ? '' : 's'} (waiting or in progress). Close the queue and delete it once they have ended.`,
      );
    }
    // Messages and callback requests customers left would go with the queue: they are handled first.
    const [items] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM offline_items WHERE queue_id = $1 AND status = 'open'", [queue.id]);
    if (items && items.n > 0) {
      throw new AppError('conflict', `“${queue.name}” has ${items.n} open message${items.n === 1 ? '' : 's'} or callback request${items.n === 1 ? '' : 's'}. Handle them in the agent console first.`);
    }
    await tx.query('DELETE FROM queue_agents WHERE queue_id = $1', [queue.id]);
    // The slug is freed for a new queue; the old row keeps its id for the transcripts.
    await tx.query("UPDATE queues SET deleted_at = now(), slug = 'deleted-' || id::text WHERE id = $1", [queue.id]);
    await recordAudit(tx, { actor: props.actor, entityType: 'queue', entityId: queue.id, entityName: queue.name, action: 'queue.deleted', changes: changesBetween({ name: queue.name, slug: queue.slug }, null) });
    return queue.slug;
  });
  // Pages still open at its address read it again and find it gone.
  await tellQueueVisitors(deps, [], [slug]);
}
