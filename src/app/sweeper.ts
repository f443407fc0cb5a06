/**
 * Timers kept as rows with a due time, so they survive a node crash: the
 * leader's sweeper claims what is due. Offers not answered in time go to the
 * next agent and the silent agent is set Away ("not responding"); agents
 * whose presence expired go Offline and their offers, chats in progress
 * (the customer is told) and offline items in hand go back. Locks are taken
 * chats (then items) first, each kind in id order, then agents in id order,
 * as everywhere else (queue → chat / item → agents by id). Only the leader
 * node sweeps (src/app/leader.ts); the rows make a crash harmless, the
 * leader makes each timer fire once.
 */
import { refreshWaitingLines } from './lineRefresher.js';
import { tellQueueVisitors } from './queueVisitors.js';
import { fromStatusSql } from '../domain/chatStates.js';
import { pushAgentState } from './agentStatus.js';
import { sweepGoneCustomers } from './customerPresence.js';
import type { Deps } from './deps.js';
import { sweepInactiveChats } from './inactivity.js';
import { sweepTransfers } from './transferAnswers.js';
import { WAITING_ITEM } from './offlineRouter.js';
import { announceReturns, releaseOfflineItems, returnChatsToLine, type ReturnedChat, type ReturnedItem } from './lineReturns.js';

/** The queue's own offer timeout, or the node's default ($1). */
const OFFER_TIMEOUT_SQL = "coalesce((q.config->>'offerTimeoutSeconds')::int, $1)";

export interface SweepOptions {
  /**
   * Expire agents' presence this time. The node passes false until it has reached the database
   * without a break for longer than the presence TTL (src/app/databaseReach.ts), so a database
   * outage never sets connected agents Offline. @default true
   */
  expirePresence?: boolean;
}

