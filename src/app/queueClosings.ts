/**
 * The working-hours watch: notices queues with someone or something waiting
 * whose open state changed by their hours (a change by the switch is handled
 * at once by the save), on the leader's sweep (src/app/leader.ts).
 *  - Closing: waiting customers get their state again (`queueClosed`), so
 *    their page shows the offline options.
 *  - Opening: waiting customers get their state, and the router is kicked
 *    for the queue at once, so waiting chats and the left messages and
 *    callback requests kept while it was closed are offered without waiting
 *    for another event.
 * A queue seen for the first time (a node just became leader) is kicked if
 * it is open: a no-op when nothing can be offered, and it covers an opening
 * that happened during the hand-over.
 */
import type { Deps } from './deps.js';
import { WAITING_ITEM } from './offlineRouter.js';
import { broadcastPlaces } from './placeBroadcaster.js';
import { findQueueById, isQueueOpen } from './queues.js';

export function createHoursWatch(): { check(deps: Deps): Promise<void> } {
  const lastOpen = new Map<string, boolean>();
  return {
    async check(deps) {
      const rows = await deps.db.query<{ queue_id: string; customers: boolean }>(
        `SELECT queue_id, bool_or(customers) AS customers FROM (
           SELECT DISTINCT queue_id, true AS customers FROM chats WHERE status IN ('queued', 'offered')
           UNION ALL
           SELECT DISTINCT queue_id, false FROM offline_items WHERE ${WAITING_ITEM}
         ) w GROUP BY queue_id`,
      );
      const now = deps.now();
      const seen = new Set<string>();
      const opened: string[] = [];
      for (const { queue_id: id, customers } of rows) {
        seen.add(id);
        const queue = await findQueueById(deps.db, id).catch(() => null);
        if (!queue) continue; // deleted meanwhile
        const open = isQueueOpen(queue, now);
        const before = lastOpen.get(id);
        lastOpen.set(id, open);
        if (open && before !== true) opened.push(id);
        if (before !== undefined && before !== open && customers) await broadcastPlaces(deps, id);
      }
      for (const id of lastOpen.keys()) if (!seen.has(id)) lastOpen.delete(id);
      if (opened.length) deps.kickRouter(opened);
    },
  };
}
