/**
 * liveBoard: the supervisor live view's figures for one client, read once per
 * change for every viewer of that client (src/app/boardHub.ts coalesces and
 * pushes). Per queue: waiting, longest wait, a newcomer's estimate, chats in
 * progress, left messages and callbacks waiting, service level and
 * abandonment so far today. Per agent: state and since when, seats in use
 * against capacity, chats handled today. "Today" is one day for the whole
 * board, in the time zone of the client's queues (src/domain/localDay.ts).
 *
 * Service level = answered within the queue's target ÷ (answered + gave up),
 * abandonment = gave up ÷ (answered + gave up), over customers who left the
 * line today; "gave up" is a waiting chat ended by its customer or abandoned
 * (past the grace), as the wait estimate counts it (queueStatistics.ts).
 */
import type { Queryable } from '../db/db.js';
import { type QueueConfig, QueueConfigSchema } from '../domain/queueConfig.js';
import { boardTimeZone, share, startOfLocalDay } from '../domain/localDay.js';
import { isOpenAt } from '../domain/schedule.js';
import { estimateLineWaitSeconds } from '../domain/waitEstimate.js';
import { type AgentFigures, type BoardView, LIVE_CHATS_MAX, type LiveAgentState, type LiveChatView, type QueueFigures } from '../protocol/supervisor.js';
import { loadQueueStatistics } from './queueStatistics.js';
import { seatsUsedSql } from './seats.js';

interface QueueRow extends Record<string, unknown> {
  id: string;
  name: string;
  config: unknown;
  created_at: Date;
}
interface LiveRow extends Record<string, unknown> {
  queue_id: string;
  waiting: number;
  queued: number;
  oldest: Date | null;
  in_progress: number;
}
interface TodayRow extends Record<string, unknown> {
  queue_id: string;
  answered: number;
  in_target: number;
  abandoned: number;
}
interface AccuracyRow extends Record<string, unknown> {
  queue_id: string;
  checked: number;
  median_error: number | null;
  median_bias: number | null;
}
interface OfflineRow extends Record<string, unknown> {
  queue_id: string;
  messages: number;
  callbacks: number;
}
interface AgentRow extends Record<string, unknown> {
  id: string;
  display_name: string;
  status: 'available' | 'away' | 'offline';
  away_reason: string | null;
  status_changed_at: Date;
  capacity: number;
  in_hand: number;
  handled: number;
}
interface ChatListRow extends Record<string, unknown> {
  id: string;
  queue_name: string;
  customer_name: string;
  agent_name: string | null;
  status: LiveChatView['status'];
  queued_at: Date;
  accepted_at: Date | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

const LIVE_SQL = `
SELECT queue_id,
       count(*) FILTER (WHERE status IN ('queued', 'offered'))::int AS waiting,
       count(*) FILTER (WHERE status = 'queued')::int AS queued,
       min(queued_at) FILTER (WHERE status IN ('queued', 'offered')) AS oldest,
       count(*) FILTER (WHERE status = 'active')::int AS in_progress
  FROM chats WHERE client_id = $1 AND status <> 'ended'
 GROUP BY queue_id`;

// Customers who left the line today: answered (accepted today) or gave up (ended today, never answered).
// The lower bound on queued_at lets the (client_id, queued_at) index bound the scan.
const TODAY_SQL = `
SELECT c.queue_id,
       count(*) FILTER (WHERE c.accepted_at >= $2)::int AS answered,
       count(*) FILTER (WHERE c.accepted_at >= $2
                          AND extract(epoch FROM c.accepted_at - c.queued_at) <= coalesce((q.config->>'serviceLevelSeconds')::int, 60))::int AS in_target,
       count(*) FILTER (WHERE c.accepted_at IS NULL AND c.status = 'ended' AND c.ended_by IN ('customer', 'abandoned') AND c.ended_at >= $2)::int AS abandoned
  FROM chats c JOIN queues q ON q.id = c.queue_id
 WHERE c.client_id = $1 AND c.queued_at >= $2::timestamptz - interval '1 day'
   AND (c.accepted_at >= $2 OR (c.status = 'ended' AND c.ended_at >= $2))
 GROUP BY c.queue_id`;

// Today's estimate accuracy (src/domain/estimateAccuracy.ts, the same medians): customers answered
// today who were shown an estimate when they joined (chats.first_estimate_seconds, migration 28), by
// the queue they joined, against their wait from joining to the first answer. The bound on entered_at
// lets the (client_id, entered_at) index bound the scan.
const ACCURACY_SQL = `
SELECT entry_queue_id AS queue_id, count(*)::int AS checked,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(first_estimate_seconds - extract(epoch FROM first_accepted_at - entered_at))) AS median_error,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY first_estimate_seconds - extract(epoch FROM first_accepted_at - entered_at)) AS median_bias
  FROM chats
 WHERE client_id = $1 AND entered_at >= $2::timestamptz - interval '1 day' AND first_accepted_at >= $2 AND first_estimate_seconds IS NOT NULL
 GROUP BY entry_queue_id`;

const OFFLINE_SQL = `
SELECT queue_id,
       count(*) FILTER (WHERE kind = 'message')::int AS messages,
       count(*) FILTER (WHERE kind = 'callback')::int AS callbacks
  FROM offline_items WHERE queue_id = ANY($1::uuid[]) AND status = 'open' AND assigned_to IS NULL
 GROUP BY queue_id`;

// Agents: everyone active who answers chats (agents, and supervisors or admins assigned to a queue).
const AGENTS_SQL = `
SELECT u.id, u.display_name, u.status, u.away_reason, u.status_changed_at, u.capacity, ${seatsUsedSql('u')} AS in_hand,
       (SELECT count(*) FROM chats h WHERE h.client_id = u.client_id AND h.agent_id = u.id AND h.status = 'ended'
           AND h.accepted_at IS NOT NULL AND h.ended_at >= $2)::int AS handled
  FROM users u
 WHERE u.client_id = $1 AND u.active AND (u.role = 'agent' OR EXISTS (SELECT 1 FROM queue_agents qa WHERE qa.user_id = u.id))
 ORDER BY lower(u.display_name), u.id`;

const CHATS_SQL = `
SELECT c.id, q.name AS queue_name, c.customer_name, u.display_name AS agent_name, c.status, c.queued_at, c.accepted_at
  FROM chats c JOIN queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.agent_id
 WHERE c.client_id = $1 AND c.status <> 'ended'
 ORDER BY c.queued_at, c.id
 LIMIT ${LIVE_CHATS_MAX}`;

function liveState(row: AgentRow): LiveAgentState {
  if (row.status === 'away' && row.away_reason === 'not_responding') return 'not_responding';
  return row.status;
}

/** The client's board as of now. `now` is the clock "today" and "open" are read by (tests may move it). */
export async function readBoard(db: Queryable, clientId: string, now: Date = new Date()): Promise<BoardView> {
  const queueRows = await db.query<QueueRow>(
    'SELECT id, name, config, created_at FROM queues WHERE client_id = $1 AND deleted_at IS NULL ORDER BY lower(name), id',
    [clientId],
  );
  const queues = queueRows.map((row) => ({ ...row, config: QueueConfigSchema.parse(row.config) as QueueConfig }));
  const timeZone = boardTimeZone(
    queues.map((q) => ({ timeZone: q.config.workingHours.timeZone, createdAt: new Date(q.created_at), hoursEnabled: q.config.workingHours.enabled })),
  );
  const dayStart = startOfLocalDay(now, timeZone);

  const [live, today, offline, agents, chats, accuracy] = await Promise.all([
    db.query<LiveRow>(LIVE_SQL, [clientId]),
    db.query<TodayRow>(TODAY_SQL, [clientId, dayStart]),
    queues.length ? db.query<OfflineRow>(OFFLINE_SQL, [queues.map((q) => q.id)]) : Promise.resolve([]),
    db.query<AgentRow>(AGENTS_SQL, [clientId, dayStart]),
    db.query<ChatListRow>(CHATS_SQL, [clientId]),
    db.query<AccuracyRow>(ACCURACY_SQL, [clientId, dayStart]),
  ]);
  const accuracyOf = new Map(accuracy.map((r) => [r.queue_id, r]));
  const seconds = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(Number(n)));
  const liveOf = new Map(live.map((r) => [r.queue_id, r]));
  const todayOf = new Map(today.map((r) => [r.queue_id, r]));
  const offlineOf = new Map(offline.map((r) => [r.queue_id, r]));

