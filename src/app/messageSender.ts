/** messageSender: stores a chat message once per client id, then tells both sides. */
import { z } from 'zod';
import { MESSAGE_MAX_CHARS as MESSAGE_MAX } from '../protocol/limits.js';
import type { Db } from '../db/db.js';
import type { ChatEventView } from '../protocol/views.js';
import type { AgentIdentity } from './agentChats.js';
import { loadChatForAgent } from './agentChats.js';
import { appendEvent, publishEvent } from './chatLog.js';
import { type ChatRow, type EventRow, toEventView } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { type BatchOutcome, type GroupCommit, groupCommit } from './groupCommit.js';
import { type PendingMessage, storeMessages } from './messageBatch.js';

export const MessageInput = z.object({
  clientMsgId: z.string().min(1).max(64),
  body: z.string().max(MESSAGE_MAX, `Messages can be at most ${MESSAGE_MAX} characters.`).refine((b) => b.trim().length > 0, 'A message cannot be empty.'),
  /**
   * The clientMsgId of the sender's previous message in its outbox, when that one was still
   * unacknowledged as this one went out (browsers send without waiting for each ack). This one
   * is stored only after it: should the previous one have failed, this one is refused with
   * `out_of_order` rather than overtaking it, so the thread keeps the order typed.
   */
  after: z.string().min(1).max(64).optional(),
});

/**
 * `connectionId`: the sending socket (opaque here). It learns of its message from the ack,
 * so the broadcast leaves it out; the sender's other sockets (tabs) still get the event.
 */
export type Sender = ({ kind: 'customer'; chatId: string } | { kind: 'agent'; agent: AgentIdentity; chatId: string }) & { connectionId?: string };

/** PostgreSQL's unique_violation: a copy of the same clientMsgId committed while this one ran. */
const UNIQUE_VIOLATION = '23505';

function errorCode(error: unknown): unknown {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  return typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
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
 * unusual — a retry, an ended chat, a chat that is not the agent's — is not
 * stored there, for the careful path to explain.
 *
 * Messages go through a group commit (groupCommit.ts): those arriving while
 * stores are in flight share one statement (messageBatch.ts), that statement
 * over arrays. A batch undone by anything (a racing copy from another node, a
 * deadlock with its batch, one message PostgreSQL refuses) is stored again one
 * message at a time, so no innocent message fails with it.
 */
/** Bounds of the group commit; a batch of 128 is well under PostgreSQL's parameter and plan costs, 3 in flight keep both cores busy. */
export const MESSAGE_BATCHING = { maxBatch: 128, maxInFlight: 3 };

const batchers = new WeakMap<Db, GroupCommit<PendingMessage, EventRow>>();

/** Batches per database (a process has one; tests open several). */
function batcherFor(db: Db): GroupCommit<PendingMessage, EventRow> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = groupCommit((messages) => storeMessages(db, messages), MESSAGE_BATCHING);
    batchers.set(db, batcher);
  }
  return batcher;
}

/** The group commit that stores `db`'s messages (its counters show how messages were batched). */
export const messageBatching = (db: Db) => batcherFor(db).stats;

/**
 * The message's own answer from its batch: the stored event, else the careful path's. All of
 * it runs while the chat's key is busy, so one sender's messages keep their order.
 */
async function settle(deps: Deps, sender: Sender, message: PendingMessage, outcome: BatchOutcome<EventRow>): Promise<ChatEventView> {
  if (outcome.status === 'stored') return toEventView(outcome.value);
  if (outcome.status === 'failed') {
    // Alone now, whatever undid the batch: a racing copy from another node (unique violation), a
    // deadlock with its batch, or something wrong with one message that must not fail the others.
    // A copy that won is stored, so this one is not (no row, or the index again): the careful path acknowledges it.
    try {
      const [row] = await storeMessages(deps.db, [message]);
      if (row) return toEventView(row);
    } catch (error) {
      if (errorCode(error) !== UNIQUE_VIOLATION) throw error;
    }
  }
  return storeCarefully(deps, sender, message);
}

export async function sendMessage(deps: Deps, sender: Sender, input: { clientMsgId: string; body: string; after?: string | undefined }): Promise<ChatEventView> {
  const publish = sender.connectionId ? deps.publish.except(sender.connectionId) : deps.publish;
  const agent = sender.kind === 'agent' ? sender.agent : null;
  const message: PendingMessage = {
    chatId: sender.chatId,
    author: sender.kind,
    body: input.body.replace(/\s+$/, ''),
    clientMsgId: input.clientMsgId,
    agentId: agent?.userId ?? null,
    agentClientId: agent?.clientId ?? null,
    agentName: agent?.displayName ?? null,
    after: input.after ?? null,
  };
  const event = await batcherFor(deps.db).submit(sender.chatId.toLowerCase(), message, (outcome) => settle(deps, sender, message, outcome));
  // A retry is published again too: the first attempt may have been stored by a node that died
  // before publishing it. Receivers de-duplicate by seq, so a second copy costs nothing.
  publishEvent(publish, event);
  return event;
}

/** Anything unusual — a retry, an ended chat, a chat that is not the agent's — explained in a transaction. */
async function storeCarefully(deps: Deps, sender: Sender, input: PendingMessage): Promise<ChatEventView> {
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
      body: input.body,
      clientMsgId: input.clientMsgId,
    };
    const event =
      sender.kind === 'agent'
        ? { ...base, author: 'agent' as const, authorId: sender.agent.userId, authorName: sender.agent.displayName }
        : { ...base, author: 'customer' as const, authorName: chat.customer_name };
    const held = async (clientMsgId: string) =>
      (await tx.query('SELECT 1 FROM chat_events WHERE chat_id = $1 AND author = $2 AND client_msg_id = $3', [chat.id, event.author, clientMsgId])).length > 0;
    // A retry of a message stored before the chat ended is still acknowledged.
    if (chat.status === 'ended' && !(await held(input.clientMsgId))) throw new AppError('chat_ended', 'This chat has ended.');
    // Not stored yet, and the message before it is not either: it must not overtake that one.
    if (input.after && !(await held(input.after)) && !(await held(input.clientMsgId))) {
      throw new AppError('out_of_order', 'The message before this one is not sent yet.');
    }
    return appendEvent(tx, chat, event);
  });
  return appended.event;
}
