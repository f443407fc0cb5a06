/**
 * offlineItemCreator: when the queue is closed or nobody is available, the
 * customer leaves a message (mailed to the queue's address) or asks for a
 * callback. Both are stored first and listed for the client's agents.
 */
import { enqueueOfflineItemWebhook } from '../webhooks/webhookEvents.js';
import { z } from 'zod';
import { isEmail, isPhone } from '../domain/dataCollection.js';
import { hasControlCharacter } from '../domain/controlCharacters.js';
import type { Queryable } from '../db/db.js';
import { OFFLINE_MESSAGE_MAX_CHARS } from '../protocol/limits.js';
import type { OfflineItemView } from '../protocol/views.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { findQueueBySlug } from './queues.js';
import { endChat } from './chatEnder.js';
import { hashToken, newId } from './secrets.js';

export const LeaveMessageInput = z.object({
  // params.problem: the code the customer page words in its reader's language (src/transport/validate.ts).
  email: z.string().trim().max(254).refine(isEmail, { message: 'Enter a valid email address, like name@example.com.', params: { problem: 'email' } }),
  message: z
    .string()
    .trim()
    .min(1, 'Write a message.')
    .max(OFFLINE_MESSAGE_MAX_CHARS, `Messages can be at most ${OFFLINE_MESSAGE_MAX_CHARS} characters.`)
    .refine((message) => !hasControlCharacter(message, true), { message: 'Only tabs and line breaks may stand between the words.', params: { problem: 'invalid' } }),
});

export const CallbackInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(120).refine((name) => !hasControlCharacter(name), { message: 'A name is one line of text.', params: { problem: 'invalid' } }),
  phone: z.string().trim().max(40).refine(isPhone, { message: 'Enter a valid phone number.', params: { problem: 'phone' } }),
  preferredTime: z
    .string()
    .trim()
    .min(1, 'Say when we should call you.')
    .max(200)
    .refine((time) => !hasControlCharacter(time), { message: 'A time to call is one line of text.', params: { problem: 'invalid' } }),
});

interface ItemRow extends Record<string, unknown> {
  id: string;
  queue_name: string;
  kind: 'message' | 'callback';
  email: string | null;
  message: string | null;
  name: string | null;
  phone: string | null;
  preferred_time: string | null;
  status: 'open' | 'done';
  created_at: Date;
  outcome: OfflineItemView['outcome'];
  response: string | null;
  handled_by_name: string | null;
  handled_at: Date | null;
  assigned_to: string | null;
  assigned_to_name: string | null;
  offered_at: Date | null;
  reply_mail_status: 'queued' | 'sending' | 'sent' | 'failed' | 'kept' | null;
}

export const toOfflineItemView = (r: ItemRow): OfflineItemView => ({
  id: r.id,
  queueName: r.queue_name,
  kind: r.kind,
  email: r.email,
  message: r.message,
  name: r.name,
  phone: r.phone,
  preferredTime: r.preferred_time,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  outcome: r.outcome,
  response: r.response,
  handledBy: r.handled_by_name,
  handledAt: r.handled_at ? new Date(r.handled_at).toISOString() : null,
  assignedTo: r.assigned_to && r.status === 'open' ? { id: r.assigned_to, name: r.assigned_to_name ?? '' } : null,
  // Being sent is still not sent.
  replyMail: r.reply_mail_status === 'sending' ? 'queued' : (r.reply_mail_status ?? null),
});

/** Items with their queue's name and the name of whoever handled them. */
export const SELECT_ITEMS = `SELECT o.*, q.name AS queue_name, u.display_name AS handled_by_name, a.display_name AS assigned_to_name,
       m.status AS reply_mail_status
  FROM offline_items o JOIN queues q ON q.id = o.queue_id
  LEFT JOIN users u ON u.id = o.handled_by LEFT JOIN users a ON a.id = o.assigned_to
  LEFT JOIN outbox m ON m.id = o.reply_mail_id`;

export type { ItemRow as OfflineItemRow };

export async function loadOfflineItem(db: Queryable, id: string): Promise<OfflineItemView> {
  const [row] = await db.query<ItemRow>(`${SELECT_ITEMS} WHERE o.id = $1`, [id]);
  return toOfflineItemView(row as ItemRow);
}

/** Left from the waiting screen: the customer's chat token (CHAT_TOKEN_HEADER), whose wait then ends. */
export interface LeftFromLine {
  chatToken?: string | undefined;
}

/** The answer: the item, and whether the customer's wait ended with it (they left the line). */
export interface OfflineItemLeft {
  id: string;
  leftLine: boolean;
}

/**
 * The waiting chat a token names, in the queue's client; refused as unauthorized when none has it (as
 * every chat-token route answers). Read before anything is stored, so a refusal stores nothing.
 */