  const figures: QueueFigures[] = [];
  for (const q of queues) {
    const l = liveOf.get(q.id);
    const t = todayOf.get(q.id);
    const o = offlineOf.get(q.id);
    const open = q.config.open && isOpenAt(q.config.workingHours, now);
    // What a customer joining now would be told: the place after everyone still in line.
    const [estimate = null] = open ? estimateLineWaitSeconds(await loadQueueStatistics(db, q.id), [(l?.queued ?? 0) + 1]) : [];
    const answered = t?.answered ?? 0;
    const abandoned = t?.abandoned ?? 0;
    const inTarget = t?.in_target ?? 0;
    figures.push({
      queueId: q.id,
      name: q.name,
      open,
      waiting: l?.waiting ?? 0,
      oldestWaitingSince: l?.oldest ? iso(l.oldest) : null,
      newcomerEstimateSeconds: estimate === null ? null : Math.round(estimate),
      inProgress: l?.in_progress ?? 0,
      messagesWaiting: o?.messages ?? 0,
      callbacksWaiting: o?.callbacks ?? 0,
      serviceLevelSeconds: q.config.serviceLevelSeconds,
      answeredToday: answered,
      answeredInTargetToday: inTarget,
      abandonedToday: abandoned,
      serviceLevel: share(inTarget, answered + abandoned),
      abandonment: share(abandoned, answered + abandoned),
      estimatesCheckedToday: accuracyOf.get(q.id)?.checked ?? 0,
      estimateMedianErrorSeconds: seconds(accuracyOf.get(q.id)?.median_error),
      estimateMedianBiasSeconds: seconds(accuracyOf.get(q.id)?.median_bias),
    });
  }

  const agentFigures: AgentFigures[] = agents.map((a) => ({
    userId: a.id,
    displayName: a.display_name,
    state: liveState(a),
    stateSince: iso(a.status_changed_at),
    inHand: a.in_hand,
    capacity: a.capacity,
    handledToday: a.handled,
  }));

  return {
    timeZone,
    dayStartedAt: dayStart.toISOString(),
    at: new Date().toISOString(),
    queues: figures,
    agents: agentFigures,
    chats: chats.map((c) => ({
      chatId: c.id,
      queueName: c.queue_name,
      customerName: c.customer_name,
      agentName: c.agent_name,
      status: c.status,
      since: iso(c.status === 'active' && c.accepted_at ? c.accepted_at : c.queued_at),
    })),
  };
}
