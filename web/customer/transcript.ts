/**
 * Merging of chat events. The server numbers every event of a chat (seq,
 * from 1, no gaps); the same event can reach us twice (live push + sync after
 * a reconnect, or the ack of our own message), so the thread is keyed by seq:
 * never duplicated, always sorted.
 */
import type { ChatEventView } from '../../src/protocol/views.js';

export function mergeEvents(current: readonly ChatEventView[], incoming: readonly ChatEventView[]): ChatEventView[] {
  if (incoming.length === 0) return current as ChatEventView[];
  const last = current[current.length - 1];
  // Fast path for the common live case: one new event after the last one.
  if (incoming.length === 1 && (!last || incoming[0]!.seq > last.seq)) return [...current, incoming[0]!];
  const bySeq = new Map<number, ChatEventView>();
  for (const e of current) bySeq.set(e.seq, e);
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The last seq held without a hole before it: what to sync after. An event
 * can be missing from the middle (its publisher died before publishing it, or
 * the bus was down while later ones arrived); syncing after the highest seq
 * would never fetch it.
 */
export function lastSeq(events: readonly ChatEventView[]): number {
  const last = events[events.length - 1];
  if (!last) return 0;
  // Sorted, unique seqs from 1: no hole exactly when the last seq equals the count (the usual case).
  if (last.seq === events.length) return last.seq;
  let held = 0;
  for (const e of events) {
    if (e.seq !== held + 1) break;
    held = e.seq;
  }
  return held;
}
