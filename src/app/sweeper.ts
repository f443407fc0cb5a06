/**
 * Timers kept as rows with a due time, so they survive a node crash: any
 * node's sweeper claims what is due. Offers not answered in time go back to
 * the head of the line and the silent agent is set Away ("not responding");
 * agents whose presence expired go Offline and their offers go back.
 */
import type { Deps } from './deps.js';
import { pushAgentState } from './agentStatus.js';
import { broadcastPlaces } from './placeBroadcaster.js';

/** The queue's own offer timeout, or the node's default ($1). */
const OFFER_TIMEOUT_SQL = "coalesce((q.config->>'offerTimeoutSeconds')::int, $1)";

interface Returned {
  id: string;
  queue_id: string;
  agent_id: string;
}

export async function sweepOnce(deps: Deps): Promise<void> {
  const timedOut = await deps.db.transaction(async (tx) => {
    const due = await tx.query<Returned>(
      `SELECT c.id, c.queue_id, c.agent_id FROM chats c JOIN queues q ON q.id = c.queue_id
        WHERE c.status = 'offered' AND c.offered_at < now() - make_interval(secs => ${OFFER_TIMEOUT_SQL})
        ${deps.db.skipLocked ? 'FOR UPDATE OF c SKIP LOCKED' : ''}`,
      [deps.config.offerTimeoutSeconds],
    );
    for (const chat of due) {
      await tx.query(
        "UPDATE chats SET status = 'queued', agent_id = NULL, offered_at = NULL, passed_by = array_append(passed_by, agent_id::text) WHERE id = $1",
        [chat.id],
      );
      await tx.query("UPDATE users SET status = 'away', away_reason = 'not_responding' WHERE id = $1 AND status = 'available'", [chat.agent_id]);
    }
    return due;
  });

  const expired = await deps.db.transaction(async (tx) => {
    // Chats first, then agents: the lock order of the router and chatEnder. The expiry is checked
    // in the same statement that takes each chat, so a heartbeat that already landed keeps the offer.
    const chats = await tx.query<Returned>(
      `WITH old AS (SELECT c.id, c.queue_id, c.agent_id FROM chats c JOIN users u ON u.id = c.agent_id
                     WHERE c.status = 'offered' AND u.status <> 'offline' AND u.presence_expires_at < now() FOR UPDATE OF c)
       UPDATE chats c SET status = 'queued', agent_id = NULL, offered_at = NULL
         FROM old WHERE c.id = old.id RETURNING old.id, old.queue_id, old.agent_id`,
    );
    const agents = await tx.query<{ id: string }>(
      "UPDATE users SET status = 'offline' WHERE status <> 'offline' AND presence_expires_at < now() RETURNING id",
    );
    return { agents: agents.map((a) => a.id), chats };
  });

  const items = await returnOfflineOffers(deps, expired.agents);

  const queues = new Set<string>(items.map((i) => i.queue_id));
  for (const item of items) deps.publish.toAgent(item.agent_id, 'offline:withdrawn', { id: item.id });
  for (const chat of [...timedOut, ...expired.chats]) {
    queues.add(chat.queue_id);
    deps.publish.toAgent(chat.agent_id, 'offer:withdrawn', { chatId: chat.id });
    deps.log.info({ chatId: chat.id, agentId: chat.agent_id }, 'offer returned to the line');
  }
  const agents = new Set([...timedOut.map((c) => c.agent_id), ...items.filter((i) => i.timedOut).map((i) => i.agent_id), ...expired.agents]);
  for (const agentId of agents) await pushAgentState(deps, agentId);
  for (const queueId of queues) await broadcastPlaces(deps, queueId);
  deps.kickRouter([...queues]);
}

/** Safety net: route every queue that has someone waiting (covers queues opening by their hours). */
export async function kickWaitingQueues(deps: Deps): Promise<void> {
  const rows = await deps.db.query<{ queue_id: string }>("SELECT DISTINCT queue_id FROM chats WHERE status = 'queued'");
  deps.kickRouter(rows.map((r) => r.queue_id));
}

/**
 * Offline item offers not answered in time go to someone else (the silent
 * agent is set Away, as for chats); agents who went Offline hand back what
 * was offered to them and what they had taken but not answered.
 */
async function returnOfflineOffers(deps: Deps, offlineAgents: string[]): Promise<Array<Returned & { timedOut: boolean }>> {
  return deps.db.transaction(async (tx) => {
    const due = await tx.query<Returned>(
      `WITH old AS (SELECT o.id, o.queue_id, o.offered_to AS agent_id FROM offline_items o JOIN queues q ON q.id = o.queue_id
                     WHERE o.status = 'open' AND o.offered_to IS NOT NULL AND o.offered_at < now() - make_interval(secs => ${OFFER_TIMEOUT_SQL})
                     FOR UPDATE OF o SKIP LOCKED)
       UPDATE offline_items o SET offered_to = NULL, offered_at = NULL, passed_by = array_append(o.passed_by, old.agent_id::text)
         FROM old WHERE o.id = old.id RETURNING old.id, old.queue_id, old.agent_id`,
      [deps.config.offerTimeoutSeconds],
    );
    for (const item of due) {
      await tx.query("UPDATE users SET status = 'away', away_reason = 'not_responding' WHERE id = $1 AND status = 'available'", [item.agent_id]);
    }
    const released = offlineAgents.length
      ? await tx.query<Returned>(
          `WITH old AS (SELECT id, queue_id, coalesce(offered_to, assigned_to) AS agent_id FROM offline_items
                         WHERE status = 'open' AND (offered_to = ANY($1::uuid[]) OR assigned_to = ANY($1::uuid[])) FOR UPDATE)
           UPDATE offline_items o SET offered_to = NULL, offered_at = NULL, assigned_to = NULL
             FROM old WHERE o.id = old.id RETURNING old.id, old.queue_id, old.agent_id`,
          [offlineAgents],
        )
      : [];
    return [...due.map((i) => ({ ...i, timedOut: true })), ...released.map((i) => ({ ...i, timedOut: false }))];
  });
}
