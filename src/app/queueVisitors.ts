/**
 * Customer pages at a queue's chat URL that have not started a chat follow the queue live (issue 11):
 * the form refreshes when an admin adds a field, the form gives way to the closed screen when the queue
 * closes, the no-agents screen says so when an agent becomes Available. Each change that may alter the
 * public view tells those pages to read it again (`queue:changed`, src/protocol/visitor.ts): an agent's
 * availability (their queues' staffing), a saved tab, the queue's agents, its deletion. Changes by the
 * working hours need no event: the view says when they next turn (`hoursChangeAt`), and the page reads
 * it again then. Telling is a room broadcast, never a database read.
 */
import type { Deps } from './deps.js';

export function tellQueueVisitors(deps: Pick<Deps, 'publish'>, queueIds: Iterable<string>): void {
  for (const queueId of new Set(queueIds)) deps.publish.toQueueVisitors(queueId);
}
