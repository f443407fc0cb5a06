/**
 * chatRouter: offers waiting chats to eligible agents, oldest chat first.
 * Each offer is one transaction that
 *  1. locks the queue's row, so routers on other nodes take turns per queue
 *     (strict FIFO: skipping a locked chat would let a younger one jump the line),
 *  2. locks the oldest waiting chat (waiting for a customer's End Chat in flight),
 *  3. locks the chosen agent and recounts their chats, so two routers of
 *     different queues cannot both fill that agent's last seat.
 * Lock order is always queue → chat → agent, as in every other writer, so
 * routers cannot deadlock with accepts, ends or the sweeper.
 */
import type { Queryable } from '../db/db.js';
import { type AgentCandidate, pickAgent } from '../domain/routing.js';
import { collectedData, type ChatRow } from './chatViews.js';
import type { Deps } from './deps.js';
import { broadcastPlaces } from './placeBroadcaster.js';
import { isQueueOpen, findQueueById } from './queues.js';

interface Offer {
  chatId: string;
  agentId: string;
}

const OPEN_CHATS = "(SELECT count(*) FROM chats c WHERE c.agent_id = u.id AND c.status IN ('offered', 'active'))::int";

async function eligibleAgents(tx: Queryable, queueId: string): Promise<AgentCandidate[]> {
  const rows = await tx.query<{ id: string; capacity: number; open_chats: number; idle_since: Date }>(
    `SELECT u.id, u.capacity, ${OPEN_CHATS} AS open_chats, u.idle_since
       FROM users u JOIN queue_agents qa ON qa.user_id = u.id
      WHERE qa.queue_id = $1 AND u.active AND u.status = 'available' AND u.presence_expires_at > now()`,
    [queueId],
  );
  return rows.map((r) => ({ id: r.id, capacity: r.capacity, openChats: r.open_chats, idleSince: new Date(r.idle_since) }));
}

/** Makes at most one offer in the queue; null when no chat waits or no agent is free. */
async function offerNext(deps: Deps, queueId: string): Promise<Offer | null> {
  return deps.db.transaction(async (tx) => {
    // NO KEY UPDATE: does not block customers joining the line (their insert takes KEY SHARE on the queue).
    await tx.query('SELECT id FROM queues WHERE id = $1 FOR NO KEY UPDATE', [queueId]);
    const [chat] = await tx.query<ChatRow>(
      "SELECT * FROM chats WHERE queue_id = $1 AND status = 'queued' ORDER BY queued_at, id LIMIT 1 FOR UPDATE",
      [queueId],
    );
    if (!chat) return null;
    const passedBy = new Set(chat.passed_by);
    const all = await eligibleAgents(tx, queueId);
    // Agents who passed on this chat get it only when nobody else can take it.
    const fresh = all.filter((a) => !passedBy.has(a.id));
    const candidates = fresh.some((a) => a.openChats < a.capacity) ? fresh : all;
    // Try the fairest agent first; if another router just filled their last seat, try the next.
    while (candidates.length) {
      const agent = pickAgent(candidates);
      if (!agent) return null;
      const [locked] = await tx.query<{ open_chats: number; capacity: number }>(
        `SELECT u.capacity, ${OPEN_CHATS} AS open_chats FROM users u
          WHERE u.id = $1 AND u.active AND u.status = 'available' AND u.presence_expires_at > now() FOR UPDATE`,
        [agent.id],
      );
      if (locked && locked.open_chats < locked.capacity) {
        await tx.query("UPDATE chats SET status = 'offered', agent_id = $2, offered_at = now() WHERE id = $1", [chat.id, agent.id]);
        return { chatId: chat.id, agentId: agent.id };
      }
      candidates.splice(candidates.indexOf(agent), 1);
    }
    return null;
  });
}

async function announceOffer(deps: Deps, offer: Offer): Promise<void> {
  const [row] = await deps.db.query<ChatRow & { queue_name: string; offered_at: Date }>(
    'SELECT c.*, q.name AS queue_name FROM chats c JOIN queues q ON q.id = c.queue_id WHERE c.id = $1',
    [offer.chatId],
  );
  if (!row) return;
  deps.publish.toAgent(offer.agentId, 'offer', {
    chatId: row.id,
    queueName: row.queue_name,
    customerName: row.customer_name,
    customerData: collectedData(row),
    offeredAt: new Date(row.offered_at).toISOString(),
  });
}

/** Offers as many waiting chats of the queue as there are free agents. */
export async function routeQueue(deps: Deps, queueId: string): Promise<number> {
  const queue = await findQueueById(deps.db, queueId);
  if (!isQueueOpen(queue, new Date())) return 0;
  let offers = 0;
  for (;;) {
    const offer = await offerNext(deps, queueId);
    if (!offer) break;
    offers++;
    deps.log.info({ chatId: offer.chatId, agentId: offer.agentId }, 'chat offered');
    await announceOffer(deps, offer);
  }
  if (offers) await broadcastPlaces(deps, queueId);
  return offers;
}

/** The queues an agent answers, to re-route after their availability changes. */
export async function queuesOfAgent(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.query<{ queue_id: string }>('SELECT queue_id FROM queue_agents WHERE user_id = $1', [userId]);
  return rows.map((r) => r.queue_id);
}
