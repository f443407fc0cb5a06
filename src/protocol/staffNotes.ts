/**
 * Canned replies (an admin's ready-made texts the agent inserts by typing "/shortcut" in the composer)
 * and internal notes (a staff-only note on a chat). Notes live in their own table and travel on staff
 * sockets only (/agent, /supervisor): no customer event carries this type.
 */

/** A shortcut: short, lower-case letters, digits, "-" and "_" (what follows "/" in the composer). */
export const CANNED_SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const CANNED_SHORTCUT_MAX = 32;
/** Like a message: it is sent as one. */
export const CANNED_BODY_MAX = 2000;
/** Enough for any team; more is a sign of a script creating them. */
export const CANNED_MAX_PER_CLIENT = 500;
export const NOTE_MAX_LENGTH = 2000;

export interface CannedReplyView {
  id: string;
  shortcut: string;
  body: string;
  /** The queues it is meant for; empty: every queue. */
  queueIds: string[];
  /** Their names, in the same order (the console matches a chat by its queue's name). */
  queueNames: string[];
  updatedAt: string;
}

export interface CannedReplyInput {
  shortcut: string;
  body: string;
  queueIds: string[];
}

export interface ChatNoteView {
  id: string;
  chatId: string;
  authorName: string;
  authorRole: 'agent' | 'supervisor' | 'admin';
  body: string;
  /** The chat's newest seq when written: the note shows after that event. */
  afterSeq: number;
  clientMsgId: string;
  at: string;
}
