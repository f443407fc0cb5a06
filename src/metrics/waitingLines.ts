/** Customers waiting per queue, for the reactive_chat_waiting_customers gauge: one statement on the partial index chats_waiting. */
import type { Queryable } from '../db/db.js';
import type { WaitingLine } from './nodeMetrics.js';

export async function waitingLines(db: Queryable): Promise<WaitingLine[]> {
  const rows = await db.query<{ client_id: string; slug: string; waiting: number }>(
    `SELECT q.client_id, q.slug, (SELECT count(*) FROM chats c WHERE c.queue_id = q.id AND c.status = 'queued')::int AS waiting
       FROM queues q ORDER BY q.client_id, q.slug`,
  );
  return rows.map((r) => ({ clientId: r.client_id, queue: r.slug, waiting: r.waiting }));
}
