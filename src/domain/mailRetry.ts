/**
 * When to try a mail again after the SMTP server did not take it: twice as
 * long after each failed attempt, capped, with jitter so that mail that failed
 * together (the server was down) does not all come back at the same instant.
 */
export interface RetryPolicy {
  /** Wait after the first failed attempt. */
  baseMs: number;
  /** Longest wait. */
  maxMs: number;
  /** Attempts before the mail is failed for good. */
  maxAttempts: number;
}

/** ±20 % around the exponential delay. */
const JITTER = 0.2;

/** Milliseconds to wait after `attempts` failed attempts (1 = the first one failed). `random` in [0, 1). */
export function retryDelayMs(attempts: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: number): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const plain = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  return Math.round(plain * (1 - JITTER + 2 * JITTER * random));
}

/** What happens to a mail whose attempt number `attempts` just failed. */
export function afterFailure(attempts: number, policy: RetryPolicy, random: number): { giveUp: true } | { giveUp: false; delayMs: number } {
  if (attempts >= policy.maxAttempts) return { giveUp: true };
  return { giveUp: false, delayMs: retryDelayMs(attempts, policy, random) };
}
