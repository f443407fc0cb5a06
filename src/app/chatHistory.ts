/** An agent's past chats, searchable by the customer's name or any collected value (e.g. their email). */
import type { Queryable } from '../db/db.js';
import type { AgentChatView, ChatHistoryItem } from '../protocol/views.js';
import { agentChatTranscript, type AgentIdentity, loadChatForAgent } from './agentChats.js';
import type { ChatRow } from './chatViews.js';
import { AppError } from './errors.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchHistory(db: Queryable, agent: AgentIdentity, query: string, limit = 50): Promise<ChatHistoryItem[]> {
  const pattern = `%${escapeLike(query.trim())}%`;
  const rows = await db.query<
    ChatRow & { queue_name: string; ended_at: Date; email: string | null; messages: number }
  >(
    `SELECT c.*, q.name AS queue_name,
            (SELECT v.value FROM jsonb_each_text(c.customer_data->'values') v
              WHERE v.value LIKE '%@%' LIMIT 1) AS email,
            (SELECT count(*) FROM chat_events e WHERE e.chat_id = c.id AND e.kind = 'message')::int AS messages
       FROM chats c JOIN queues q ON q.id = c.queue_id
      WHERE c.client_id = $1 AND c.agent_id = $2 AND c.status = 'ended' AND c.accepted_at IS NOT NULL
        AND ($3 = '%%' OR c.customer_name ILIKE $3
             OR EXISTS (SELECT 1 FROM jsonb_each_text(c.customer_data->'values') v WHERE v.value ILIKE $3))
      ORDER BY c.ended_at DESC LIMIT $4`,
    [agent.clientId, agent.userId, pattern, limit],
  );
  return rows.map((r) => ({
    chatId: r.id,
    queueName: r.queue_name,
    customerName: r.customer_name,
    customerEmail: r.email,
    startedAt: new Date(r.queued_at).toISOString(),
    endedAt: new Date(r.ended_at).toISOString(),
    endedBy: r.ended_by,
    messageCount: r.messages,
  }));
}

/** The transcript of one of the agent's own past chats. */
export async function historyTranscript(db: Queryable, agent: AgentIdentity, chatId: string): Promise<AgentChatView> {
  const chat = await loadChatForAgent(db, agent, chatId);
  if (chat.agent_id !== agent.userId || chat.status !== 'ended') throw new AppError('not_found', 'Chat not found in your history.');
  return agentChatTranscript(db, chat);
}
