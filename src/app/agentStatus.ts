/**
 * Agent availability. Available needs a live connection too: each node
 * renews the presence of agents connected to it (heartbeat); an agent whose
 * presence expires is set Offline by the sweeper and their offers go back.
 */
import type { Queryable } from '../db/db.js';
import type { AgentStateView, AgentStatus } from '../protocol/views.js';
import { queuesOfAgent } from './chatRouter.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { refreshWaitingLines } from './lineRefresher.js';
import { tellQueueVisitors } from './queueVisitors.js';
import { fromStatusSql } from '../domain/chatStates.js';
import { announceReturns, releaseOfflineItems, returnChatsToLine } from './lineReturns.js';

export async function agentState(db: Queryable, userId: string): Promise<AgentStateView> {
  const [row] = await db.query<{ status: AgentStatus; capacity: number; open: number; away_reason: string | null }>(
    `SELECT u.status, u.capacity, u.away_reason,
            (SELECT count(*) FROM chats c WHERE c.agent_id = u.id AND c.status = 'active')::int AS open
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  if (!row) throw new AppError('not_found', 'Agent not found.');
  return {
    status: row.status,
    capacity: row.capacity,
    activeChats: row.open,
    awayReason: row.status === 'away' && row.away_reason === 'not_responding' ? 'not_responding' : null,
  };
}

export async function pushAgentState(deps: Deps, userId: string): Promise<void> {
  deps.publish.toAgent(userId, 'agent:state', await agentState(deps.db, userId));
}

export async function setAgentStatus(deps: Deps, userId: string, status: 'available' | 'away'): Promise<AgentStateView> {
  const ttl = deps.config.presenceTtlSeconds;
  // Becoming Available starts the idle clock (fair routing); staying Available keeps it.
  await deps.db.query(
    `UPDATE users SET idle_since = CASE WHEN status <> 'available' AND $2 = 'available' THEN now() ELSE idle_since END,
                      status = $2, away_reason = NULL, presence_expires_at = now() + make_interval(secs => $3)
      WHERE id = $1`,
    [userId, status, ttl],
  );
  const state = await agentState(deps.db, userId);
  deps.publish.toAgent(userId, 'agent:state', state);
  deps.log.info({ agentId: userId, status }, 'agent status');
  const queues = await queuesOfAgent(deps.db, userId);
  if (status === 'available') deps.kickRouter(queues);
  else await withdrawOffers(deps, userId);
  // The lines this agent serves gained or lost someone to serve them (maybe their only one): their
  // customers hear it now, even when no seat is free for an offer that would tell them.
  await refreshWaitingLines(deps, queues);
  // Pages not yet in a chat: the no-agents screen may turn into the form, or the form into it.
  await tellQueueVisitors(deps, queues);
  return state;
}

/**
 * An agent who went Away keeps no offers: they go back in line for the others at once (rather than
 * counting down on a console nobody watches and then marking the agent "not responding").
 * Run after the Away committed: from then on no router offers them anything (routers re-check the
 * status on the agent rows they lock), so this catches every offer, and it locks chats before
 * items before the agent, the order every writer uses.
 */
async function withdrawOffers(deps: Deps, userId: string): Promise<void> {
  const { chats, items } = await deps.db.transaction(async (tx) => {
    const offered = await tx.query<{ id: string }>(`SELECT id FROM chats WHERE agent_id = $1 AND ${fromStatusSql('agent_away')} ORDER BY id FOR UPDATE`, [userId]);
    const offeredItems = await tx.query<{ id: string }>(
      "SELECT id FROM offline_items WHERE offered_to = $1 AND status = 'open' ORDER BY id FOR UPDATE",
      [userId],
    );
    return {
      chats: await returnChatsToLine(tx, offered.map((c) => c.id), 'agent_away'),
      items: await releaseOfflineItems(tx, offeredItems.map((i) => i.id), false),
    };
  });
  if (chats.length || items.length) await announceReturns(deps, chats, items);
}

/** Renews presence for the agents connected to this node. */
export async function renewPresence(deps: Deps, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await deps.db.transaction(async (tx) => {
    // Rows locked in id order first, as the routers lock agents: an UPDATE of many rows would lock
    // them in scan order and could deadlock with a router holding some of them.
    const ids = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [userIds]);
    await tx.query('UPDATE users SET presence_expires_at = now() + make_interval(secs => $2) WHERE id = ANY($1::uuid[])', [
      ids.map((r) => r.id),
      deps.config.presenceTtlSeconds,
    ]);
  });
}
