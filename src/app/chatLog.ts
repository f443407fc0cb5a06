/**
 * The append-only event log of a chat. Every message and system event gets
 * the next per-chat sequence number inside the caller's transaction, so the
 * event is stored before anyone is told about it.
 */
import type { Queryable } from '../db/db.js';
import type { SystemLine } from '../protocol/systemLines.js';
import type { AttachmentView } from '../protocol/attachments.js';
import type { ChatEventView, SystemEventType } from '../protocol/views.js';
import { type EventRow, toEventView } from './chatViews.js';
import type { Publisher } from './deps.js';

export interface NewEvent {
  kind: 'message' | 'system';
  author: 'customer' | 'agent' | 'system';
  authorId?: string | null;
  authorName: string;
  body: string;
  system?: SystemEventType;
  /** A system line's id and parameters: readers render it in their language, so `body` stays empty. */
  line?: SystemLine;
  clientMsgId?: string;
  /** The file of an attachment message (src/app/attachments/), stored before this event. */
  attachment?: AttachmentView;
}

export interface NewSystemLine {
  system: SystemEventType;
  line: SystemLine;
  /** Who the line is about (the agent who joined or left); the queue's product name otherwise. */
  authorId?: string | null;
  authorName?: string;
}

/** Appends a system line (stored as its id and parameters, no sentence). Same locking rule as appendEvent. */
export function appendSystemLine(tx: Queryable, chat: { id: string; client_id: string }, input: NewSystemLine): Promise<Appended> {
  return appendEvent(tx, chat, {
    kind: 'system',
    author: 'system',
    authorId: input.authorId ?? null,
    authorName: input.authorName ?? 'Reactive Chat',
    body: '',
    system: input.system,
    line: input.line,
  });
}

export interface Appended {
  event: ChatEventView;
  /** False when the same clientMsgId was already stored (a retry): nothing new to publish. */
  created: boolean;
}

/** Call with the chat row locked (SELECT … FOR UPDATE) in the same transaction. */
export async function appendEvent(tx: Queryable, chat: { id: string; client_id: string }, input: NewEvent): Promise<Appended> {
  if (input.clientMsgId) {
    const [existing] = await tx.query<EventRow>(
      'SELECT * FROM chat_events WHERE chat_id = $1 AND author = $2 AND client_msg_id = $3',
      [chat.id, input.author, input.clientMsgId],
    );
    if (existing) return { event: toEventView(existing), created: false };
  }
  // A message restarts the chat's inactivity timeout (src/app/inactivity.ts).
  const timer = input.kind === 'message' ? ', last_message_at = now(), inactivity_warned_at = NULL' : '';
  // The chat's next seq and its event in one statement: one round trip, and never one without the other.
  const [row] = await tx.query<EventRow>(
    `WITH bumped AS (
       UPDATE chats SET last_seq = last_seq + 1, last_event_at = now()${timer} WHERE id = $1 RETURNING last_seq)
     INSERT INTO chat_events (chat_id, seq, client_id, kind, author, author_id, author_name, body, system_type, client_msg_id, line, attachment)
     SELECT $1::uuid, last_seq, $2::uuid, $3::text, $4::text, $5::uuid, $6::text, $7::text, $8::text, $9::text, $10::jsonb, $11::jsonb FROM bumped
     RETURNING *`,
    [
      chat.id,
      chat.client_id,
      input.kind,
      input.author,
      input.authorId ?? null,
      input.authorName,
      input.body,
      input.system ?? null,
      input.clientMsgId ?? null,
      input.line ? JSON.stringify(input.line) : null,
      input.attachment ? JSON.stringify(input.attachment) : null,
    ],
  );
  if (!row) throw new Error(`chat ${chat.id} vanished`);
  return { event: toEventView(row), created: true };
}

/** Tells both sides of a chat about a stored event. */
export function publishEvent(publish: Publisher, event: ChatEventView): void {
  publish.toCustomer(event.chatId, 'chat:event', event);
  publish.toChatAgents(event.chatId, 'chat:event', event);
}
