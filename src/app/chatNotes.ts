/**
 * Internal notes: a staff-only note on a chat, by its agent, or by a supervisor or admin who views it.
 * Stored in `chat_notes`, never in `chat_events`, so no customer read (the customer's room, chat:sync,
 * the transcript, the customer's own data) can carry one. Published to the chat's agent and to the
 * supervisors watching it, never to the customer's room. They stay with the chat: the agent it is
 * transferred to, the agent's history and the admin's customer-data export read them.
 * Stored first, then acknowledged, then published; a retry (same clientMsgId) answers the stored note
 * and publishes it again (receivers keep one per id).
 */
import { z } from 'zod';
import type { Queryable } from '../db/db.js';
import { type ChatNoteView, NOTE_MAX_LENGTH } from '../protocol/staffNotes.js';
import type { Session } from './auth.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { newId } from './secrets.js';

export const NoteInput = z.object({
  chatId: z.uuid('Unknown chat.'),
  clientMsgId: z.string().min(1, 'A note needs an id.').max(64, 'At most 64 characters.'),
  body: z
    .string()
    .max(NOTE_MAX_LENGTH, `A note can be at most ${NOTE_MAX_LENGTH} characters.`)
    .refine((b) => b.trim().length > 0, 'A note cannot be empty.'),
});
export type NoteInput = z.infer<typeof NoteInput>;

export type NoteAuthor = Pick<Session, 'userId' | 'clientId' | 'displayName' | 'role'>;

interface NoteRow extends Record<string, unknown> {
  id: string;
  chat_id: string;
  author_name: string;
  author_role: ChatNoteView['authorRole'];
  body: string;
  after_seq: number;
  client_msg_id: string;
  created_at: Date;
}

const COLUMNS = 'id, chat_id, author_name, author_role, body, after_seq, client_msg_id, created_at';

const toView = (row: NoteRow): ChatNoteView => ({
  id: row.id,
  chatId: row.chat_id,
  authorName: row.author_name,
  authorRole: row.author_role,
  body: row.body,
  afterSeq: row.after_seq,
  clientMsgId: row.client_msg_id,
  at: new Date(row.created_at).toISOString(),
});

/**
 * `ownChatOnly`: the console (/agent) writes on the caller's own chats only, whatever their role; the live
 * view (/supervisor) lets supervisors and admins write on any chat of their client.
 */
export async function addNote(deps: Deps, author: NoteAuthor, input: NoteInput, ownChatOnly: boolean): Promise<ChatNoteView> {
  const { note, agentId } = await deps.db.transaction(async (tx) => {
    const [chat] = await tx.query<{ agent_id: string | null; last_seq: number }>(
      'SELECT agent_id, last_seq FROM chats WHERE id = $1 AND client_id = $2 FOR UPDATE',
      [input.chatId, author.clientId],
    );
    if (!chat) throw new AppError('not_found', 'Chat not found.');
    // An agent writes on their own chats; supervisors and admins on any chat of the client they view.
    if ((ownChatOnly || author.role === 'agent') && chat.agent_id !== author.userId) throw new AppError('forbidden', 'This chat is not yours.');
    const [stored] = await tx.query<NoteRow>(`SELECT ${COLUMNS} FROM chat_notes WHERE chat_id = $1 AND author_id = $2 AND client_msg_id = $3`, [
      input.chatId,
      author.userId,
      input.clientMsgId,
    ]);
    if (stored) return { note: toView(stored), agentId: chat.agent_id };
    const [row] = await tx.query<NoteRow>(
      `INSERT INTO chat_notes (id, client_id, chat_id, author_id, author_name, author_role, body, after_seq, client_msg_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [newId(), author.clientId, input.chatId, author.userId, author.displayName, author.role, input.body, chat.last_seq, input.clientMsgId],
    );
    return { note: toView(row!), agentId: chat.agent_id };
  });
  // Staff sockets only (the /agent and /supervisor namespaces): never the chat's customer room.
  if (agentId) deps.publish.toAgent(agentId, 'chat:note', note);
  if (author.role === 'agent' && agentId !== author.userId) deps.publish.toAgent(author.userId, 'chat:note', note);
  deps.publish.toWatchers(input.chatId, 'chat:note', note);
  return note;
}

/** The notes of these chats, oldest first. */
export async function notesOf(db: Queryable, clientId: string, chatIds: readonly string[]): Promise<ChatNoteView[]> {
  if (!chatIds.length) return [];
  const rows = await db.query<NoteRow>(
    `SELECT ${COLUMNS} FROM chat_notes WHERE client_id = $1 AND chat_id = ANY($2::uuid[]) ORDER BY created_at, id`,
    [clientId, chatIds],
  );
  return rows.map(toView);
}
