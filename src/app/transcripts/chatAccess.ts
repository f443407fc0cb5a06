/**
 * Who may read an ended chat after the fact, and the chat as its transcript needs it. A customer by
 * their chat token (that one chat); staff within their client only: an agent the chats they held
 * (chat_acceptances: accepted, transferred to them, back from the line), admins, supervisors and API
 * tokens with chats:read any chat of their client. Another client's chat is "not found".
 */
import type { Queryable } from '../../db/db.js';
import type { ChatEventView } from '../../protocol/views.js';
import { type ChatRow, eventsAfter } from '../chatViews.js';
import { AppError } from '../errors.js';
import { hashToken } from '../secrets.js';

export type EndedChat = ChatRow & { queue_name: string; ended_at: Date | null; survey_enabled: boolean };

export interface StaffReader {
  clientId: string;
  userId: string;
  role: 'admin' | 'supervisor' | 'agent';
  /** An API token acts for the whole client. */
  viaToken: boolean;
}

const SELECT_CHAT = `SELECT c.*, q.name AS queue_name, coalesce((q.config->>'surveyEnabled')::boolean, false) AS survey_enabled
  FROM chats c JOIN queues q ON q.id = c.queue_id`;

/** The chat a customer's token grants; refused as unauthorized for a token nobody holds. */
export async function chatOfToken(db: Queryable, token: string, lock = false): Promise<EndedChat> {
  const [chat] = await db.query<EndedChat>(`${SELECT_CHAT} WHERE c.token_hash = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [hashToken(token)]);
  if (!chat) throw new AppError('unauthorized', 'This chat link is not valid any more.');
  return chat;
}

export function requireEnded(chat: EndedChat): void {
  if (chat.status !== 'ended') throw new AppError('conflict', 'The chat has not ended yet.');
}

/**
 * The refusals of both staff routes of a past chat (its history view and its transcript file), after the
 * chat was found in the reader's client (unknown ids and other clients' chats are `not_found`, alike):
 * `forbidden` when the chat is the client's but the reader's role may not read it (an agent who never
 * held it), `conflict` while it has not ended.
 */
export function checkStaffRead(chat: { status: string }, wholeClient: boolean, held: boolean): void {
  if (!wholeClient && !held) throw new AppError('forbidden', 'This chat is not yours: agents read the chats they held.');
  if (chat.status !== 'ended') throw new AppError('conflict', 'The chat has not ended yet; its transcript is ready when it ends.');
}

/** An ended chat a staff reader may read; refusals name why without telling another client's chats apart. */
export async function chatForStaff(db: Queryable, reader: StaffReader, chatId: string): Promise<EndedChat> {
  const [chat] = await db.query<EndedChat & { held: boolean }>(
    `${SELECT_CHAT.replace('SELECT c.*', 'SELECT c.*, EXISTS (SELECT 1 FROM chat_acceptances a WHERE a.chat_id = c.id AND a.agent_id = $3) OR c.agent_id = $3 AS held')}
      WHERE c.id = $1 AND c.client_id = $2`,
    [chatId, reader.clientId, reader.userId],
  );
  if (!chat) throw new AppError('not_found', 'Chat not found.');
  checkStaffRead(chat, reader.viaToken || reader.role === 'admin' || reader.role === 'supervisor', chat.held);
  return chat;
}

/** Everyone who held the chat, first to last. */
export async function agentsOf(db: Queryable, chatId: string): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    `SELECT u.id::text, u.display_name AS name FROM chat_acceptances a JOIN users u ON u.id = a.agent_id
      WHERE a.chat_id = $1 GROUP BY u.id, u.display_name ORDER BY min(a.at), u.id`,
    [chatId],
  );
}

export function chatEvents(db: Queryable, chatId: string): Promise<ChatEventView[]> {
  return eventsAfter(db, chatId, 0);
}
