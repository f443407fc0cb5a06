/**
 * agentClaims: the agents a router may give work to, locked and counted.
 *
 * Called by both routers (chats: src/app/chatRouter.ts, offline items:
 * src/app/offlineRouter.ts) after they locked the queue and the work, so the
 * lock order is always queue → chat / offline item → agents, and the agents
 * are locked ALL AT ONCE, in id order. Two routers of queues that share
 * agents therefore take agent rows in the same global order and cannot
 * deadlock (locking the chosen agent one at a time, as before, locked them in
 * fairness order, which differs between queues).
 *
 * Seats are counted in a statement of its own, after the lock: a statement's
 * snapshot predates its wait for a lock, so a count in the locking statement
 * could miss the offer that a concurrent router committed while we waited
 * (the routing property test found exactly that). After the count the rows
 * stay locked until commit, so nobody else can fill those seats meanwhile and
 * the assignment can be done in memory.
 */
import type { Queryable } from '../db/db.js';
import { type AgentCandidate, hasFreeSeat, pickAgent } from '../domain/routing.js';
import { seatsUsedSql } from './seats.js';

/** The agents a router may give the queue's work to: assigned, active, Available and present. */
const ELIGIBLE_AGENTS = `FROM users u JOIN queue_agents qa ON qa.user_id = u.id
  WHERE qa.queue_id = $1 AND u.active AND u.status = 'available' AND u.presence_expires_at > now()`;

export const anyFreeSeatSql = `SELECT EXISTS (SELECT 1 ${ELIGIBLE_AGENTS} AND ${seatsUsedSql('u')} < u.capacity) AS free`;

/**
 * Whether some eligible agent of the queue has a free seat, read WITHOUT locks: routers ask before
 * locking any work, so a pass with nobody to give work to locks nothing (it used to hold the oldest
 * waiting chats, and customers' writes to them, such as End Chat, waited for it).
 *
 * A "yes" may be stale (another router filled the seat): the pass then locks and recounts as
 * before and offers nothing. A "no" cannot strand a chat: every change that frees a seat or makes an
 * agent eligible commits, then kicks the router (src/app/routerKicker.ts runs one more pass when a
 * kick arrives during a pass), and that pass reads after the commit.
 */
export async function anyFreeSeat(db: Queryable, queueId: string): Promise<boolean> {
  const [row] = await db.query<{ free: boolean }>(anyFreeSeatSql, [queueId]);
  return row?.free === true;
}

/** Eligible agents of the queue, rows locked in id order, seats counted after the lock. */
export async function lockEligibleAgents(tx: Queryable, queueId: string): Promise<AgentCandidate[]> {
  // The WHERE is re-checked on rows that changed while we waited (READ COMMITTED), so an agent who
  // just went Away or Offline is not locked; one who just became Available is routed by their own kick.
  // NO KEY UPDATE, not UPDATE: it still excludes other routers and every writer of the agent's row,
  // but not the KEY SHARE locks that rows referencing the agent take (an accept's "has joined" line,
  // its acceptance record). With FOR UPDATE each batch of a line's drain waited for every accept in
  // flight: 50–130 ms of each 150–300 ms batch in the many-nodes bench.
  const locked = await tx.query<{ id: string; capacity: number; idle_since: Date }>(
    `SELECT u.id, u.capacity, u.idle_since ${ELIGIBLE_AGENTS}
      ORDER BY u.id FOR NO KEY UPDATE OF u`,
    [queueId],
  );
  if (!locked.length) return [];
  const counts = await tx.query<{ id: string; used: number }>(`SELECT u.id, ${seatsUsedSql('u')} AS used FROM users u WHERE u.id = ANY($1::uuid[])`, [
    locked.map((a) => a.id),
  ]);
  const used = new Map(counts.map((c) => [c.id, c.used]));
  return locked.map((a) => ({ id: a.id, capacity: a.capacity, openChats: used.get(a.id) ?? a.capacity, idleSince: new Date(a.idle_since) }));
}

/**
 * Chooses the fairest agent with a free seat among the locked ones and takes
 * one of their seats (in memory: their rows are locked until commit). Agents
 * who passed on this piece of work get it only when nobody else can take it;
 * agents in `excluded` (who declined it moments ago) do not get it at all.
 * Returns the agent's id, or null when nobody may take it.
 */
export function claimAgent(agents: AgentCandidate[], passedBy: readonly string[], excluded: readonly string[] = []): string | null {
  const passed = new Set(passedBy);
  const allowed = excluded.length ? agents.filter((a) => !excluded.includes(a.id)) : agents;
  const agent = pickAgent(allowed.filter((a) => !passed.has(a.id))) ?? pickAgent(allowed);
  if (!agent) return null;
  agent.openChats++;
  return agent.id;
}

/** Whether any of the locked agents still has a free seat after the claims made so far. */
export const seatsLeft = (agents: readonly AgentCandidate[]): boolean => agents.some(hasFreeSeat);
