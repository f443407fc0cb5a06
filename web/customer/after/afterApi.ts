/** The after-chat calls (src/protocol/afterChat.ts): the chat token goes in a header, never the address. */
import { AFTER_CHAT_PATH, type AfterChatView, CHAT_TOKEN_HEADER, type SurveyBody, type SurveyView, type TranscriptFormat, type TranscriptMailBody } from '../../../src/protocol/afterChat.js';
import type { ErrorBody } from '../../../src/protocol/errors.js';

export class AfterError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { [CHAT_TOKEN_HEADER]: token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${AFTER_CHAT_PATH}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).catch(() => null);
  if (!response) throw new AfterError(0, null);
  if (!response.ok) {
    const json = (await response.json().catch(() => null)) as { error?: ErrorBody } | null;
    throw new AfterError(response.status, json?.error ?? null);
  }
  return response;
}

export const afterView = (token: string): Promise<AfterChatView> => call(token, 'GET', '/after').then((r) => r.json() as Promise<AfterChatView>);

export const sendSurvey = (token: string, body: SurveyBody): Promise<SurveyView> => call(token, 'POST', '/survey', body).then((r) => r.json() as Promise<SurveyView>);

export const mailTranscript = (token: string, body: TranscriptMailBody): Promise<unknown> => call(token, 'POST', '/transcript/mail', body);

/** Fetches the file with the token and saves it through a temporary link (the token never shows in an address). */
export async function downloadTranscript(token: string, format: TranscriptFormat, language: string): Promise<void> {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const response = await call(token, 'GET', `/transcript?format=${format}&language=${language}&timeZone=${encodeURIComponent(zone)}`);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `chat.${format === 'html' ? 'html' : 'txt'}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
