/**
 * chatRouter: offers waiting chats to eligible agents, oldest chat first.
 * Offers are made in short transactions (a batch of the oldest chats) that
 *  1. locks the queue's row, so routers on other nodes take turns per queue
 *     (strict FIFO: skipping a locked chat would let a younger one jump the line),
 *  2. locks the oldest waiting chats (waiting for a customer's End Chat in flight),
 *  3. locks every eligible agent of the queue in id order and counts their seats
 *     in a statement after the lock (src/app/agentClaims.ts: a statement's
 *     snapshot predates its wait for a lock), then assigns in memory.
 * Lock order is always queue → chat → agents by id, as in every other writer,
 * so routers cannot deadlock with each other, accepts, ends or the sweeper.
 */
import { claimAgent, lockEligibleAgents } from './agentClaims.js';
import type { Queryable } from '../db/db.js';
import { fromStatusSql, targetOf } from '../domain/chatStates.js';
import { loadChatById, offerView } from './agentChats.js';
import { customerGoneSql } from './chatTimers.js';
import type { ChatRow } from './chatViews.js';
import type { Deps } from './deps.js';
import { offerOfflineItems } from './offlineRouter.js';
import { broadcastPlaces } from './placeBroadcaster.js';
import { isQueueOpen, findQueueById } from './queues.js';

interface Offer {
  chatId: string;
  agentId: string;
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
    const agents = await lockEligibleAgents(tx, queueId);
    const offers: Offer[] = [];
    for (const chat of chats) {
      const agentId = claimAgent(agents, chat.passed_by);
      if (!agentId) break;
      offers.push({ chatId: chat.id, agentId });
    }
    for (const offer of offers) {
      // clock_timestamp(): offers of one queue are dated in the order they were made (under its lock).
      await tx.query(
        `UPDATE chats SET status = '${targetOf('offer')}', agent_id = $2, offered_at = clock_timestamp(), offer_seen_at = NULL WHERE id = $1 AND ${fromStatusSql('offer')}`,
        [offer.chatId, offer.agentId],
      );
    }
    return offers;
  });
}

async function announceOffer(deps: Deps, offer: Offer): Promise<void> {
  const chat = await loadChatById(deps.db, offer.chatId);
  deps.publish.toAgent(offer.agentId, 'offer', offerView(chat, deps.config.offerTimeoutSeconds));
}

/** Offers as many waiting chats of the queue as there are free agents. */
export async function routeQueue(deps: Deps, queueId: string): Promise<number> {
  const queue = await findQueueById(deps.db, queueId);
  if (!isQueueOpen(queue, deps.now())) return 0;
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
