/**
 * The chats of a client that have not ended (waiting, offered, in progress),
 * for the portal's "Chats in progress" page: an admin finds a stuck one
 * (nobody reads it, or it keeps a queue from being deleted) and ends it.
 */
import type { Queryable } from '../../db/db.js';
import { fromStatusSql } from '../../domain/chatStates.js';
import type { OpenChatView } from '../../protocol/admin.js';

interface OpenChatRow extends Record<string, unknown> {
  id: string;
  customer_name: string;
  queue_id: string;
  queue_name: string;
  agent_name: string | null;
  agent_present: boolean | null;
  status: OpenChatView['status'];
  queued_at: Date;
  last_activity_at: Date | null;
}

/** At most this many, oldest first: the stuck ones are the old ones. */
const LIMIT = 500;

export async function listOpenChats(db: Queryable, clientId: string): Promise<OpenChatView[]> {
  const rows = await db.query<OpenChatRow>(
    `SELECT c.id, c.customer_name, c.queue_id, q.name AS queue_name, c.status, c.queued_at,
            u.display_name AS agent_name,
            CASE WHEN u.id IS NULL THEN NULL ELSE coalesce(u.presence_expires_at > now(), false) END AS agent_present,
            (SELECT e.created_at FROM chat_events e WHERE e.chat_id = c.id AND e.seq = c.last_seq) AS last_activity_at
       FROM chats c JOIN queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.agent_id
      WHERE c.client_id = $1 AND ${fromStatusSql('end', 'c.status')}
      ORDER BY c.queued_at, c.id LIMIT ${LIMIT}`,
    [clientId],
  );
  return rows.map((r) => ({
    chatId: r.id,
    customerName: r.customer_name,
    queueId: r.queue_id,
    queueName: r.queue_name,
    agentName: r.agent_name,
    agentPresent: r.agent_present,
    status: r.status,
    since: new Date(r.queued_at).toISOString(),
    lastActivityAt: new Date(r.last_activity_at ?? r.queued_at).toISOString(),
  }));
}
