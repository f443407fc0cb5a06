/**
 * Work going back in line: a declined or timed-out offer, an agent whose
 * presence expired, a deactivated agent. Chats keep their queued_at (their
 * place); offline items go back to the pool. One statement per kind, called
 * with the rows locked in the caller's transaction; one announcement after
 * commit, so every path tells agents, customers and the router the same way.
 * A customer who was talking to the agent reads why they are waiting again
 * (a system line in the chat, stored with the return); the conversation stays.
 */
import type { Queryable } from '../db/db.js';
import { CHAT_TRANSITIONS, fromStatusSql, passedOn, type ReturnReason } from '../domain/chatStates.js';
import type { SystemLineId } from '../protocol/systemLines.js';
import type { ChatEventView, SystemEventType } from '../protocol/views.js';
import { appendSystemLine, publishEvent } from './chatLog.js';
import type { Deps } from './deps.js';
import { broadcastPlaces } from './placeBroadcaster.js';

export interface ReturnedChat {
  id: string;
  queue_id: string;
  /** The agent it was offered to or held by. */
  agent_id: string;
  /** Whether the agent had accepted it (the customer was talking to them). */
  was_active: boolean;
  /** The chat's state version once back in line (OfferView.version). */
  state_version: number;
  /** The line telling the customer why they are back in line (active chats only). */
  notice?: ChatEventView;
}

/** What a customer in conversation reads when their agent is taken away, by reason. */
const NOTICES: Partial<Record<ReturnReason, SystemEventType & SystemLineId>> = {
  agent_gone: 'agent_disconnected',
  deactivated: 'agent_removed',
};

/** Returns that end an offer the agent turned down or let run out, as the reports count them. */
const OFFER_OUTCOMES: Partial<Record<ReturnReason, 'declined' | 'timed_out'>> = { decline: 'declined', offer_timeout: 'timed_out' };

export interface ReturnedItem {
  id: string;
  queue_id: string;
  agent_id: string;
}

/**
 * Puts these chats back in line (the `reason` is a transition of
 * src/domain/chatStates.ts; a chat not in one of its "from" states is left
 * alone). Declined and timed-out offers were passed on, so the router tries
 * others first. Call with the chats locked.
 */
export async function returnChatsToLine(tx: Queryable, chatIds: string[], reason: ReturnReason): Promise<ReturnedChat[]> {
  if (!chatIds.length) return [];
  const returned = await tx.query<ReturnedChat & { client_id: string; agent_name: string }>(
    `WITH old AS (SELECT c.id, c.client_id, c.queue_id, c.agent_id, c.status = 'active' AS was_active, u.display_name AS agent_name
                    FROM chats c JOIN users u ON u.id = c.agent_id
                   WHERE c.id = ANY($1::uuid[]) AND ${fromStatusSql(reason, 'c.status')})
     UPDATE chats c SET status = '${CHAT_TRANSITIONS[reason].to}', agent_id = NULL, offered_at = NULL, offer_seen_at = NULL, accepted_at = NULL,
                        passed_by = CASE WHEN $2 THEN array_append(c.passed_by, old.agent_id::text) ELSE c.passed_by END
       FROM old WHERE c.id = old.id RETURNING old.id, old.client_id, old.queue_id, old.agent_id, old.was_active, old.agent_name, c.state_version`,
    [chatIds, passedOn(reason)],
  );
  // A declined or ignored offer is kept for the reports (offer_outcomes, migration 21).
  const outcome = OFFER_OUTCOMES[reason];
  const offers = returned.filter((chat) => !chat.was_active);
  if (outcome && offers.length) {
    await tx.query(
      `INSERT INTO offer_outcomes (client_id, queue_id, chat_id, agent_id, outcome)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS o, (SELECT $5::text) AS kind`,
      [offers.map((c) => c.client_id), offers.map((c) => c.queue_id), offers.map((c) => c.id), offers.map((c) => c.agent_id), outcome],
    );
  }
  const notice = NOTICES[reason];
  const chats: ReturnedChat[] = [];
  for (const { client_id, agent_name, ...chat } of returned) {
    if (!chat.was_active || !notice) {
      chats.push(chat);
      continue;
    }
    const line = await appendSystemLine(tx, { id: chat.id, client_id }, { system: notice, line: { id: notice, params: { name: agent_name } }, authorId: chat.agent_id, authorName: agent_name });
    chats.push({ ...chat, notice: line.event });
  }
  return chats;
}

/** Offline items offered to these agents, or in their hands, go back to the pool. */
export async function releaseOfflineItems(tx: Queryable, itemIds: string[], passed: boolean): Promise<ReturnedItem[]> {
  if (!itemIds.length) return [];
  return tx.query<ReturnedItem>(
    `WITH old AS (SELECT id, queue_id, coalesce(offered_to, assigned_to) AS agent_id FROM offline_items
                   WHERE id = ANY($1::uuid[]) AND status = 'open')
     UPDATE offline_items o SET offered_to = NULL, offered_at = NULL, offer_seen_at = NULL, assigned_to = NULL,
                                passed_by = CASE WHEN $2 THEN array_append(o.passed_by, old.agent_id::text) ELSE o.passed_by END
       FROM old WHERE o.id = old.id RETURNING old.id, old.queue_id, old.agent_id`,
    [itemIds, passed],
  );
}

/** After commit: withdraw the offers from the agents' consoles, update the line, and route again. */
export async function announceReturns(deps: Deps, chats: ReturnedChat[], items: ReturnedItem[] = []): Promise<void> {
  for (const chat of chats) {
    // The customer reads why first; then the agent's console drops the chat (it is no longer theirs).
    if (chat.notice) publishEvent(deps.publish, chat.notice);
    if (chat.was_active) deps.publish.toAgent(chat.agent_id, 'chat:state', { chatId: chat.id, status: 'queued', endedBy: null });
    else deps.publish.toAgent(chat.agent_id, 'offer:withdrawn', { chatId: chat.id, version: chat.state_version });
    deps.publish.detachAgentFromChat(chat.agent_id, chat.id);
    deps.log.info({ chatId: chat.id, agentId: chat.agent_id }, 'chat returned to the line');
  }
  for (const item of items) deps.publish.toAgent(item.agent_id, 'offline:withdrawn', { id: item.id });
  const queues = [...new Set([...chats.map((c) => c.queue_id), ...items.map((i) => i.queue_id)])];
  // The returned customers are in line again: this tells them their place too.
  for (const queueId of queues) await broadcastPlaces(deps, queueId);
  deps.kickRouter(queues);
}
