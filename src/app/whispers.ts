/**
 * whispers: a supervisor's (or admin's) note to the agent of a chat in
 * progress. Stored in `whispers`, never in `chat_events`, so no customer read
 * (sync, transcript, export) can carry one; published to the chat's agent and
 * to the supervisors watching the chat, never to the customer's room.
 * Stored first, then acknowledged, then published; a retry (same clientMsgId)
 * answers the stored whisper and publishes it again (receivers keep one per id).
 */
import { z } from 'zod';
import type { Queryable } from '../db/db.js';
import { WHISPER_MAX_LENGTH, type WhisperView } from '../protocol/supervisor.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { newId } from './secrets.js';

export const WhisperInput = z.object({
  chatId: z.uuid('Unknown chat.'),
  clientMsgId: z.string().min(1, 'A whisper needs an id.').max(64, 'At most 64 characters.'),
  body: z
    .string()
    .max(WHISPER_MAX_LENGTH, `A whisper can be at most ${WHISPER_MAX_LENGTH} characters.`)
    .refine((b) => b.trim().length > 0, 'A whisper cannot be empty.'),
});
export type WhisperInput = z.infer<typeof WhisperInput>;

export interface Supervisor {
  userId: string;
  clientId: string;
  displayName: string;
}

interface WhisperRow extends Record<string, unknown> {
  id: string;
  chat_id: string;
  author_name: string;
  body: string;
  after_seq: number;
  client_msg_id: string;
  created_at: Date;
}

const toView = (row: WhisperRow): WhisperView => ({
  id: row.id,
  chatId: row.chat_id,
  authorName: row.author_name,
  body: row.body,
  afterSeq: row.after_seq,
  clientMsgId: row.client_msg_id,
  at: new Date(row.created_at).toISOString(),
});

const COLUMNS = 'id, chat_id, author_name, body, after_seq, client_msg_id, created_at';

export async function sendWhisper(deps: Deps, author: Supervisor, input: WhisperInput): Promise<WhisperView> {
  const { whisper, agentId } = await deps.db.transaction(async (tx) => {
    const [chat] = await tx.query<{ status: string; agent_id: string | null; last_seq: number }>(
      'SELECT status, agent_id, last_seq FROM chats WHERE id = $1 AND client_id = $2 FOR UPDATE',
      [input.chatId, author.clientId],
    );
    if (!chat) throw new AppError('not_found', 'Chat not found.');
    const [stored] = await tx.query<WhisperRow & { agent_id: string | null }>(
      `SELECT ${COLUMNS}, agent_id FROM whispers WHERE chat_id = $1 AND author_id = $2 AND client_msg_id = $3`,
      [input.chatId, author.userId, input.clientMsgId],
    );
    if (stored) return { whisper: toView(stored), agentId: stored.agent_id };
    if (chat.status !== 'active' || !chat.agent_id) {
      throw new AppError(chat.status === 'ended' ? 'chat_ended' : 'conflict', 'Whispers go to the agent of a chat in progress.');
    }
    const [row] = await tx.query<WhisperRow>(
      `INSERT INTO whispers (id, client_id, chat_id, author_id, author_name, agent_id, body, after_seq, client_msg_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [newId(), author.clientId, input.chatId, author.userId, author.displayName, chat.agent_id, input.body, chat.last_seq, input.clientMsgId],
    );
    return { whisper: toView(row!), agentId: chat.agent_id };
  });
  // Only the agent's sockets and the watchers: never the chat's customer room.
  if (agentId) deps.publish.toAgent(agentId, 'chat:whisper', whisper);
  deps.publish.toWatchers(input.chatId, 'chat:whisper', whisper);
  return whisper;
}

/** The whispers of these chats (the console's open chats, or one watched chat), oldest first. */
export async function whispersOf(db: Queryable, clientId: string, chatIds: readonly string[]): Promise<WhisperView[]> {
  if (!chatIds.length) return [];
  const rows = await db.query<WhisperRow>(
    `SELECT ${COLUMNS} FROM whispers WHERE client_id = $1 AND chat_id = ANY($2::uuid[]) ORDER BY created_at, id`,
    [clientId, chatIds],
  );
  return rows.map(toView);
}
