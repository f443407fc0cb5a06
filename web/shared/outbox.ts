/**
 * The ordering and retry rules of a browser outbox (customer page and agent
 * console), as pure functions over an immutable list so they can be unit
 * tested without a socket or a clock.
 *
 * Rules:
 * - Messages go out without waiting for each other's ack (pipelined), oldest
 *   first, at most SEND_WINDOW on their way at once. Each names the message
 *   before it (`after`) when there is one still unacknowledged: the server
 *   stores it only after that one, and answers `out_of_order` otherwise, so a
 *   message that fails is never overtaken (the thread keeps typing order).
 *   A message refused `out_of_order` simply goes again once the one before it
 *   is on its way: no back-off, no attempt counted.
 * - A temporary failure (rate limited, unavailable, server error, no answer,
 *   offline) is retried automatically with exponential back-off: 1 s, 2 s,
 *   4 s … capped at 30 s, each ±25 % jitter so many browsers do not come back
 *   in lockstep. Nothing behind it is sent meanwhile. A reconnect retries at once.
 * - A permanent failure (the server refused this message: validation,
 *   chat_ended, forbidden, …) stops automatic retry: the message is "held" and
 *   the person decides: Retry (back in line) or Remove (dropped; the messages
 *   behind it then go). Later messages keep waiting meanwhile, because
 *   sending them first would reverse the order if the held one is retried.
 * - Every attempt of a message uses its same clientMsgId: the server stores it
 *   once, however many times it arrives.
 *
 * No imports: the customer page's bundle budget is tight.
 */

/** Delivery bookkeeping carried by every outbox entry. */
export interface Delivery {
  clientMsgId: string;
  /** Failed attempts so far (reset by a manual retry). */
  attempts: number;
  /** Epoch ms before which the entry must not be sent again (0 = now). */
  retryAt: number;
  /** Why the server refused it for good; null while automatic sending goes on. */
  held: string | null;
}

/** Error ids worth retrying: the same message may well be accepted later. */
const TEMPORARY_IDS: ReadonlySet<string> = new Set(['rate_limited', 'internal', 'unavailable']);

/**
 * Temporary or permanent. A null id means no answer at all (ack timeout,
 * offline, disconnected): temporary. An id we do not know is permanent, so a
 * new refusal never turns into an endless loop of resends.
 */
export function failureKind(errorId: string | null): 'temporary' | 'permanent' {
  return errorId === null || TEMPORARY_IDS.has(errorId) ? 'temporary' : 'permanent';
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;

/** Delay before attempt n+1 after `attempts` failures (≥ 1): 1 s, 2 s, 4 s … ≤ 30 s, ±25 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 16);
  const nominal = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const jittered = nominal * (0.75 + 0.5 * random());
  return Math.round(Math.min(BACKOFF_CAP_MS, jittered));
}

/** Messages on their way at once, per chat: enough for anyone typing fast, few to resend after a failure. */
export const SEND_WINDOW = 8;

/** Refused because the message named as its predecessor is not stored yet (src/app/messageSender.ts). */
export const OUT_OF_ORDER = 'out_of_order';

export interface OutboxPlan<T> {
  /** Send these now, in this order; `after` is the entry just before (unacknowledged), if any. */
  send: Array<{ entry: T; after: string | undefined }>;
  /** The first entry not on its way is backing off: look again after this many ms (null: no need). */
  waitMs: number | null;
  /** The first entry not on its way was refused for good: nothing behind it goes until it is retried or removed. */
  held: T | null;
}

/**
 * What the outbox should send at `now`, given the entries already on their
 * way (`inFlight`, by clientMsgId): walking from the oldest, every entry up to
 * the first held or backing-off one, while fewer than `window` are on their way.
 */
export function plan<T extends Delivery>(entries: readonly T[], inFlight: ReadonlySet<string>, now: number, window: number = SEND_WINDOW): OutboxPlan<T> {
  const result: OutboxPlan<T> = { send: [], waitMs: null, held: null };
  let going = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (inFlight.has(entry.clientMsgId)) {
      going++;
      continue;
    }
    if (entry.held !== null) {
      result.held = entry;
      break;
    }
    if (entry.retryAt > now) {
      result.waitMs = entry.retryAt - now;
      break;
    }
    if (going >= window) break;
    result.send.push({ entry, after: entries[i - 1]?.clientMsgId });
    going++;
  }
  return result;
}

/** A new entry joins the end of the line. */
export function fresh(clientMsgId: string): Delivery {
  return { clientMsgId, attempts: 0, retryAt: 0, held: null };
}

/** The server stored it (ack or echo): it leaves the outbox. */
export function delivered<T extends Delivery>(entries: readonly T[], clientMsgIds: Iterable<string>): T[] {
  const gone = new Set(clientMsgIds);
  return entries.filter((e) => !gone.has(e.clientMsgId));
}

/**
 * Record a failed attempt: back off for a temporary error, hold for a
 * permanent one. `out_of_order` is no failure of this message (the one before
 * it failed): it stays as it is, and goes again behind that one.
 */
export function failed<T extends Delivery>(
  entries: readonly T[],
  clientMsgId: string,
  error: { id: string | null; message: string },
  now: number,
  random: () => number = Math.random,
): T[] {
  if (error.id === OUT_OF_ORDER) return entries as T[];
  return entries.map((e) => {
    if (e.clientMsgId !== clientMsgId) return e;
    const attempts = e.attempts + 1;
    if (failureKind(error.id) === 'permanent') return { ...e, attempts, held: error.message || 'This message was not sent.' };
    return { ...e, attempts, retryAt: now + backoffMs(attempts, random) };
  });
}

/** Connection is back: whatever was backing off is tried at once (in order) instead of waiting out its back-off. */
export function reconnected<T extends Delivery>(entries: readonly T[]): T[] {
  if (!entries.some((e) => e.held === null && e.retryAt !== 0)) return entries as T[];
  return entries.map((e) => (e.held === null && e.retryAt !== 0 ? { ...e, retryAt: 0 } : e));
}

/** The person pressed Retry on a held message: automatic sending starts over for it. */
export function retried<T extends Delivery>(entries: readonly T[], clientMsgId: string): T[] {
  return entries.map((e) => (e.clientMsgId === clientMsgId ? { ...e, attempts: 0, retryAt: 0, held: null } : e));
}

/** How a pending message should be labelled: held (Not sent), waiting behind a held one, or sending. */
export function pendingLabel(entries: readonly Delivery[], index: number): 'held' | 'blocked' | 'sending' {
  const entry = entries[index];
  if (entry?.held != null) return 'held';
  return entries.slice(0, index).some((e) => e.held !== null) ? 'blocked' : 'sending';
}
