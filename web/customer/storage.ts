/**
 * localStorage access for the two things that must survive a reload: the chat
 * token (to resume the chat) and the outbox (messages not yet acknowledged).
 * Every call is guarded because storage can be disabled or full (private
 * browsing, quotas); the chat must still work, just without reload-survival.
 */
import { CHAT_TOKEN_STORAGE_PREFIX } from '../../src/protocol/http.js';

const OUTBOX_PREFIX = 'rc_outbox:';

/** A message typed by the customer that the server has not acknowledged yet. */
export interface OutboxEntry {
  clientMsgId: string;
  body: string;
  /** When it was typed (ISO); only used to show it in order. */
  at: string;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: keep going in memory only.
  }
}

export function loadToken(slug: string): string | null {
  return read(CHAT_TOKEN_STORAGE_PREFIX + slug);
}

export function saveToken(slug: string, token: string): void {
  write(CHAT_TOKEN_STORAGE_PREFIX + slug, token);
}

export function clearToken(slug: string): void {
  write(CHAT_TOKEN_STORAGE_PREFIX + slug, null);
}

export function loadOutbox(chatId: string): OutboxEntry[] {
  const raw = read(OUTBOX_PREFIX + chatId);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    // Keep only well-formed entries: storage is user-editable and may hold older shapes.
    return parsed.filter(
      (e): e is OutboxEntry =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as OutboxEntry).clientMsgId === 'string' &&
        typeof (e as OutboxEntry).body === 'string' &&
        typeof (e as OutboxEntry).at === 'string',
    );
  } catch {
    return [];
  }
}

export function saveOutbox(chatId: string, entries: readonly OutboxEntry[]): void {
  const slim = entries.map(({ clientMsgId, body, at }) => ({ clientMsgId, body, at }));
  write(OUTBOX_PREFIX + chatId, slim.length ? JSON.stringify(slim) : null);
}

export function clearOutbox(chatId: string): void {
  write(OUTBOX_PREFIX + chatId, null);
}
