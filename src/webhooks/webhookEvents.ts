/**
 * Webhook events, enqueued in the transaction of the change they tell about
 * (store first: an event exists exactly when its change was committed): one
 * statement inserts a delivery row per live endpoint of the client that
 * subscribed to the event — none, at the cost of one index probe, for a client
 * without webhooks. The payload is built in SQL from the committed-to-be rows,
 * so it says what the database says. The worker (webhookWorker.ts) sends them.
 */
import type { Queryable } from '../db/db.js';
import type { WebhookEvent } from '../protocol/webhooks.js';
import { newId } from '../app/secrets.js';

/** The client's endpoints that take `$event`, as a FROM/WHERE fragment over `w` ($client, $event given). */
const subscribed = (client: string, event: string) =>
  `webhooks w WHERE w.client_id = ${client} AND w.active AND w.deleted_at IS NULL AND ${event}::text = ANY(w.events)`;

const envelope = (eventId: string, event: string, data: string) =>
  `jsonb_build_object('id', ${eventId}::text, 'type', ${event}::text, 'createdAt', now(), 'data', ${data})`;

/** A chat as webhooks show it (src/protocol/webhooks.ts WebhookChat), over `c` (chats) and `q` (its queue). */
export const WEBHOOK_CHAT_SQL = `jsonb_build_object(
  'id', c.id, 'status', c.status,
  'queue', jsonb_build_object('id', q.id, 'slug', q.slug, 'name', q.name),
  'customer', jsonb_build_object('name', c.customer_name, 'answers', (
     SELECT coalesce(jsonb_agg(jsonb_build_object('label', f->>'label', 'value', coalesce(c.customer_data->'values'->>(f->>'id'), ''))), '[]'::jsonb)
       FROM jsonb_array_elements(coalesce(c.customer_data->'fields', '[]'::jsonb)) f)),
  'queuedAt', c.queued_at, 'acceptedAt', c.accepted_at, 'endedAt', c.ended_at, 'endedBy', c.ended_by,
  'agent', (SELECT jsonb_build_object('id', u.id, 'name', u.display_name) FROM users u WHERE u.id = c.agent_id AND c.status IN ('active', 'ended')))`;

/**
 * A data-modifying CTE that enqueues deliveries of `event` (a literal of WebhookEvent) for the chat
 * returned by the CTE `chat` (its columns: those of chats, as the statement leaves them), with the
 * queue joined by id: the chat start's chat.queued, the accept's chat.started, each in the statement
 * that makes the change.
 */
export function chatHooksCte(event: WebhookEvent, eventIdParam: string): string {
  if (!/^[a-z]+\.[a-z_]+$/.test(event)) throw new Error(`not a webhook event: ${event}`);
  return `hooks AS (
    INSERT INTO webhook_deliveries (id, webhook_id, client_id, event, payload)
    SELECT gen_random_uuid(), w.id, w.client_id, '${event}',
           ${envelope(eventIdParam, `'${event}'`, `jsonb_build_object('chat', ${WEBHOOK_CHAT_SQL})`)}
      FROM chat c JOIN queues q ON q.id = c.queue_id, ${subscribed('c.client_id', `'${event}'`)})`;
}

