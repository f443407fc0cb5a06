/**
 * Keeps what waiting customers are told true as time passes, not only when
 * the line moves: the estimate is a remaining wait (the chats ahead age, an
 * offer times out, an agent's presence lapses), so the leader re-sends every
 * waiting customer's place and estimate every LINE_REFRESH_MS (15 s), one
 * statistics read per queue with somebody in line. Also called at once when
 * an agent goes Away, so a line left with nobody to serve it is told so.
 */
import type { Deps } from './deps.js';
import { broadcastPlaces } from './placeBroadcaster.js';

/** Re-sends the state of every customer waiting in `queueIds` (all queues with a line, when omitted). */
export async function refreshWaitingLines(deps: Deps, queueIds?: readonly string[]): Promise<void> {
  let rows: { queue_id: string }[];
  try {
    rows = await deps.db.query<{ queue_id: string }>(
      queueIds
        ? "SELECT DISTINCT queue_id FROM chats WHERE status = 'queued' AND queue_id = ANY($1::uuid[])"
        : "SELECT DISTINCT queue_id FROM chats WHERE status = 'queued'",
      queueIds ? [queueIds] : [],
    );
  } catch (error) {
    // Telling is best effort: the next refresh tells again; the change that asked for it stands.
    deps.log.warn({ err: error }, 'could not refresh the waiting lines');
    return;
  }
  for (const { queue_id } of rows) await broadcastPlaces(deps, queue_id);
}
