/**
 * Sending a file in a chat the agent holds: the raw file as the body, the session cookie and the
 * CSRF header authorise it (src/protocol/attachments.ts). The stored event reaches the console
 * by its socket like any message; the answer here only says whether it was refused, and why.
 */
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/protocol/http.js';
import { readCookie } from '../shared/http.js';
import { FILE_WORDS } from './fileWords.js';

/** Null when stored; otherwise the server's reason (already in English, the console's language). */
export async function uploadAttachment(chatId: string, file: File): Promise<string | null> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  try {
    const response = await fetch(`/api/agent/chats/${encodeURIComponent(chatId)}/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: file,
    });
    if (response.ok) return null;
    const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return data?.error?.message ?? FILE_WORDS.failed;
  } catch {
    return FILE_WORDS.failed;
  }
}
