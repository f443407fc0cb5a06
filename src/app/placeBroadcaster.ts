/** Tells every customer waiting in a queue their new place and estimate. */
import { customerState, type WaitContext } from './chatViews.js';
import type { Deps } from './deps.js';

export async function broadcastPlaces(deps: Deps, queueId: string): Promise<void> {
  try {
    const waiting = await deps.db.query<{ id: string }>(
      "SELECT id FROM chats WHERE queue_id = $1 AND status IN ('queued', 'offered') ORDER BY queued_at LIMIT 1000",
      [queueId],
    );
    const contexts = new Map<string, Promise<WaitContext>>();
    for (const { id } of waiting) deps.publish.toCustomer(id, 'chat:state', await customerState(deps.db, id, contexts));
  } catch (error) {
    deps.log.error({ err: error, queueId }, 'could not broadcast places in line');
  }
}