export async function sweepOnce(deps: Deps, options: SweepOptions = {}): Promise<void> {
  const skipLocked = deps.db.skipLocked ? 'SKIP LOCKED' : '';
  const timedOut = await deps.db.transaction(async (tx) => {
    const dueChats = await tx.query<{ id: string; seen: boolean }>(
      `SELECT c.id, c.offer_seen_at IS NOT NULL AS seen FROM chats c JOIN queues q ON q.id = c.queue_id
        WHERE c.status = 'offered' AND c.offered_at < now() - make_interval(secs => ${OFFER_TIMEOUT_SQL})
        ORDER BY c.id FOR UPDATE OF c ${skipLocked}`,
      [deps.config.offerTimeoutSeconds],
    );
    const dueItems = await tx.query<{ id: string; seen: boolean }>(
      `SELECT o.id, o.offer_seen_at IS NOT NULL AS seen FROM offline_items o JOIN queues q ON q.id = o.queue_id
        WHERE o.status = 'open' AND o.offered_to IS NOT NULL AND o.offered_at < now() - make_interval(secs => ${OFFER_TIMEOUT_SQL})
        ORDER BY o.id FOR UPDATE OF o ${skipLocked}`,
      [deps.config.offerTimeoutSeconds],
    );
    // Only an agent whose console showed the offer let it time out; an offer that never reached the
    // console (the bus between nodes was down) goes back in line without blaming anyone.
    const ids = (rows: { id: string; seen: boolean }[], seen: boolean) => rows.filter((r) => r.seen === seen).map((r) => r.id);
    const ignored = await returnChatsToLine(tx, ids(dueChats, true), 'offer_timeout');
    const ignoredItems = await releaseOfflineItems(tx, ids(dueItems, true), true);
    const unseen = await returnChatsToLine(tx, ids(dueChats, false), 'offer_unseen');
    const unseenItems = await releaseOfflineItems(tx, ids(dueItems, false), false);
    const chats = [...ignored, ...unseen];
    const items = [...ignoredItems, ...unseenItems];
    const silent = [...new Set([...ignored, ...ignoredItems].map((w) => w.agent_id))];
    if (silent.length) {
      const rows = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [silent]);
      await tx.query("UPDATE users SET status = 'away', away_reason = 'not_responding' WHERE id = ANY($1::uuid[]) AND status = 'available'", [
        rows.map((r) => r.id),
      ]);
    }
    return { chats, items, agents: silent };
  });

  const expired = options.expirePresence === false ? { chats: [], items: [], agents: [] } : await deps.db.transaction(async (tx) => {
    // The expiry is checked in the statement that locks each piece of work, so a heartbeat that
    // already landed keeps the agent's work. Chats in progress go back too: nobody reads them any more.
    const work = await tx.query<{ id: string }>(
      `SELECT c.id FROM chats c JOIN users u ON u.id = c.agent_id
        WHERE ${fromStatusSql('agent_gone', 'c.status')} AND u.status <> 'offline' AND u.presence_expires_at < now() ORDER BY c.id FOR UPDATE OF c`,
    );
    const held = await tx.query<{ id: string }>(
      `SELECT o.id FROM offline_items o JOIN users u ON u.id = coalesce(o.offered_to, o.assigned_to)
        WHERE o.status = 'open' AND u.status <> 'offline' AND u.presence_expires_at < now() ORDER BY o.id FOR UPDATE OF o`,
    );
    const chats: ReturnedChat[] = await returnChatsToLine(tx, work.map((c) => c.id), 'agent_gone');
    const items: ReturnedItem[] = await releaseOfflineItems(tx, held.map((i) => i.id), false);
    const lapsed = await tx.query<{ id: string }>(
      "SELECT id FROM users WHERE status <> 'offline' AND presence_expires_at < now() ORDER BY id FOR UPDATE",
    );
    const agents = lapsed.length
      ? await tx.query<{ id: string }>("UPDATE users SET status = 'offline' WHERE id = ANY($1::uuid[]) RETURNING id", [lapsed.map((a) => a.id)])
      : [];
    return { chats, items, agents: agents.map((a) => a.id) };
  });

  await announceReturns(deps, [...timedOut.chats, ...expired.chats], [...timedOut.items, ...expired.items]);
  const goneAway = [...new Set([...timedOut.agents, ...expired.agents])];
  for (const agentId of goneAway) await pushAgentState(deps, agentId);
  // Lines these agents served may have nobody left: their customers hear it now, not at the next refresh.
  if (goneAway.length) {
    const queues = await deps.db.query<{ queue_id: string }>('SELECT DISTINCT queue_id FROM queue_agents WHERE user_id = ANY($1::uuid[])', [goneAway]);
    await refreshWaitingLines(deps, queues.map((q) => q.queue_id));
    await tellQueueVisitors(deps, queues.map((q) => q.queue_id));
  }

  // Customer-side timers (customer gone past the grace period, inactivity): src/app/customerPresence.ts, inactivity.ts.
  // Customer presence, like agents', lapses only when every node had a full TTL to renew it after an outage.
  if (options.expirePresence !== false) await sweepGoneCustomers(deps);
  await sweepInactiveChats(deps);
  // Transfers offered to an agent that can no longer happen (timed out, receiver gone, chat ended).
  await sweepTransfers(deps);
}

/**
 * Safety net, run by the leader every few sweeps (not every second): route
 * every queue with a chat or an offline item waiting, in case a kick was
 * lost (a node died between its commit and its routing pass). Openings by
 * the hours are kicked at once by the hours watch (src/app/queueClosings.ts).
 */
export async function kickWaitingQueues(deps: Deps): Promise<void> {
  const rows = await deps.db.query<{ queue_id: string }>(
    `SELECT queue_id FROM chats WHERE status = 'queued' UNION SELECT queue_id FROM offline_items WHERE ${WAITING_ITEM}`,
  );
  deps.kickRouter(rows.map((r) => r.queue_id));
}
