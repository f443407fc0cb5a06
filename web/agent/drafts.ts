/**
 * Unsent composer text per chat, in localStorage per agent, so neither
 * switching chats nor a reload loses a half-written reply. Guarded: with
 * storage disabled the drafts live for this page only.
 */
const PREFIX = 'rc_agent_drafts:';

let agentId = '';
let drafts: Record<string, string> = {};

/** Load the signed-in agent's drafts (call once the agent is known). */
export function openDrafts(id: string): void {
  if (id === agentId) return;
  agentId = id;
  drafts = {};
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFIX + id) ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [chatId, text] of Object.entries(parsed)) if (typeof text === 'string') drafts[chatId] = text;
    }
  } catch {
    // Unreadable: start without drafts.
  }
}

export function loadDraft(chatId: string): string {
  return drafts[chatId] ?? '';
}

export function saveDraft(chatId: string, text: string): void {
  if (text.trim()) drafts[chatId] = text;
  else if (chatId in drafts) delete drafts[chatId];
  else return;
  persist();
}

/** Drop drafts of chats the console no longer holds. */
export function keepDraftsOf(chatIds: ReadonlySet<string>): void {
  const stale = Object.keys(drafts).filter((id) => !chatIds.has(id));
  if (!stale.length) return;
  for (const id of stale) delete drafts[id];
  persist();
}

function persist(): void {
  if (!agentId) return;
  try {
    if (Object.keys(drafts).length) localStorage.setItem(PREFIX + agentId, JSON.stringify(drafts));
    else localStorage.removeItem(PREFIX + agentId);
  } catch {
    // Storage unavailable or full: keep drafts in memory.
  }
}
