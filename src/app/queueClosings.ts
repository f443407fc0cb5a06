/**
 * Tells waiting customers when their queue closes by its working hours (a
 * closing by the switch is told at once by the save). Each node remembers
 * which queues with waiting customers it last saw open, and on every sweep
 * re-sends the customers' state for those that flipped; repeats across
 * nodes are harmless as the state is the same.
 */
import type { Deps } from './deps.js';
import { broadcastPlaces } from './placeBroadcaster.js';
import { findQueueById, isQueueOpen } from './queues.js';

export function createClosingWatch(): { check(deps: Deps): Promise<void> } {
  const lastOpen = new Map<string, boolean>();
  return {
    async check(deps) {
      const rows = await deps.db.query<{ queue_id: string }>("SELECT DISTINCT queue_id FROM chats WHERE status IN ('queued', 'offered')");
      const now = new Date();
      const seen = new Set<string>();
      for (const { queue_id: id } of rows) {
        seen.add(id);
        const open = isQueueOpen(await findQueueById(deps.db, id), now);
        const before = lastOpen.get(id);
        lastOpen.set(id, open);
        if (before !== undefined && before !== open) await broadcastPlaces(deps, id);
      }
      for (const id of lastOpen.keys()) if (!seen.has(id)) lastOpen.delete(id);
    },
  };
}
