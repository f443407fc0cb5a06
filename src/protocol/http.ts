/**
 * HTTP API paths and bodies. Errors come back as `{ error: ErrorBody }` with
 * a matching status (400 validation, 401, 403, 404, 409 conflict/closed, 429).
 *
 * Public (customers, no sign-in):
 *   GET  /api/public/queues/:slug                 -> PublicQueueView
 *   POST /api/public/queues/:slug/chats           StartChatBody -> 201 StartChatResponse
 *        409 { error: { id: 'queue_closed' | 'no_agents' | 'queue_full' } }
 *   POST /api/public/queues/:slug/messages        LeaveMessageBody -> 201 OfflineItemLeftResponse
 *   POST /api/public/queues/:slug/callbacks       CallbackBody -> 201 OfflineItemLeftResponse
 *     (sent from the waiting screen with x-chat-token: the customer's wait ends, leftLine: true)
 *   GET  /api/public/avatars/:userId              -> the agent's picture (image)
 *   GET  /static/default-avatar.svg               -> the default image
 *
 * Signed-in people (cookie `rc_session`, set by login):
 *   POST /api/auth/login   LoginBody -> { me: MeView }
 *   POST /api/auth/logout  -> 204
 *   GET  /api/auth/me      -> { me: MeView }   (401 when nobody is signed in)
 *   GET  /api/auth/session -> SessionProbe      (always 200: the apps' probe on load)
 *   GET  /api/agent/offline-items -> { items: OfflineItemView[] }       (agent, supervisor, admin)
 *   /api/admin/…  the Client Admin Portal, see ./admin.ts                (admin)
 *   POST /api/admin/privacy/export { email, phone? } -> a customer's data (admin, own client)
 *   POST /api/admin/privacy/erase  { email, phone? } -> { erased: counts } (admin, own client; audited)
 *
 * Every POST/PUT/PATCH/DELETE sent with the session cookie needs the
 * CSRF_HEADER (below); 429 `rate_limited` says when to try again.
 */
import type { ChatStateView, MeView } from './views.js';

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

/** A left message or callback request; `leftLine`: the customer's wait ended with it (sent with their chat token). */
export interface OfflineItemLeftResponse {
  id: string;
  leftLine: boolean;
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

export type { AdminQueueDetail, GeneralSettingsBody } from './admin.js';

export const SESSION_COOKIE = 'rc_session';
export const CHAT_TOKEN_STORAGE_PREFIX = 'rc_chat_token:';

/**
 * Anti-CSRF (double submit): sign-in also sets this cookie, readable by the
 * page's script; every POST/PUT/PATCH/DELETE that carries the session cookie
 * must send its value in CSRF_HEADER or it is refused (403 forbidden).
 */
export const CSRF_COOKIE = 'rc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** GET /api/auth/session: whether the browser holds a live session, and whose. */
export type SessionProbe = { signedIn: false } | { signedIn: true; me: MeView };
