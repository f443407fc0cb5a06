/**
 * Work going back in line: a declined or timed-out offer, an agent whose
 * presence expired, a deactivated agent. Chats keep their queued_at (their
 * place); offline items go back to the pool. One statement per kind, called
 * with the rows locked in the caller's transaction; one announcement after
 * commit, so every path tells agents, customers and the router the same way.
 */
import type { Queryable } from '../db/db.js';
import type { Deps } from './deps.js';
import { broadcastPlaces } from './placeBroadcaster.js';

export interface ReturnedChat {
  id: string;
  queue_id: string;
  /** The agent it was offered to or held by. */
  agent_id: string;
}

export interface ReturnedItem {
  id: string;
  queue_id: string;
  agent_id: string;
}

/**
 * Puts these chats back in line. `passed`: the agent passed on it (declined,
 * let it time out), so the router tries others first.
 */
export async function returnChatsToLine(tx: Queryable, chatIds: string[], passed: boolean): Promise<ReturnedChat[]> {
  if (!chatIds.length) return [];
  return tx.query<ReturnedChat>(
    `WITH old AS (SELECT id, queue_id, agent_id FROM chats WHERE id = ANY($1::uuid[]) AND status IN ('offered', 'active'))
     UPDATE chats c SET status = 'queued', agent_id = NULL, offered_at = NULL, accepted_at = NULL,
                        passed_by = CASE WHEN $2 THEN array_append(c.passed_by, old.agent_id::text) ELSE c.passed_by END
       FROM old WHERE c.id = old.id RETURNING old.id, old.queue_id, old.agent_id`,
    [chatIds, passed],
  );
}

/** Offline items offered to these agents, or in their hands, go back to the pool. */
export async function releaseOfflineItems(tx: Queryable, itemIds: string[], passed: boolean): Promise<ReturnedItem[]> {
  if (!itemIds.length) return [];
  return tx.query<ReturnedItem>(
    `WITH old AS (SELECT id, queue_id, coalesce(offered_to, assigned_to) AS agent_id FROM offline_items
                   WHERE id = ANY($1::uuid[]) AND status = 'open')
     UPDATE offline_items o SET offered_to = NULL, offered_at = NULL, assigned_to = NULL,
                                passed_by = CASE WHEN $2 THEN array_append(o.passed_by, old.agent_id::text) ELSE o.passed_by END
       FROM old WHERE o.id = old.id RETURNING old.id, old.queue_id, old.agent_id`,
    [itemIds, passed],
  );
}

/** After commit: withdraw the offers from the agents' consoles, update the line, and route again. */
export async function announceReturns(deps: Deps, chats: ReturnedChat[], items: ReturnedItem[] = []): Promise<void> {
  for (const chat of chats) {
    deps.publish.toAgent(chat.agent_id, 'offer:withdrawn', { chatId: chat.id });
    deps.publish.detachAgentFromChat(chat.agent_id, chat.id);
    deps.log.info({ chatId: chat.id, agentId: chat.agent_id }, 'chat returned to the line');
  }
  for (const item of items) deps.publish.toAgent(item.agent_id, 'offline:withdrawn', { id: item.id });
  const queues = [...new Set([...chats.map((c) => c.queue_id), ...items.map((i) => i.queue_id)])];
  // The returned customers are in line again: this tells them their place too.
  for (const queueId of queues) await broadcastPlaces(deps, queueId);
  deps.kickRouter(queues);
}
