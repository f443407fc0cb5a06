/**
 * Declined offers (chat_declines, migration 20). An agent who declines a chat
 * is not offered it again for DECLINE_COOLDOWN_SECONDS: when nobody else is
 * free the chat waits rather than bouncing straight back to them, and another
 * agent may take it at any time. Once the cooldown is over the leader's
 * safety-net pass (every 5 s, src/app/sweeper.ts kickWaitingQueues) offers it
 * again, to them among others (chats.passed_by still ranks them last).
 */
import type { Queryable } from '../db/db.js';

/** Records (or renews) the agent's decline of the chat. Call in the transaction that returns the chat to the line. */
export async function recordDecline(tx: Queryable, chat: { id: string; client_id: string }, agentId: string): Promise<void> {
  await tx.query(
    `INSERT INTO chat_declines (chat_id, agent_id, client_id) VALUES ($1, $2, $3)
     ON CONFLICT (chat_id, agent_id) DO UPDATE SET declined_at = now()`,
    [chat.id, agentId, chat.client_id],
  );
}

/**
 * A column for the router's SELECT of waiting chats: the ids (text) of agents who declined the chat
 * less than `cooldownParam` seconds ago. One index lookup per chat, no extra round trip.
 */
export const recentDeclinersSql = (chat: string, cooldownParam: string): string =>
  `(SELECT coalesce(array_agg(d.agent_id::text), '{}') FROM chat_declines d
     WHERE d.chat_id = ${chat}.id AND d.declined_at > now() - make_interval(secs => ${cooldownParam})) AS declined_recently`;
