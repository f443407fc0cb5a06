/** The offline options' calls: part of the offline chunk (lazyOffline.tsx), not of the page's first load. */
import { CHAT_TOKEN_HEADER } from '../../src/protocol/afterChat.js';
import type { CallbackBody, LeaveMessageBody, OfflineItemLeftResponse } from '../../src/protocol/http.js';
import { fetchJson } from '../shared/http.js';
import { base } from './api.js';

/** From the waiting screen the chat token goes along: the customer's wait then ends (`leftLine`). */
const fromLine = (chatToken: string | undefined) => (chatToken ? { headers: { [CHAT_TOKEN_HEADER]: chatToken } } : {});

export function leaveMessage(slug: string, body: LeaveMessageBody, chatToken?: string): Promise<OfflineItemLeftResponse> {
  return fetchJson<OfflineItemLeftResponse>(`${base(slug)}/messages`, { method: 'POST', body, ...fromLine(chatToken) });
}

export function requestCallback(slug: string, body: CallbackBody, chatToken?: string): Promise<OfflineItemLeftResponse> {
  return fetchJson<OfflineItemLeftResponse>(`${base(slug)}/callbacks`, { method: 'POST', body, ...fromLine(chatToken) });
}
