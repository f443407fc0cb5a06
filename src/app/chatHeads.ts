/**
 * Published at least once. A node stores an event, then publishes it; if it
 * dies in between (or the bus between nodes is down), the other side would
 * never hear of it unless something else happened in the chat. So the sweep
 * announces the newest seq of every chat written to recently ("chat:head");
 * a receiver holding a lower seq notices the gap and calls `chat:sync`
 * (receivers already de-duplicate by seq). Chats quiet for longer than the
 * window have been announced several times already.
 */
import type { Deps } from './deps.js';

/** How often heads are announced: a missed event reaches the other side within about this long. */
export const HEADS_INTERVAL_MS = 5_000;
/** Chats with an event this recent are announced (several announcements per event). */
const HEADS_WINDOW_SECONDS = 20;

export interface ChatHead {
  chatId: string;
  lastSeq: number;
}

export async function recentChatHeads(deps: Deps): Promise<ChatHead[]> {
  const rows = await deps.db.query<{ id: string; last_seq: number }>(
    // Open or just ended first (indexed; last_event_at is not, so a message's update stays in place: migration 31).
    `SELECT id, last_seq FROM chats
      WHERE (status <> 'ended' OR (status = 'ended' AND ended_at > now() - make_interval(secs => $1)))
        AND last_event_at > now() - make_interval(secs => $1)`,
    [HEADS_WINDOW_SECONDS],
  );
  return rows.map((r) => ({ chatId: r.id, lastSeq: r.last_seq }));
}

export async function announceChatHeads(deps: Deps): Promise<number> {
  const heads = await recentChatHeads(deps);
  for (const head of heads) {
    deps.publish.toCustomer(head.chatId, 'chat:head', head);
    deps.publish.toChatAgents(head.chatId, 'chat:head', head);
  }
  return heads.length;
}

/** Runs `announceChatHeads` at most every HEADS_INTERVAL_MS, from the periodic sweep. */
export function createHeadsAnnouncer(intervalMs = HEADS_INTERVAL_MS): { run(deps: Deps): Promise<void> } {
  let last = 0;
  return {
    async run(deps) {
      if (Date.now() - last < intervalMs) return;
      last = Date.now();
      await announceChatHeads(deps);
    },
  };
}
