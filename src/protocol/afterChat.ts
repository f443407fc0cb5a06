/**
 * After a chat ends (issue 11): the customer's transcript (downloaded, or mailed through the outbox)
 * and the post-chat survey. The customer's calls carry their chat token in CHAT_TOKEN_HEADER (never in
 * the address, where logs and history would keep it); staff download transcripts from their history.
 *
 *   GET  /api/public/chat/after                          → AfterChatView
 *   GET  /api/public/chat/transcript?format&language&timeZone → the file (attachment)
 *   POST /api/public/chat/transcript/mail  TranscriptMailBody → 202 { queued: true }
 *   POST /api/public/chat/survey           SurveyBody    → 201 SurveyView (409 conflict when already answered)
 *   GET  /api/agent/history/:chatId/transcript?format&timeZone → the file (staff, English)
 */
export const CHAT_TOKEN_HEADER = 'x-chat-token';
export const AFTER_CHAT_PATH = '/api/public/chat';

export const TRANSCRIPT_FORMATS = ['text', 'html'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];
export const TRANSCRIPT_LANGUAGES = ['en', 'fr', 'es'] as const;
export type TranscriptLanguage = (typeof TRANSCRIPT_LANGUAGES)[number];

/** The longest survey comment, in characters. */
export const SURVEY_COMMENT_MAX_CHARS = 1000;

export interface AfterChatView {
  /** Transcripts and the survey wait for the end of the chat. */
  ended: boolean;
  /** off: the queue asks for none (or no agent answered); open: not answered yet; done: answered. */
  survey: 'off' | 'open' | 'done';
  /** The email the customer gave in the Data Collection form, to prefill the mail form. */
  email: string | null;
}

export interface SurveyBody {
  /** 1 (poor) … 5 (excellent). */
  rating: number;
  comment?: string;
}

export interface SurveyView {
  rating: number;
  comment: string;
  createdAt: string;
}

export interface TranscriptMailBody {
  email: string;
  language: TranscriptLanguage;
  /** The reader's IANA time zone for the times in the mail (their browser's). */
  timeZone?: string;
}

/** A survey answer with its chat, for the reports' recent comments. */
export interface SurveyCommentView extends SurveyView {
  chatId: string;
  queueName: string;
  agentNames: string[];
  customerName: string;
}