async function waitingChatOf(deps: Deps, clientId: string, token: string | undefined): Promise<string | null> {
  if (token === undefined) return null;
  const [chat] = await deps.db.query<{ id: string }>('SELECT id FROM chats WHERE token_hash = $1 AND client_id = $2', [hashToken(token), clientId]);
  if (!chat) throw new AppError('unauthorized', 'This chat link is not valid any more.');
  return chat.id;
}

/**
 * A customer waiting in line who leaves a message or asks for a callback instead leaves the line: a
 * second way to be answered, not a second place in line. Only a chat still waiting ends (as the
 * customer's own End Chat, `customer_left`); one an agent took meanwhile goes on.
 */
async function endWait(deps: Deps, chatId: string | null): Promise<boolean> {
  if (!chatId) return false;
  try {
    return await endChat(deps, { kind: 'customer', chatId, whileWaiting: true });
  } catch (error) {
    // The item is stored: the customer is told it was; their wait goes on, to end by End Chat.
    deps.log.error({ err: error, chatId }, 'could not end the wait of a customer who left a message');
    return false;
  }
}

export async function leaveMessage(deps: Deps, slug: string, input: z.infer<typeof LeaveMessageInput>, from: LeftFromLine = {}): Promise<OfflineItemLeft> {
  const queue = await findQueueBySlug(deps.db, slug);
  const option = queue.config.offline.leaveMessage;
  if (!option.enabled) throw new AppError('forbidden', 'This queue does not take messages.');
  const waiting = await waitingChatOf(deps, queue.clientId, from.chatToken);
  const id = newId();
  // The item and its mail are committed together or not at all; SMTP happens after, in the mail worker.
  const item = await deps.db.transaction(async (tx) => {
    await tx.query("INSERT INTO offline_items (id, client_id, queue_id, kind, email, message) VALUES ($1, $2, $3, 'message', $4, $5)", [
      id,
      queue.clientId,
      queue.id,
      input.email,
      input.message,
    ]);
    const stored = await loadOfflineItem(tx, id);
    await enqueueOfflineItemWebhook(tx, id, 'message.left');
    if (option.email) {
      await deps.mailer.enqueue(tx, {
        clientId: queue.clientId,
        to: option.email,
        replyTo: input.email,
        subject: `[${queue.name}] Message from ${input.email}`,
        // The agent's reply later refers to this id, so mail programs thread the two.
        messageId: offlineMessageId(id),
        text: `A customer left a message in the "${queue.name}" chat queue.\n\nFrom: ${input.email}\nReceived: ${stored.createdAt}\n\n${input.message}\n`,
      });
    }
    return stored;
  });
  deps.mailer.wake();
  deps.publish.toClientAgents(queue.clientId, 'offline:new', item);
  // Work for an agent with a free seat if the queue is open now (else when it opens: src/app/queueClosings.ts).
  deps.kickRouter([queue.id]);
  return { id, leftLine: await endWait(deps, waiting) };
}

export const offlineMessageId = (itemId: string): string => `<offline-${itemId}@reactive-chat>`;

export async function requestCallback(deps: Deps, slug: string, input: z.infer<typeof CallbackInput>, from: LeftFromLine = {}): Promise<OfflineItemLeft> {
  const queue = await findQueueBySlug(deps.db, slug);
  if (!queue.config.offline.callback.enabled) throw new AppError('forbidden', 'This queue does not take callback requests.');
  const waiting = await waitingChatOf(deps, queue.clientId, from.chatToken);
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx.query(
      "INSERT INTO offline_items (id, client_id, queue_id, kind, name, phone, preferred_time) VALUES ($1, $2, $3, 'callback', $4, $5, $6)",
      [id, queue.clientId, queue.id, input.name, input.phone, input.preferredTime],
    );
    await enqueueOfflineItemWebhook(tx, id, 'callback.requested');
  });
  deps.publish.toClientAgents(queue.clientId, 'offline:new', await loadOfflineItem(deps.db, id));
  // Work for an agent with a free seat if the queue is open now (else when it opens: src/app/queueClosings.ts).
  deps.kickRouter([queue.id]);
  return { id, leftLine: await endWait(deps, waiting) };
}

/** Offline items matching a condition on `o` (privacy export); the caller's parameters fill it. */
export async function listOfflineItemsWhere(db: Queryable, condition: string, params: readonly unknown[]): Promise<OfflineItemView[]> {
  const rows = await db.query<ItemRow>(
    `${SELECT_ITEMS} WHERE ${condition} ORDER BY o.created_at`,
    params,
  );
  return rows.map(toOfflineItemView);
}

export async function listOfflineItems(db: Queryable, clientId: string): Promise<OfflineItemView[]> {
  const rows = await db.query<ItemRow>(
    `${SELECT_ITEMS} WHERE o.client_id = $1 ORDER BY o.status, o.created_at DESC LIMIT 500`,
    [clientId],
  );
  return rows.map(toOfflineItemView);
}