/** Enqueues a chat event for the chat as it stands in this transaction. */
export async function enqueueChatWebhook(tx: Queryable, chatId: string, event: WebhookEvent): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, client_id, event, payload)
     SELECT gen_random_uuid(), w.id, w.client_id, $2, ${envelope('$3', '$2', `jsonb_build_object('chat', ${WEBHOOK_CHAT_SQL})`)}
       FROM chats c JOIN queues q ON q.id = c.queue_id, ${subscribed('c.client_id', '$2')} AND c.id = $1`,
    [chatId, event, newId()],
  );
}

/** Enqueues an offline-work event (left message, callback) for the item as it stands in this transaction. */
export async function enqueueOfflineItemWebhook(tx: Queryable, itemId: string, event: WebhookEvent): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, client_id, event, payload)
     SELECT gen_random_uuid(), w.id, w.client_id, $2, ${envelope(
       '$3',
       '$2',
       `jsonb_build_object('item', jsonb_build_object(
          'id', o.id, 'kind', o.kind, 'status', o.status,
          'queue', jsonb_build_object('id', q.id, 'slug', q.slug, 'name', q.name),
          'email', o.email, 'message', o.message, 'name', o.name, 'phone', o.phone, 'preferredTime', o.preferred_time,
          'createdAt', o.created_at, 'outcome', o.outcome, 'response', o.response, 'handledAt', o.handled_at,
          'handledBy', (SELECT jsonb_build_object('id', u.id, 'name', u.display_name) FROM users u WHERE u.id = o.handled_by)))`,
     )}
       FROM offline_items o JOIN queues q ON q.id = o.queue_id, ${subscribed('o.client_id', '$2')} AND o.id = $1`,
    [itemId, event, newId()],
  );
}

/** The portal's "Send test": a ping to one endpoint, whatever it subscribed to. */
export async function enqueuePing(tx: Queryable, webhookId: string, clientId: string): Promise<string> {
  const id = newId();
  await tx.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, client_id, event, payload)
     SELECT $1, w.id, w.client_id, 'ping', ${envelope('$3', "'ping'", `jsonb_build_object('message', 'A test from Reactive Chat: this endpoint is reachable and checks signatures.')`)}
       FROM webhooks w WHERE w.id = $2 AND w.client_id = $4 AND w.deleted_at IS NULL`,
    [id, webhookId, newId(), clientId],
  );
  return id;
}

/**
 * Enqueues chat.transferred for a transfer that just took effect (accepted by the receiving agent, or
 * the chat moved into the other queue's line), in that transaction: the chat as it now stands and the
 * transfer (src/protocol/webhooks.ts WebhookTransfer).
 */
export async function enqueueTransferWebhook(tx: Queryable, transferId: string): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, client_id, event, payload)
     SELECT gen_random_uuid(), w.id, w.client_id, 'chat.transferred', ${envelope(
       '$2',
       "'chat.transferred'",
       `jsonb_build_object('chat', ${WEBHOOK_CHAT_SQL}, 'transfer', jsonb_build_object(
          'id', t.id, 'from', jsonb_build_object('id', t.from_agent_id, 'name', t.from_name),
          'to', jsonb_build_object('kind', CASE WHEN t.to_agent_id IS NULL THEN 'queue' ELSE 'agent' END,
                                   'id', coalesce(t.to_agent_id, t.to_queue_id), 'name', t.to_name),
          'note', t.note))`,
     )}
       FROM chat_transfers t JOIN chats c ON c.id = t.chat_id JOIN queues q ON q.id = c.queue_id,
            ${subscribed('c.client_id', "'chat.transferred'")} AND t.id = $1`,
    [transferId, newId()],
  );
}

/** Enqueues chat.survey for the answer just stored in this transaction: the chat and the answer. */
export async function enqueueSurveyWebhook(tx: Queryable, chatId: string): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, client_id, event, payload)
     SELECT gen_random_uuid(), w.id, w.client_id, 'chat.survey', ${envelope(
       '$2',
       "'chat.survey'",
       `jsonb_build_object('chat', ${WEBHOOK_CHAT_SQL}, 'survey', jsonb_build_object(
          'rating', s.rating, 'comment', s.comment, 'agentIds', to_jsonb(s.agent_ids), 'createdAt', s.created_at))`,
     )}
       FROM chat_surveys s JOIN chats c ON c.id = s.chat_id JOIN queues q ON q.id = c.queue_id,
            ${subscribed('c.client_id', "'chat.survey'")} AND s.chat_id = $1`,
    [chatId, newId()],
  );
}
