/**
 * The public (no sign-in) HTTP endpoints the customer page calls, typed by
 * the shared protocol. Errors surface as ApiError (status + ErrorBody) from
 * the shared fetch helper so screens can switch on `error.id` / `fields`.
 */
import type { StartChatBody, StartChatResponse } from '../../src/protocol/http.js';
import type { PublicQueueView } from '../../src/protocol/views.js';
import { fetchJson } from '../shared/http.js';
import { language } from './i18n/index.js';

export { ApiError } from '../shared/http.js';

export const base = (slug: string) => `/api/public/queues/${encodeURIComponent(slug)}`;

/** The queue's texts come in the page's language (the admin's translations, else the default texts). */
export function getQueue(slug: string): Promise<PublicQueueView> {
  return fetchJson<PublicQueueView>(`${base(slug)}?lang=${language}`);
}

export function startChat(slug: string, body: StartChatBody): Promise<StartChatResponse> {
  return fetchJson<StartChatResponse>(`${base(slug)}/chats`, { method: 'POST', body });
}

