/**
 * The due conditions of the customer-side chat timers, in SQL over `chats c`
 * joined to `queues q`. The sweeper selects with them, and chatEnder checks
 * them again with the chat's row locked, so a timer fires once across nodes
 * and never after the customer came back or someone wrote.
 */
import { DEFAULT_INACTIVITY_MINUTES, WARNING_LEAD_MAX_SECONDS } from '../domain/inactivity.js';

/** The customer's page has been gone longer than the grace period (`$grace`, seconds). */
export function customerGoneSql(grace: string): string {
  return `c.status <> 'ended' AND c.customer_present_until < now() - make_interval(secs => ${grace})`;
}

/** The queue's inactivity timeout in minutes (0 = off); queues saved before the setting get the default. */
export const INACTIVITY_MINUTES_SQL = `coalesce((q.config->>'inactivityTimeoutMinutes')::int, ${DEFAULT_INACTIVITY_MINUTES})`;

/** Silence counts from the last message, or from the accept when nothing was written since (src/domain/inactivity.ts). */
const SILENT_SINCE = 'greatest(c.last_message_at, c.accepted_at)';
const TIMEOUT_SECONDS = `(${INACTIVITY_MINUTES_SQL} * 60)`;

export const INACTIVITY_CLOSE_DUE_SQL = `c.status = 'active' AND ${INACTIVITY_MINUTES_SQL} > 0
  AND ${SILENT_SINCE} < now() - make_interval(secs => ${TIMEOUT_SECONDS})`;

/** Same rule as inactivityTimes(): warned a minute before the close, at most halfway. */
export const INACTIVITY_WARN_DUE_SQL = `c.status = 'active' AND ${INACTIVITY_MINUTES_SQL} > 0 AND c.inactivity_warned_at IS NULL
  AND ${SILENT_SINCE} < now() - make_interval(secs => ${TIMEOUT_SECONDS} - least(${WARNING_LEAD_MAX_SECONDS}, ${TIMEOUT_SECONDS} / 2))`;
