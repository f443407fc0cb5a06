/**
 * Stores a batch of chat messages — at most one per chat — in ONE statement:
 * the usual-case statement of one message (see messageSender.ts) over arrays.
 * Each chat the sender may write to, whose clientMsgId is not stored yet, gets
 * its sequence bumped and the message inserted; a message that fails those
 * conditions is simply not stored (null), for the careful path to explain.
 *
 * A copy of a message committed meanwhile by another node makes the INSERT hit
 * the unique index, which undoes the WHOLE statement, every bump included (no
 * seq hole); the caller then stores the batch's messages one by one.
 */
import type { Queryable } from '../db/db.js';
import type { EventRow } from './chatViews.js';

export interface PendingMessage {
  chatId: string;
  author: 'customer' | 'agent';
  body: string;
  clientMsgId: string;
  /** The writing agent; null for the customer. */
  agentId: string | null;
  agentClientId: string | null;
  agentName: string | null;
  /** The sender's previous message (clientMsgId) that must be stored first; null when none was in flight. */
  after: string | null;
}

/** Prepared once per connection on PostgreSQL: the batch is the hottest statement there is. */
export const STORE_MESSAGES = 'rc_store_messages';

export const STORE_MESSAGES_SQL = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[])
      AS i(chat_id, author, body, client_msg_id, agent_id, agent_client_id, agent_name, after_msg_id)),
  chat AS (
    UPDATE chats c SET last_seq = c.last_seq + 1, last_event_at = now(), last_message_at = now(), inactivity_warned_at = NULL
      FROM input i
     WHERE c.id = i.chat_id AND c.id = ANY($1::uuid[]) AND c.status <> 'ended'
       AND (i.agent_id IS NULL OR (c.agent_id = i.agent_id AND c.client_id = i.agent_client_id AND c.status = 'active'))
       AND NOT EXISTS (SELECT 1 FROM chat_events e WHERE e.chat_id = i.chat_id AND e.author = i.author AND e.client_msg_id = i.client_msg_id)
       AND (i.after_msg_id IS NULL OR EXISTS (SELECT 1 FROM chat_events p WHERE p.chat_id = i.chat_id AND p.author = i.author AND p.client_msg_id = i.after_msg_id))
    RETURNING c.id, c.client_id, c.last_seq, c.customer_name, i.author, i.body, i.client_msg_id, i.agent_id, i.agent_name)
INSERT INTO chat_events (chat_id, seq, client_id, kind, author, author_id, author_name, body, client_msg_id)
SELECT id, last_seq, client_id, 'message', author, agent_id, coalesce(agent_name, customer_name), body, client_msg_id FROM chat
RETURNING *`;

/** One row per message, in order: the stored event, or null when it was not stored. */
export async function storeMessages(db: Queryable, messages: readonly PendingMessage[]): Promise<Array<EventRow | null>> {
  // Chats in id order: batches of two nodes lock their rows in the same order, which keeps them from deadlocking.
  const sorted = [...messages].sort((a, b) => (a.chatId < b.chatId ? -1 : a.chatId > b.chatId ? 1 : 0));
  const column = <K extends keyof PendingMessage>(key: K) => sorted.map((m) => m[key]);
  const rows = await db.query<EventRow>(
    STORE_MESSAGES_SQL,
    [column('chatId'), column('author'), column('body'), column('clientMsgId'), column('agentId'), column('agentClientId'), column('agentName'), column('after')],
    STORE_MESSAGES,
  );
  const byChat = new Map(rows.map((row) => [row.chat_id, row]));
  // PostgreSQL answers uuids in lower case, whatever case they were sent in.
  return messages.map((m) => byChat.get(m.chatId.toLowerCase()) ?? null);
}
