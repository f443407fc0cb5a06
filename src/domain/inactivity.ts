/**
 * The per-queue inactivity timeout of an active chat: when neither side has
 * written for the queue's `inactivityTimeoutMinutes`, the chat closes. The
 * customer is warned first, a minute before (half the timeout when it is a
 * single minute), so that one message keeps the chat open.
 */

/** Used for queues saved before the setting existed. */
export const DEFAULT_INACTIVITY_MINUTES = 10;
/** The warning comes this long before the close, at most half the timeout. */
export const WARNING_LEAD_MAX_SECONDS = 60;

export interface InactivityTimes {
  /** Seconds without a message after which the customer is warned. */
  warnAfterSeconds: number;
  /** Seconds without a message after which the chat closes. */
  closeAfterSeconds: number;
}

/** The warning and closing times for a timeout in minutes; null when the timeout is off (0). */
export function inactivityTimes(timeoutMinutes: number): InactivityTimes | null {
  if (!Number.isFinite(timeoutMinutes) || timeoutMinutes <= 0) return null;
  const closeAfterSeconds = Math.round(timeoutMinutes * 60);
  const lead = Math.min(WARNING_LEAD_MAX_SECONDS, Math.floor(closeAfterSeconds / 2));
  return { warnAfterSeconds: closeAfterSeconds - lead, closeAfterSeconds };
}
