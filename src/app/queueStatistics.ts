/**
 * queueStatistics: everything the wait estimate needs about a queue besides a
 * customer's place in line (src/domain/waitEstimate.ts), read in ONE
 * statement: live staffing and free seats, the recent handle times (their average
 * blended with the queue's expected handle time while they are few), the age of each chat held by the staffed agents, and the recent
 * rate of abandonment. They are the same for every customer of the queue, so
 * a whole line's states cost this one read (src/app/chatViews.ts), not one
 * per customer.
 *
 * Indexed (migration 14): recent handle times by chats(queue_id, ended_at),
 * the last customers to leave the line by chats(queue_id, coalesce(accepted_at,
 * ended_at)), an agent's offline items by offered_to / assigned_to.
 */
import type { Queryable } from '../db/db.js';
import { DEFAULT_HANDLE_SECONDS, type LineInputs } from '../domain/waitEstimate.js';
import { seatsUsedSql } from './seats.js';

export type QueueStatistics = Required<LineInputs>;

interface StatisticsRow {
  agents: number;
  capacity: number | null;
  free: number | null;
  handles: number[] | null;
  busy: number[] | null;
  gave_up: number;
  waited: number | null;
}

// Staffed: assigned, Available, active, present. Recent handle times: the last 50 answered chats of
// the week, newest first (their order is the order the estimator sums them in). Left the line: the
// last 100 customers of the week to be answered or to give up. Busy: every chat offered to or held by a
// staffed agent, whichever queue it came from (an offer counts as just started). Seats taken by
// offline items are left out of busy: the estimate counts them as seats of unknown age.
export const QUEUE_STATISTICS_SQL = `
WITH staffed AS (
  SELECT u.id, u.capacity, ${seatsUsedSql('u')} AS used
    FROM users u JOIN queue_agents qa ON qa.user_id = u.id
   WHERE qa.queue_id = $1 AND u.active AND u.status = 'available' AND u.presence_expires_at > now()
), recent AS (
  SELECT ended_at, extract(epoch FROM ended_at - accepted_at) AS seconds FROM chats
   WHERE queue_id = $1 AND status = 'ended' AND accepted_at IS NOT NULL AND ended_at > now() - interval '7 days'
   ORDER BY ended_at DESC LIMIT 50
), left_line AS (
  SELECT queued_at, accepted_at, coalesce(accepted_at, ended_at) AS left_at FROM chats
   WHERE queue_id = $1 AND (accepted_at IS NOT NULL OR (status = 'ended' AND ended_by IN ('customer', 'abandoned')))
     AND coalesce(accepted_at, ended_at) > now() - interval '7 days'
   ORDER BY coalesce(accepted_at, ended_at) DESC LIMIT 100
)
SELECT (SELECT count(*)::int FROM staffed) AS agents,
       (SELECT avg(capacity)::float8 FROM staffed) AS capacity,
       (SELECT sum(greatest(0, capacity - used))::int FROM staffed) AS free,
       (SELECT array_agg(seconds::float8 ORDER BY ended_at DESC) FROM recent) AS handles,
       (SELECT array_agg(greatest(0, extract(epoch FROM now() - coalesce(c.accepted_at, now())))::float8 ORDER BY c.accepted_at, c.id)
          FROM chats c JOIN staffed s ON s.id = c.agent_id WHERE c.status IN ('offered', 'active')) AS busy,
       (SELECT count(*) FILTER (WHERE accepted_at IS NULL)::int FROM left_line) AS gave_up,
       (SELECT sum(greatest(0, extract(epoch FROM left_at - queued_at)))::float8 FROM left_line) AS waited`;

/** Ended chats a queue needs before its own average handle time stands alone. */
export const HANDLES_TO_LEARN = 10;

/**
 * The average handle time the estimate uses: the queue's expected one (General Settings) until
 * HANDLES_TO_LEARN chats have ended, then its own. In between each ended chat replaces one of the
 * expected ones, so two quick test chats on a new queue do not make a real line look short.
 */
export function learnedHandleSeconds(recent: readonly number[], expectedSeconds: number): number {
  const n = recent.length;
  if (n >= HANDLES_TO_LEARN) return recent.reduce((a, b) => a + b, 0) / n;
  return (recent.reduce((a, b) => a + b, 0) + (HANDLES_TO_LEARN - n) * expectedSeconds) / HANDLES_TO_LEARN;
}

export async function loadQueueStatistics(db: Queryable, queueId: string, expectedHandleSeconds = DEFAULT_HANDLE_SECONDS): Promise<QueueStatistics> {
  const [row] = await db.query<StatisticsRow>(QUEUE_STATISTICS_SQL, [queueId]);
  const waited = row?.waited ?? 0;
  const handles = (row?.handles ?? []).map(Number);
  return {
    staffedAgents: row?.agents ?? 0,
    averageCapacity: row?.capacity ?? 1,
    freeSeats: row?.free ?? 0,
    averageHandleSeconds: learnedHandleSeconds(handles, expectedHandleSeconds),
    recentHandleSeconds: handles,
    busyElapsedSeconds: (row?.busy ?? []).map(Number),
    abandonRatePerSecond: waited > 0 ? (row?.gave_up ?? 0) / waited : 0,
  };
}
