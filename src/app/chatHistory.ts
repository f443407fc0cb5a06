/**
 * Past chats, searchable by the customer's name, any collected value (e.g. their email) or the words of
 * any message: an agent's own, or (for admins, supervisors and API tokens with chats:read) every
 * agent's of the client.
 */
import type { Queryable } from '../db/db.js';
import type { AgentChatView, ChatHistoryItem } from '../protocol/views.js';
import { agentChatTranscript, type AgentIdentity, loadChatForAgent } from './agentChats.js';
import type { ChatRow } from './chatViews.js';
import { checkStaffRead } from './transcripts/chatAccess.js';
import { surveysOf } from './surveys.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Whose past chats: one agent's (`userId`), or, with `wholeClient`, every agent's of the client. */
export type HistoryReader = AgentIdentity | { clientId: string; wholeClient: true };

const agentOf = (reader: HistoryReader): string | null => ('wholeClient' in reader ? null : reader.userId);

/** An agent's past chats are every chat they held: the last holder's, and those they transferred on (chat_acceptances). */
const HELD_BY_AGENT = '(c.agent_id = $4 OR EXISTS (SELECT 1 FROM chat_acceptances a WHERE a.chat_id = c.id AND a.agent_id = $4))';

export async function searchHistory(db: Queryable, reader: HistoryReader, query: string, limit = 50): Promise<ChatHistoryItem[]> {
  const agentId = agentOf(reader);
  const pattern = `%${escapeLike(query.trim())}%`;
  const rows = await db.query<
    ChatRow & { queue_name: string; ended_at: Date; email: string | null; messages: number; agent_name: string | null; matched: string | null }
  >(
    `SELECT c.*, q.name AS queue_name, (SELECT u.display_name FROM users u WHERE u.id = c.agent_id) AS agent_name,
            (SELECT v.value FROM jsonb_each_text(c.customer_data->'values') v
              WHERE v.value LIKE '%@%' LIMIT 1) AS email,
            (SELECT count(*) FROM chat_events e WHERE e.chat_id = c.id AND e.kind = 'message')::int AS messages,
            m.body AS matched
       FROM chats c JOIN queues q ON q.id = c.queue_id
       -- The first message with the words, when the words are not in the name or the collected values.
       LEFT JOIN LATERAL (SELECT e.body FROM chat_events e
                           WHERE $2 <> '%%' AND e.chat_id = c.id AND e.kind = 'message' AND e.body ILIKE $2
                           ORDER BY e.seq LIMIT 1) m ON true
      WHERE c.client_id = $1 AND ${agentId ? HELD_BY_AGENT : 'c.agent_id IS NOT NULL'} AND c.status = 'ended' AND c.accepted_at IS NOT NULL
        AND ($2 = '%%' OR c.customer_name ILIKE $2 OR m.body IS NOT NULL
             OR EXISTS (SELECT 1 FROM jsonb_each_text(c.customer_data->'values') v WHERE v.value ILIKE $2))
      ORDER BY c.ended_at DESC LIMIT $3`,
    agentId ? [reader.clientId, pattern, limit, agentId] : [reader.clientId, pattern, limit],
  );
  const surveys = await surveysOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    chatId: r.id,
    queueName: r.queue_name,
    customerName: r.customer_name,
    customerEmail: r.email,
    startedAt: new Date(r.queued_at).toISOString(),
    endedAt: new Date(r.ended_at).toISOString(),
    endedBy: r.ended_by,
    messageCount: r.messages,
    agentName: r.agent_name,
    survey: surveys.get(r.id) ?? null,
    matchedText: r.matched === null ? null : excerptAround(r.matched, query.trim()),
  }));
}

const EXCERPT_CHARS = 120;

/** Up to EXCERPT_CHARS of `text` around the first place it holds `words` (case-insensitive), with … where cut. */
export function excerptAround(text: string, words: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const at = Math.max(0, flat.toLowerCase().indexOf(words.toLowerCase()));
  const start = Math.max(0, Math.min(at - Math.floor((EXCERPT_CHARS - words.length) / 2), flat.length - EXCERPT_CHARS));
  const end = start + EXCERPT_CHARS;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

/** The transcript of one past chat of the reader's (the agent's own, or any of the client's). */
export async function historyTranscript(db: Queryable, reader: HistoryReader, chatId: string): Promise<AgentChatView> {
  const agentId = agentOf(reader);
  const chat = await loadChatForAgent(db, reader, chatId);
  const held = !agentId || chat.agent_id === agentId || (await db.query('SELECT 1 FROM chat_acceptances WHERE chat_id = $1 AND agent_id = $2', [chat.id, agentId])).length > 0;
  // The same answers as the transcript file of the chat (src/app/transcripts/chatAccess.ts).
  checkStaffRead(chat, !agentId, held);
  return agentChatTranscript(db, chat);
}
