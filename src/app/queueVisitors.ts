/**
 * Customer pages at a queue's chat URL that have not started a chat follow the queue live (issue 11):
 * the form refreshes when an admin adds a field, the form gives way to the closed screen when the queue
 * closes, the no-agents screen says so when an agent becomes Available. Each change that may alter the
 * public view tells those pages to read it again (`queue:changed`, src/protocol/visitor.ts): an agent's
 * availability (their queues' staffing), a saved tab, the queue's agents, its deletion. Changes by the
 * working hours need no event: the view says when they next turn (`hoursChangeAt`), and the page reads
 * it again then. One read of the queues' slugs (the pages' rooms) per change, never per page.
 */
import type { Deps } from './deps.js';

export async function tellQueueVisitors(deps: Pick<Deps, 'db' | 'publish' | 'log'>, queueIds: Iterable<string>, alsoSlugs: readonly string[] = []): Promise<void> {
  const ids = [...new Set(queueIds)];
  try {
    const rows = ids.length ? await deps.db.query<{ slug: string }>('SELECT slug FROM queues WHERE id = ANY($1::uuid[])', [ids]) : [];
    for (const slug of new Set([...rows.map((r) => r.slug), ...alsoSlugs])) deps.publish.toQueueVisitors(slug);
  } catch (error) {
    // Best effort: the pages read the queue again on their own within a minute.
    deps.log.warn({ err: error }, 'could not tell the pages of a queue');
  }
}
