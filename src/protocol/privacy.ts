/**
 * A customer's data, for admins (see docs/SECURITY.md):
 *   POST /api/admin/privacy/export  CustomerQueryBody -> CustomerDataExport
 *   POST /api/admin/privacy/erase   CustomerQueryBody -> { erased: ErasureCounts }
 * Both act within the admin's own client and are written to the audit log.
 */
import type { ChatNoteView } from './staffNotes.js';
import type { ChatEventView, ChatStatus, LabelledValue, OfflineItemView } from './views.js';

export interface CustomerQueryBody {
  email: string;
  /** Callback requests carry a phone number, not an email: give it to include them. */
  phone?: string;
}

export interface CustomerDataExport {
  email: string;
  exportedAt: string;
  chats: Array<{
    chatId: string;
    queueName: string;
    status: ChatStatus;
    queuedAt: string;
    endedAt: string | null;
    customerData: LabelledValue[];
    events: ChatEventView[];
    /**
     * Staff-only notes on the chat (never shown to the customer anywhere else): the admin decides what of
     * them to hand over. Erasure deletes them.
     */
    staffNotes: ChatNoteView[];
    /** The files sent in the chat (events name them by id), with their content. */
    files: Array<{ id: string; name: string; type: string; size: number; author: 'customer' | 'agent'; createdAt: string; base64: string }>;
  }>;
  leftMessages: OfflineItemView[];
  callbacks: OfflineItemView[];
  mails: Array<{ to: string; replyTo: string | null; subject: string; body: string; createdAt: string }>;
}

export interface ErasureCounts {
  chats: number;
  leftMessages: number;
  callbacks: number;
  mails: number;
  /** Files of the erased chats, deleted (rows, and their folder's files when ATTACHMENTS_DIR is set). */
  files: number;
}
