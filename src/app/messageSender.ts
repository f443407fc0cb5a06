/** messageSender: stores a chat message once per client id, then tells both sides. */
import { z } from 'zod';
import { MESSAGE_MAX_CHARS as MESSAGE_MAX } from '../protocol/limits.js';
import type { ChatEventView } from '../protocol/views.js';
import type { AgentIdentity } from './agentChats.js';
import { loadChatForAgent } from './agentChats.js';
import { appendEvent, publishEvent } from './chatLog.js';
import { type ChatRow, type EventRow, toEventView } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

export const MessageInput = z.object({
  clientMsgId: z.string().min(1).max(64),
  body: z.string().max(MESSAGE_MAX, `Messages can be at most ${MESSAGE_MAX} characters.`).refine((b) => b.trim().length > 0, 'A message cannot be empty.'),
});

/**
 * `connectionId`: the sending socket (opaque here). It learns of its message from the ack,
 * so the broadcast leaves it out; the sender's other sockets (tabs) still get the event.
 */
export type Sender = ({ kind: 'customer'; chatId: string } | { kind: 'agent'; agent: AgentIdentity; chatId: string }) & { connectionId?: string };

/** PostgreSQL's unique_violation: a copy of the same clientMsgId committed while this one ran. */
const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  return typeof cause === 'object' && cause !== null && (cause as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/**
 * The usual case in ONE statement and no explicit transaction: bump the
 * chat's sequence (only if the sender may write to it and this clientMsgId
 * is not stored yet) and insert the message. A retry of a stored message
 * fails the NOT EXISTS, so it bumps nothing. Two copies racing (PostgreSQL,
 * READ COMMITTED): both pass the NOT EXISTS, the second waits on the chat's
 * row lock and then bumps too, but its INSERT hits the unique index and
 * raises — there is deliberately no ON CONFLICT — which undoes the whole
 * statement, its bump included. So a seq is never used without its event:
 * no hole for clients to sync around (tests/hotPath.test.ts). Anything
 * unusual — a retry, an ended chat, a chat that is not the agent's — returns
 * null for the careful path to explain.
 */
async function storeUsualMessage(deps: Deps, sender: Sender, body: string, clientMsgId: string): Promise<ChatEventView | null> {
  const agent = sender.kind === 'agent' ? sender.agent : null;
  try {
    const [row] = await deps.db.query<EventRow>(
      `WITH chat AS (
         UPDATE chats SET last_seq = last_seq + 1, last_event_at = now(), last_message_at = now(), inactivity_warned_at = NULL
          WHERE id = $1 AND status <> 'ended'
            AND ($5::uuid IS NULL OR (agent_id = $5::uuid AND client_id = $6::uuid AND status = 'active'))
            AND NOT EXISTS (SELECT 1 FROM chat_events WHERE chat_id = $1 AND author = $2 AND client_msg_id = $4)
          RETURNING id, client_id, last_seq, customer_name)
       INSERT INTO chat_events (chat_id, seq, client_id, kind, author, author_id, author_name, body, client_msg_id)
       SELECT id, last_seq, client_id, 'message', $2, $5::uuid, coalesce($7, customer_name), $3, $4 FROM chat
       RETURNING *`,
      [sender.chatId, sender.kind, body, clientMsgId, agent?.userId ?? null, agent?.clientId ?? null, agent?.displayName ?? null],
    );
    return row ? toEventView(row) : null;
  } catch (error) {
    // The copy that won is stored; the careful path finds it and acknowledges it.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function sendMessage(deps: Deps, sender: Sender, input: { clientMsgId: string; body: string }): Promise<ChatEventView> {
  const publish = sender.connectionId ? deps.publish.except(sender.connectionId) : deps.publish;
  const stored = await storeUsualMessage(deps, sender, input.body.replace(/\s+$/, ''), input.clientMsgId);
  if (stored) {
    publishEvent(publish, stored);
    return stored;
  }
  const appended = await deps.db.transaction(async (tx) => {
    let chat: ChatRow;
    if (sender.kind === 'agent') {
      chat = await loadChatForAgent(tx, sender.agent, sender.chatId, true);
      if (chat.agent_id !== sender.agent.userId || chat.status === 'offered') throw new AppError('forbidden', 'This chat is not yours.');
    } else {
      const [row] = await tx.query<ChatRow>('SELECT * FROM chats WHERE id = $1 FOR UPDATE', [sender.chatId]);
      if (!row) throw new AppError('not_found', 'Chat not found.');
      chat = row;
    }
    const base = {
      kind: 'message' as const,
      body: input.body.replace(/\s+$/, ''),
      clientMsgId: input.clientMsgId,
    };
    const event =
      sender.kind === 'agent'
        ? { ...base, author: 'agent' as const, authorId: sender.agent.userId, authorName: sender.agent.displayName }
        : { ...base, author: 'customer' as const, authorName: chat.customer_name };
    // A retry of a message stored before the chat ended is still acknowledged.
    if (chat.status === 'ended') {
      const [dup] = await tx.query('SELECT 1 FROM chat_events WHERE chat_id = $1 AND author = $2 AND client_msg_id = $3', [
        chat.id,
        event.author,
        input.clientMsgId,
      ]);
      if (!dup) throw new AppError('chat_ended', 'This chat has ended.');
    }
    return appendEvent(tx, chat, event);
  });
  // A retry is published again too: the first attempt may have been stored by a node that died
  // before publishing it. Receivers de-duplicate by seq, so a second copy costs nothing.
  publishEvent(publish, appended.event);
  return appended.event;
}
