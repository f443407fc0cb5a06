/**
 * HTTP API paths and bodies. Errors come back as `{ error: ErrorBody }` with
 * a matching status (400 validation, 401, 403, 404, 409 conflict/closed, 429).
 *
 * Public (customers, no sign-in):
 *   GET  /api/public/queues/:slug                 -> PublicQueueView
 *   POST /api/public/queues/:slug/chats           StartChatBody -> 201 StartChatResponse
 *        409 { error: { id: 'queue_closed' | 'no_agents' | 'queue_full' } }
 *   POST /api/public/queues/:slug/messages        LeaveMessageBody -> 201 { id }
 *   POST /api/public/queues/:slug/callbacks       CallbackBody -> 201 { id }
 *   GET  /api/public/avatars/:userId              -> the agent's picture (image)
 *   GET  /static/default-avatar.svg               -> the default image
 *
 * Signed-in people (cookie `rc_session`, set by login):
 *   POST /api/auth/login   LoginBody -> { me: MeView }
 *   POST /api/auth/logout  -> 204
 *   GET  /api/auth/me      -> { me: MeView }
 *   GET  /api/agent/offline-items -> { items: OfflineItemView[] }       (agent, supervisor, admin)
 *   GET  /api/admin/queues        -> { queues: AdminQueueSummary[] }    (admin)
 *   GET  /api/admin/queues/:id    -> AdminQueueDetail                   (admin)
 *   PATCH /api/admin/queues/:id/general  GeneralSettingsBody -> AdminQueueDetail (admin)
 */
import type { AgentDisplay, AdminQueueSummary, ChatStateView, FormFieldView } from './views.js';

export interface StartChatBody {
  /** Values keyed by data-collection field id; `{}` when the queue has no form. */
  fields: Record<string, string>;
}

export interface StartChatResponse {
  chatId: string;
  /** Secret that grants this one chat; keep it (e.g. localStorage) to resume after a reload. */
  token: string;
  state: ChatStateView;
}

export interface LeaveMessageBody {
  email: string;
  message: string;
}

export interface CallbackBody {
  name: string;
  phone: string;
  preferredTime: string;
}

export interface LoginBody {
  email: string;
  password: string;
}

export interface GeneralSettingsBody {
  name: string;
  open: boolean;
  agentDisplay: AgentDisplay;
  waitingMessages: string[];
  showEstimatedWait: boolean;
}

export interface AdminQueueDetail extends AdminQueueSummary {
  agentDisplay: AgentDisplay;
  waitingMessages: string[];
  showEstimatedWait: boolean;
  form: { enabled: boolean; fields: FormFieldView[] };
}

export const SESSION_COOKIE = 'rc_session';
export const CHAT_TOKEN_STORAGE_PREFIX = 'rc_chat_token:';
