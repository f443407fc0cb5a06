/**
 * attachmentSender: a file sent in a chat by its customer or its agent. Refused, with a reason
 * the sender can act on, when the queue has attachments off, the file is empty or over the
 * limit, or its content is not a PNG, JPEG, GIF, WebP or PDF (markup dressed as an image is
 * named). Stored — bytes, row and the chat event that references it, in one transaction — then
 * acknowledged, then published like a message.
 */
import sharp from 'sharp';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { QueueConfig } from '../../domain/queueConfig.js';
import { ATTACHMENT_NAME_MAX, type AttachmentRefusal, type AttachmentView, isImage } from '../../protocol/attachments.js';
import type { ChatEventView } from '../../protocol/views.js';
import type { AgentIdentity } from '../agentChats.js';
import { appendEvent, publishEvent } from '../chatLog.js';
import { type ChatRow, type EventRow, toEventView } from '../chatViews.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { QueueConfigSchema } from '../../domain/queueConfig.js';
import { hashToken, newId } from '../secrets.js';
import { attachmentStore } from './attachmentStore.js';
import { looksLikeMarkup, safeFileName, sniffAttachmentType } from './fileType.js';

export const UploadQuery = z.object({
  name: z.string().max(1000, 'The file name is too long.').default(''),
  clientMsgId: z.string().min(1).max(64).optional(),
});

export type Uploader = { kind: 'customer'; token: string } | { kind: 'agent'; agent: AgentIdentity; chatId: string };

const MB = 1024 * 1024;

/** The largest file a queue takes: its own limit, within the server's. */
export const attachmentMaxBytes = (queue: Pick<QueueConfig, 'attachmentMaxMegabytes'>, config: Pick<Config, 'attachments'>): number =>
  Math.min(queue.attachmentMaxMegabytes, config.attachments.maxMegabytes) * MB;

const refuse = (reason: AttachmentRefusal, message: string) => new AppError('validation', message, { file: message, fileReason: reason });

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

type ChatForUpload = ChatRow & { config: unknown };

async function lockChat(deps: Deps, tx: Parameters<Parameters<Deps['db']['transaction']>[0]>[0], uploader: Uploader): Promise<ChatForUpload> {
  const [chat] =
    uploader.kind === 'customer'
      ? await tx.query<ChatForUpload>('SELECT c.*, q.config FROM chats c JOIN queues q ON q.id = c.queue_id WHERE c.token_hash = $1 FOR UPDATE OF c', [hashToken(uploader.token)])
      : await tx.query<ChatForUpload>('SELECT c.*, q.config FROM chats c JOIN queues q ON q.id = c.queue_id WHERE c.id = $1 AND c.client_id = $2 FOR UPDATE OF c', [
          uploader.chatId,
          uploader.agent.clientId,
        ]);
  if (!chat) throw uploader.kind === 'customer' ? new AppError('unauthorized', 'This chat is no longer available.') : new AppError('not_found', 'Chat not found.');
  if (chat.status === 'ended') throw new AppError('chat_ended', 'This chat has ended.');
  if (uploader.kind === 'agent' && (chat.agent_id !== uploader.agent.userId || chat.status !== 'active')) throw new AppError('forbidden', 'This chat is not yours.');
  return chat;
}

/** Checks the file against the queue's rules and its own content; answers its type and safe name. */
async function check(deps: Deps, config: QueueConfig, bytes: Buffer, rawName: string): Promise<Omit<AttachmentView, 'id'>> {
  if (!config.attachmentsEnabled) throw refuse('off', 'Files cannot be sent in this chat.');
  if (bytes.length === 0) throw refuse('empty', 'The file is empty.');
  const max = attachmentMaxBytes(config, deps.config);
  if (bytes.length > max) throw refuse('too_big', `The file is larger than ${megabytes(max)}.`);
  const type = sniffAttachmentType(bytes);
  if (!type) {
    if (looksLikeMarkup(bytes)) throw refuse('markup', 'This file is a document (SVG or HTML), not an image: it is refused.');
    throw refuse('wrong_type', 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.');
  }
  if (isImage(type)) {
    // The header must decode too: a PNG signature in front of anything else is not an image.
    try {
      const meta = await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata();
      if (!meta.width || !meta.height) throw new Error('no size');
    } catch {
      throw refuse('unreadable', 'This image could not be read. Try another file.');
    }
  }
  return { type, name: safeFileName(rawName, type, ATTACHMENT_NAME_MAX), size: bytes.length };
}

/** Reads the chat first (without a lock) so that a refused file costs no transaction and no write. */
async function precheck(deps: Deps, uploader: Uploader): Promise<QueueConfig> {
  const [row] =
    uploader.kind === 'customer'
      ? await deps.db.query<{ config: unknown; status: string }>('SELECT q.config, c.status FROM chats c JOIN queues q ON q.id = c.queue_id WHERE c.token_hash = $1', [hashToken(uploader.token)])
      : await deps.db.query<{ config: unknown; status: string }>('SELECT q.config, c.status FROM chats c JOIN queues q ON q.id = c.queue_id WHERE c.id = $1 AND c.client_id = $2', [
          uploader.chatId,
          uploader.agent.clientId,
        ]);
  if (!row) throw uploader.kind === 'customer' ? new AppError('unauthorized', 'This chat is no longer available.') : new AppError('not_found', 'Chat not found.');
  if (row.status === 'ended') throw new AppError('chat_ended', 'This chat has ended.');
  return QueueConfigSchema.parse(row.config);
}

export async function sendAttachment(deps: Deps, uploader: Uploader, input: { bytes: Buffer; name: string; clientMsgId?: string | undefined }): Promise<ChatEventView> {
  const file = await check(deps, await precheck(deps, uploader), input.bytes, input.name);
  const store = attachmentStore(deps.config.attachments.dir);
  const id = newId();
  const stored = await store.put(id, input.bytes);
  let appended: { event: ChatEventView; created: boolean };
  try {
    appended = await deps.db.transaction(async (tx) => {
      const chat = await lockChat(deps, tx, uploader);
      // Checked again under the lock: the queue's switch may have gone off meanwhile.
      await check(deps, QueueConfigSchema.parse(chat.config), input.bytes, input.name);
      const author = uploader.kind;
      if (input.clientMsgId) {
        const [held] = await tx.query<EventRow>('SELECT * FROM chat_events WHERE chat_id = $1 AND author = $2 AND client_msg_id = $3', [chat.id, author, input.clientMsgId]);
        if (held) return { event: toEventView(held), created: false };
      }
      await tx.query(
        `INSERT INTO attachments (id, client_id, chat_id, author, author_id, name, content_type, size, bytes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, chat.client_id, chat.id, author, uploader.kind === 'agent' ? uploader.agent.userId : null, file.name, file.type, file.size, stored],
      );
      const attachment: AttachmentView = { id, ...file };
      const base = { kind: 'message' as const, body: file.name, attachment, ...(input.clientMsgId ? { clientMsgId: input.clientMsgId } : {}) };
      return appendEvent(
        tx,
        chat,
        uploader.kind === 'agent'
          ? { ...base, author: 'agent', authorId: uploader.agent.userId, authorName: uploader.agent.displayName }
          : { ...base, author: 'customer', authorName: chat.customer_name },
      );
    });
  } catch (error) {
    await store.remove([id]);
    throw error;
  }
  // A retry of a stored upload: the first file is the one referenced; this copy is not kept.
  if (!appended.created) await store.remove([id]);
  publishEvent(deps.publish, appended.event);
  return appended.event;
}
