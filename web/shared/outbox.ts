/**
 * The ordering and retry rules of a browser outbox (customer page and agent
 * console), as pure functions over an immutable list so they can be unit
 * tested without a socket or a clock.
 *
 * Rules:
 * - Only the OLDEST message may be on its way; later ones wait behind it, so
 *   a message that fails can never be overtaken (the thread keeps typing order).
 * - A temporary failure (rate limited, server error, no answer, offline) is
 *   retried automatically with exponential back-off: 1 s, 2 s, 4 s … capped at
 *   30 s, each ±25 % jitter so many browsers do not come back in lockstep.
 *   A reconnect retries at once.
 * - A permanent failure (the server refused this message: validation,
 *   chat_ended, forbidden, …) stops automatic retry: the message is "held" and
 *   the person decides: Retry (back in line, first) or Remove (dropped; the
 *   messages behind it then go). Later messages keep waiting meanwhile,
 *   because sending them first would reverse the order if the held one is
 *   retried.
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

export type OutboxStep<T> =
  | { kind: 'idle' }
  /** Send this entry now. */
  | { kind: 'send'; entry: T }
  /** The head is backing off: look again after `ms`. */
  | { kind: 'wait'; ms: number }
  /** The head was refused for good: nothing goes until it is retried or removed. */
  | { kind: 'held'; entry: T };

/** What the outbox should do at `now`: always about the oldest entry only. */
export function nextStep<T extends Delivery>(entries: readonly T[], now: number): OutboxStep<T> {
  const head = entries[0];
  if (!head) return { kind: 'idle' };
  if (head.held !== null) return { kind: 'held', entry: head };
  if (head.retryAt > now) return { kind: 'wait', ms: head.retryAt - now };
  return { kind: 'send', entry: head };
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

/** Record a failed attempt: back off for a temporary error, hold for a permanent one. */
export function failed<T extends Delivery>(
  entries: readonly T[],
  clientMsgId: string,
  error: { id: string | null; message: string },
  now: number,
  random: () => number = Math.random,
): T[] {
  return entries.map((e) => {
    if (e.clientMsgId !== clientMsgId) return e;
    const attempts = e.attempts + 1;
    if (failureKind(error.id) === 'permanent') return { ...e, attempts, held: error.message || 'This message was not sent.' };
    return { ...e, attempts, retryAt: now + backoffMs(attempts, random) };
  });
}

/** Connection is back: the head is tried at once instead of waiting out its back-off. */
export function reconnected<T extends Delivery>(entries: readonly T[]): T[] {
  const head = entries[0];
  if (!head || head.held !== null || head.retryAt === 0) return entries as T[];
  return [{ ...head, retryAt: 0 }, ...entries.slice(1)];
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
