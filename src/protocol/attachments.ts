/**
 * Files in a chat (issue 11). Uploads are the raw file as the request body:
 *
 *   POST /api/public/chat/attachments          customer; header x-chat-token   -> ChatEventView (201)
 *   POST /api/agent/chats/:chatId/attachments  agent's session (+ CSRF header) -> ChatEventView (201)
 *     query: name (the file's name), clientMsgId (a retry of the same upload is stored once)
 *   GET  /api/attachments/:id[?size=thumb]     the file, to the people of its chat (customer by
 *     x-chat-token, the agent who has or had the chat, the client's admins and supervisors)
 *
 * The type is read from the file's first bytes, never from its name or the declared type.
 */

/** The types accepted, as sniffed from the content. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The header that carries the customer's chat token on attachment requests. */
export const CHAT_TOKEN_HEADER = 'x-chat-token';

/** A queue's limit per file when it sets none, in megabytes. */
export const DEFAULT_ATTACHMENT_MAX_MB = 5;
/** The most a queue may allow per file; the server's ATTACHMENT_MAX_MB may lower it further. */
export const ATTACHMENT_MAX_MB_CEILING = 50;
/** Longest file name kept (longer names are cut, their extension kept). */
export const ATTACHMENT_NAME_MAX = 120;

/** What a chat event says about its file. */
export interface AttachmentView {
  id: string;
  name: string;
  type: AttachmentType;
  size: number;
}

export const attachmentUrl = (id: string, thumb = false): string => `/api/attachments/${id}${thumb ? '?size=thumb' : ''}`;
export const isImage = (type: string): boolean => type.startsWith('image/');

/**
 * Why an upload was refused. The answer is `validation` with fields.file (the reason in English)
 * and fields.fileReason (one of these), which the customer page words in the reader's language.
 */
export type AttachmentRefusal = 'off' | 'empty' | 'too_big' | 'wrong_type' | 'markup' | 'unreadable';
