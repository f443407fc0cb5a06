/** Loading chats as an agent sees them, always scoped to the agent's client. */
import type { Queryable } from '../db/db.js';
import type { AgentChatView, OfferView } from '../protocol/views.js';
import { type ChatRow, collectedData, eventsAfter } from './chatViews.js';
import { AppError } from './errors.js';

export interface AgentIdentity {
  userId: string;
  clientId: string;
  displayName: string;
}

type ChatWithQueue = ChatRow & { queue_name: string; offered_at: Date | null; offer_timeout: number | null };

async function selectChat(db: Queryable, chatId: string, clientId: string | null, lock: boolean): Promise<ChatWithQueue> {
  const rows = await db.query<ChatWithQueue>(
    `SELECT c.*, q.name AS queue_name, (q.config->>'offerTimeoutSeconds')::int AS offer_timeout FROM chats c JOIN queues q ON q.id = c.queue_id
      WHERE c.id = $1 ${clientId ? 'AND c.client_id = $2' : ''} ${lock ? 'FOR UPDATE OF c' : ''}`,
    clientId ? [chatId, clientId] : [chatId],
  );
  const chat = rows[0];
  if (!chat) throw new AppError('not_found', 'Chat not found.');
  return chat;
}

/** A chat of the agent's own client; another client's chat is "not found". */
export function loadChatForAgent(db: Queryable, agent: AgentIdentity, chatId: string, lock = false): Promise<ChatWithQueue> {
  return selectChat(db, chatId, agent.clientId, lock);
}

/** Unscoped, for the system's own work (announcing an offer it just made). */
export function loadChatById(db: Queryable, chatId: string): Promise<ChatWithQueue> {
  return selectChat(db, chatId, null, false);
}

export async function agentChatView(db: Queryable, chat: ChatWithQueue): Promise<AgentChatView> {
  return {
    chatId: chat.id,
    queueName: chat.queue_name,
    customerName: chat.customer_name,
    customerData: collectedData(chat),
    status: chat.status,
    endedBy: chat.ended_by,
    events: await eventsAfter(db, chat.id, 0),
  };
}

/** Dates the offer's expiry for the console's countdown: the queue's timeout, else the node's default. */
export function offerView(chat: ChatWithQueue, defaultTimeoutSeconds: number): OfferView {
  const offeredAt = new Date(chat.offered_at ?? chat.queued_at);
  const offerTimeoutSeconds = chat.offer_timeout ?? defaultTimeoutSeconds;
  return {
    chatId: chat.id,
    queueName: chat.queue_name,
    customerName: chat.customer_name,
    customerData: collectedData(chat),
    offeredAt: offeredAt.toISOString(),
    expiresAt: new Date(offeredAt.getTime() + offerTimeoutSeconds * 1000).toISOString(),
  };
}

/** The agent's offers and open chats, plus chats that ended in the last hour (so a reload keeps them on screen). */
export async function agentWorkload(
  db: Queryable,
  agent: AgentIdentity,
  offerTimeoutSeconds: number,
): Promise<{ offers: OfferView[]; chats: AgentChatView[] }> {
  const rows = await db.query<ChatWithQueue>(
    `SELECT c.*, q.name AS queue_name, (q.config->>'offerTimeoutSeconds')::int AS offer_timeout FROM chats c JOIN queues q ON q.id = c.queue_id
      WHERE c.client_id = $1 AND c.agent_id = $2
        AND (c.status IN ('offered', 'active') OR (c.status = 'ended' AND c.accepted_at IS NOT NULL AND c.ended_at > now() - interval '1 hour'))
      ORDER BY c.queued_at`,
    [agent.clientId, agent.userId],
  );
  const offers = rows.filter((r) => r.status === 'offered').map((r) => offerView(r, offerTimeoutSeconds));
  const chats = await Promise.all(rows.filter((r) => r.status !== 'offered').map((r) => agentChatView(db, r)));
  return { offers, chats };
}
