/**
 * chatRouter: offers waiting chats to eligible agents, oldest chat first.
 * A pass first asks, without locks, whether any eligible agent has a free seat
 * (src/app/agentClaims.ts anyFreeSeat); when none has, it ends there and locks
 * nothing, so idle passes never hold customers' chats. Otherwise offers are
 * made in short transactions (a batch of the oldest chats, offered in one
 * statement that returns what the announcements need) that
 *  1. locks the queue's row, so routers on other nodes take turns per queue
 *     (strict FIFO: skipping a locked chat would let a younger one jump the line),
 *  2. locks the oldest waiting chats (waiting for a customer's End Chat in flight),
 *  3. locks every eligible agent of the queue in id order and counts their seats
 *     in a statement after the lock (src/app/agentClaims.ts: a statement's
 *     snapshot predates its wait for a lock), then assigns in memory.
 * Lock order is always queue → chat → agents by id, as in every other writer,
 * so routers cannot deadlock with each other, accepts, ends or the sweeper.
 */
import { anyFreeSeat, claimAgent, lockEligibleAgents, seatsLeft } from './agentClaims.js';
import type { Queryable } from '../db/db.js';
import { fromStatusSql, targetOf } from '../domain/chatStates.js';
import { offerView } from './agentChats.js';
import { customerGoneSql } from './chatTimers.js';
import { recentDeclinersSql } from './declines.js';
import type { ChatRow } from './chatViews.js';
import type { Deps } from './deps.js';
import { offerOfflineItems } from './offlineRouter.js';
import { broadcastPlaces } from './placeBroadcaster.js';
import { isQueueOpen, findQueueById } from './queues.js';

/** A chat just offered, as the agent's offer view needs it (returned by the statement that offers). */
type OfferedChat = Parameters<typeof offerView>[0];

interface Batch {
  offers: OfferedChat[];
  /** The locked agents had no seat left when the batch ended: nothing more can be offered now. */
  outOfSeats: boolean;
}

/**
 * At most this many offers per transaction: fewer round trips, short enough not to hold the queue's
 * lock long. A line of 500 drained across two nodes (npm run bench -- --scenario=many-nodes) at
 * 221 decisions/s in batches of 25 and 372/s in batches of 100 (200: no better); a batch of 100
 * takes about 50 ms once warm.
 */
const OFFERS_PER_TRANSACTION = 100;

/**
 * Offers the oldest waiting chats of the queue, in order, while agents have
 * seats; stops at the first chat nobody can take (a younger chat never jumps
 * the line).
 */
async function offerBatch(deps: Deps, queueId: string): Promise<Batch> {
  return deps.db.transaction(async (tx) => {
    // NO KEY UPDATE: does not block customers joining the line (their insert takes KEY SHARE on the queue).
    await tx.query('SELECT id FROM queues WHERE id = $1 FOR NO KEY UPDATE', [queueId]);
    const chats = await tx.query<ChatRow & { declined_recently: string[] }>(
      // A customer gone past the grace period is never offered (the sweeper ends their chat as abandoned).
      `SELECT c.*, ${recentDeclinersSql('c', '$4')} FROM chats c WHERE queue_id = $1 AND ${fromStatusSql('offer')} AND NOT (${customerGoneSql('$3')})
        ORDER BY queued_at, id LIMIT $2 FOR UPDATE OF c`,
      [queueId, OFFERS_PER_TRANSACTION, deps.config.customerGraceSeconds, deps.config.declineCooldownSeconds],
    );
    if (!chats.length) return { offers: [], outOfSeats: false };
    const agents = await lockEligibleAgents(tx, queueId);
    const chosen: { chatId: string; agentId: string }[] = [];
    for (const chat of chats) {
      const agentId = claimAgent(agents, chat.passed_by, chat.declined_recently);
      // Seats left but nobody may take this chat yet (only its recent decliners are free): the chats
      // behind it go ahead rather than one decline holding up the whole line (src/app/declines.ts).
      if (!agentId && seatsLeft(agents)) continue;
      if (!agentId) break;
      chosen.push({ chatId: chat.id, agentId });
    }
    const outOfSeats = !seatsLeft(agents);
    if (!chosen.length) return { offers: [], outOfSeats };
    // One statement for the whole batch, returning what the offers' announcements need. Offers of one
    // queue are dated in the order they were made: the statement's start (under the queue's lock, so
    // after the previous batch committed), a microsecond apart in line order, so offered_at follows
    // queued_at exactly, also across batches. (clock_timestamp() would be read per row, in whatever
    // order the UPDATE visits them.)
    const offers = await tx.query<OfferedChat>(
      `UPDATE chats c SET status = '${targetOf('offer')}', agent_id = o.agent_id, offered_at = o.at, offer_seen_at = NULL
         FROM (SELECT x.chat_id, x.agent_id, statement_timestamp() + (x.ord - 1) * interval '1 microsecond' AS at
                 FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS x(chat_id, agent_id, ord)) o,
              queues q
        WHERE c.id = o.chat_id AND q.id = c.queue_id AND ${fromStatusSql('offer', 'c.status')}
        RETURNING c.*, q.name AS queue_name, (q.config->>'offerTimeoutSeconds')::int AS offer_timeout`,
      [chosen.map((o) => o.chatId), chosen.map((o) => o.agentId)],
    );
    offers.sort((a, b) => new Date(a.offered_at ?? 0).getTime() - new Date(b.offered_at ?? 0).getTime());
    return { offers, outOfSeats };
    // Ahead of ordinary work for a connection: every customer in the line waits on this batch, and
    // behind the accepts and state reads of a busy drain it waited 100–300 ms for one.
  }, { first: true });
}

/**
 * Offers as many waiting chats of the queue as there are free agents, then
 * offline items with the seats left over. When no eligible agent has a free
 * seat (read without locks) the pass ends there, having locked nothing.
 */
export async function routeQueue(deps: Deps, queueId: string): Promise<number> {
  const queue = await findQueueById(deps.db, queueId);
  if (!isQueueOpen(queue, deps.now())) return 0;
  if (!(await anyFreeSeat(deps.db, queueId))) return 0;
  let offers = 0;
  let outOfSeats = false;
  for (;;) {
    const batch = await offerBatch(deps, queueId);
    offers += batch.offers.length;
    for (const chat of batch.offers) {
      deps.log.info({ chatId: chat.id, agentId: chat.agent_id }, 'chat offered');
      if (chat.offered_at && chat.queued_at) deps.metrics.chatOffered((new Date(chat.offered_at).getTime() - new Date(chat.queued_at).getTime()) / 1000);
      if (chat.agent_id) deps.publish.toAgent(chat.agent_id, 'offer', offerView(chat, deps.config.offerTimeoutSeconds));
    }
    outOfSeats = batch.outOfSeats;
    // Until a batch offers nothing, as before. Stopping at the first short batch (one transaction
    // fewer) made tests/routingAtScale.test.ts stall on PostgreSQL with two nodes: accepts waited
    // past their 10 s timeout. Not understood yet, so not done.
    if (!batch.offers.length) break;
  }
  if (offers) await broadcastPlaces(deps, queueId);
  // Chats come first; seats left over go to what customers left while the queue was closed.
  return offers + (outOfSeats ? 0 : await offerOfflineItems(deps, queueId));
}

/** The queues an agent answers, to re-route after their availability changes. */
export async function queuesOfAgent(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.query<{ queue_id: string }>('SELECT queue_id FROM queue_agents WHERE user_id = $1', [userId]);
  return rows.map((r) => r.queue_id);
}
