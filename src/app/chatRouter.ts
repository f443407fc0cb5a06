/**
 * chatRouter: offers waiting chats to eligible agents, oldest chat first.
 * Offers are made in short transactions (a batch of the oldest chats) that
 *  1. locks the queue's row, so routers on other nodes take turns per queue
 *     (strict FIFO: skipping a locked chat would let a younger one jump the line),
 *  2. locks the oldest waiting chat (waiting for a customer's End Chat in flight),
 *  3. locks the chosen agent and recounts their chats, so two routers of
 *     different queues cannot both fill that agent's last seat.
 * Lock order is always queue → chat → agent, as in every other writer, so
 * routers cannot deadlock with accepts, ends or the sweeper.
 */
import type { Queryable } from '../db/db.js';
import { fromStatusSql, targetOf } from '../domain/chatStates.js';
import { type AgentCandidate, pickAgent } from '../domain/routing.js';
import { loadChatById, offerView } from './agentChats.js';
import { customerGoneSql } from './chatTimers.js';
import type { ChatRow } from './chatViews.js';
import type { Deps } from './deps.js';
import { offerOfflineItems } from './offlineRouter.js';
import { broadcastPlaces } from './placeBroadcaster.js';
import { seatsUsedSql } from './seats.js';
import { isQueueOpen, findQueueById } from './queues.js';

interface Offer {
  chatId: string;
  agentId: string;
}

const OPEN_CHATS = seatsUsedSql('u');

export async function eligibleAgents(tx: Queryable, queueId: string): Promise<AgentCandidate[]> {
  const rows = await tx.query<{ id: string; capacity: number; open_chats: number; idle_since: Date }>(
    `SELECT u.id, u.capacity, ${OPEN_CHATS} AS open_chats, u.idle_since
       FROM users u JOIN queue_agents qa ON qa.user_id = u.id
      WHERE qa.queue_id = $1 AND u.active AND u.status = 'available' AND u.presence_expires_at > now()`,
    [queueId],
  );
  return rows.map((r) => ({ id: r.id, capacity: r.capacity, openChats: r.open_chats, idleSince: new Date(r.idle_since) }));
}

/** At most this many offers per transaction: fewer round trips, short enough not to hold the queue's lock long. */
const OFFERS_PER_TRANSACTION = 25;

/**
 * Offers the oldest waiting chats of the queue, in order, while agents have
 * seats; stops at the first chat nobody can take (a younger chat never jumps
 * the line). Returns the offers made; empty when nothing more can be done.
 */
async function offerBatch(deps: Deps, queueId: string): Promise<Offer[]> {
  return deps.db.transaction(async (tx) => {
    // NO KEY UPDATE: does not block customers joining the line (their insert takes KEY SHARE on the queue).
    await tx.query('SELECT id FROM queues WHERE id = $1 FOR NO KEY UPDATE', [queueId]);
    const chats = await tx.query<ChatRow>(
      // A customer gone past the grace period is never offered (the sweeper ends their chat as abandoned).
      `SELECT * FROM chats c WHERE queue_id = $1 AND ${fromStatusSql('offer')} AND NOT (${customerGoneSql('$3')})
        ORDER BY queued_at, id LIMIT $2 FOR UPDATE`,
      [queueId, OFFERS_PER_TRANSACTION, deps.config.customerGraceSeconds],
    );
    if (!chats.length) return [];
    const eligible = await eligibleAgents(tx, queueId);
    const offers: Offer[] = [];
    for (const chat of chats) {
      const agentId = await claimAgent(tx, eligible, chat.passed_by);
      if (!agentId) break;
      await tx.query(`UPDATE chats SET status = '${targetOf('offer')}', agent_id = $2, offered_at = now() WHERE id = $1 AND ${fromStatusSql('offer')}`, [chat.id, agentId]);
      const agent = eligible.find((a) => a.id === agentId);
      if (agent) agent.openChats++;
      offers.push({ chatId: chat.id, agentId });
    }
    return offers;
  });
}

/**
 * Chooses the fairest eligible agent and locks their row, re-counting their
 * seats under the lock; if another router just filled their last seat, tries
 * the next. Agents who passed on this piece of work get it only when nobody
 * else can take it. Returns the agent's id, or null when nobody has a seat.
 */
export async function claimAgent(tx: Queryable, eligible: AgentCandidate[], passedBy: readonly string[]): Promise<string | null> {
  const passed = new Set(passedBy);
  const fresh = eligible.filter((a) => !passed.has(a.id));
  const candidates = fresh.some((a) => a.openChats < a.capacity) ? fresh : [...eligible];
  while (candidates.length) {
    const agent = pickAgent(candidates);
    if (!agent) return null;
    const [locked] = await tx.query<{ capacity: number }>(
      `SELECT u.capacity FROM users u
        WHERE u.id = $1 AND u.active AND u.status = 'available' AND u.presence_expires_at > now() FOR UPDATE`,
      [agent.id],
    );
    // Counted in a statement of its own, after the lock: a statement's snapshot predates any wait for
    // the lock, so a count in the locking statement could miss the offer a concurrent router just made.
    const [seats] = locked ? await tx.query<{ used: number }>(`SELECT ${OPEN_CHATS} AS used FROM users u WHERE u.id = $1`, [agent.id]) : [];
    if (locked && seats && seats.used < locked.capacity) return agent.id;
    candidates.splice(candidates.indexOf(agent), 1);
  }
  return null;
}

async function announceOffer(deps: Deps, offer: Offer): Promise<void> {
  const chat = await loadChatById(deps.db, offer.chatId);
  deps.publish.toAgent(offer.agentId, 'offer', offerView(chat, deps.config.offerTimeoutSeconds));
}

/** Offers as many waiting chats of the queue as there are free agents. */
export async function routeQueue(deps: Deps, queueId: string): Promise<number> {
  const queue = await findQueueById(deps.db, queueId);
  if (!isQueueOpen(queue, new Date())) return 0;
  let offers = 0;
  for (;;) {
    const batch = await offerBatch(deps, queueId);
    if (!batch.length) break;
    offers += batch.length;
    for (const offer of batch) deps.log.info({ chatId: offer.chatId, agentId: offer.agentId }, 'chat offered');
    await Promise.all(batch.map((offer) => announceOffer(deps, offer)));
  }
  if (offers) await broadcastPlaces(deps, queueId);
  // Chats come first; seats left over go to what customers left while the queue was closed.
  return offers + (await offerOfflineItems(deps, queueId));
}

/** The queues an agent answers, to re-route after their availability changes. */
export async function queuesOfAgent(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.query<{ queue_id: string }>('SELECT queue_id FROM queue_agents WHERE user_id = $1', [userId]);
  return rows.map((r) => r.queue_id);
}
