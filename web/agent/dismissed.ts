/**
 * Ended chats the agent closed, kept for the browser tab's life so a
 * reconnect snapshot that still lists them does not bring them back.
 */
const KEY = 'rc_agent_dismissed_chats';
const LIMIT = 200;

export function loadDismissed(): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function saveDismissed(ids: string[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(ids.slice(-LIMIT)));
  } catch {
    // Storage full or disabled: closing still works for this page's life.
  }
}
