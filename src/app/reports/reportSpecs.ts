/**
 * The statements behind the reports, as GroupedSpecs (groupedSql.ts): what is
 * counted, from which rows, at which time. Definitions (also in the portal's
 * words and docs/ARCHITECTURE.md):
 * - a chat counts in the queue its customer joined, when they joined
 *   (chats.entry_queue_id, entered_at: kept by a trigger, migration 22), so a
 *   transfer to another queue or a return to the line does not move it;
 * - offered: a customer joined the line;
 * - answered: an agent first accepted the chat (first_accepted_at), the wait
 *   from joining to that answer;
 * - abandoned: ended never answered, by the customer or their absence;
 * - service level: answered within the queue's target ÷ (answered + abandoned);
 * - handle time: from the first answer to the end (the whole conversation);
 * - estimate accuracy: for answered customers who were shown an estimate when
 *   they joined (chats.first_estimate_seconds), the median of |estimate − wait|
 *   and of (estimate − wait), as the live view (src/domain/estimateAccuracy.ts);
 * - per agent: every time they took a chat (chat_acceptances: an offer, a
 *   transfer to them, a chat back from the line), held until the next agent
 *   took it or it ended;
 * - offers declined / timed out: offer_outcomes;
 * - left messages and callbacks: bucket of their creation; handled if done since.
 */
import type { GroupedSpec } from './groupedSql.js';

/** The queue's service level target in seconds (General Settings; 60 when not set). */
export const SERVICE_LEVEL_TARGET_SQL = "coalesce((q.config->>'serviceLevelSeconds')::int, 60)";

export const QUEUE_CHATS: GroupedSpec = {
  // The target read once per queue, not once per chat (a JSON field of every joined row costs more than the rest of the row).
  from: `chats c JOIN (SELECT q.id, ${SERVICE_LEVEL_TARGET_SQL} AS target FROM queues q WHERE q.client_id = $1) q ON q.id = c.entry_queue_id`,
  client: 'c.client_id',
  queue: 'c.entry_queue_id',
  key: 'c.entry_queue_id',
  time: 'c.entered_at',
  columns: {
    answered: 'c.first_accepted_at IS NOT NULL',
    abandoned: "c.status = 'ended' AND c.first_accepted_at IS NULL AND c.ended_by IN ('customer', 'abandoned')",
    wait: 'extract(epoch FROM c.first_accepted_at - c.entered_at)::float8',
    waited: 'extract(epoch FROM c.ended_at - c.entered_at)::float8',
    handle: 'extract(epoch FROM c.ended_at - c.first_accepted_at)::float8',
    target: 'q.target',
    estimate: 'c.first_estimate_seconds',
  },
  aggregates: {
    offered: 'count(*)::int',
    answered: 'count(*) FILTER (WHERE answered)::int',
    abandoned: 'count(*) FILTER (WHERE abandoned)::int',
    average_abandon: 'avg(waited) FILTER (WHERE abandoned)',
    in_target: 'count(*) FILTER (WHERE answered AND wait <= target)::int',
    average_wait: 'avg(wait) FILTER (WHERE answered)',
    p90_wait: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY wait) FILTER (WHERE answered)',
    average_handle: 'avg(handle) FILTER (WHERE answered)',
    estimated: 'count(*) FILTER (WHERE answered AND estimate IS NOT NULL)::int',
    estimate_error: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(estimate - wait)) FILTER (WHERE answered AND estimate IS NOT NULL)',
    estimate_bias: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY estimate - wait) FILTER (WHERE answered AND estimate IS NOT NULL)',
  },
};

const outcomes = (key: string): GroupedSpec => ({
  from: 'offer_outcomes o',
  client: 'o.client_id',
  queue: 'o.queue_id',
  key,
  time: 'o.at',
  columns: { outcome: 'o.outcome' },
  aggregates: {
    declined: "count(*) FILTER (WHERE outcome = 'declined')::int",
    timed_out: "count(*) FILTER (WHERE outcome = 'timed_out')::int",
  },
});
export const QUEUE_OFFERS = outcomes('o.queue_id');
export const AGENT_OFFERS = outcomes('o.agent_id');

export const QUEUE_OFFLINE: GroupedSpec = {
  from: 'offline_items i',
  client: 'i.client_id',
  queue: 'i.queue_id',
  key: 'i.queue_id',
  time: 'i.created_at',
  columns: { kind: 'i.kind', handled: 'i.handled_at IS NOT NULL', took: 'extract(epoch FROM i.handled_at - i.created_at)::float8' },
  aggregates: {
    messages: "count(*) FILTER (WHERE kind = 'message')::int",
    callbacks: "count(*) FILTER (WHERE kind = 'callback')::int",
    handled: 'count(*) FILTER (WHERE handled)::int',
    median_handle: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY took) FILTER (WHERE handled)',
  },
};

export const AGENT_CHATS: GroupedSpec = {
  from: 'chat_acceptances a',
  client: 'a.client_id',
  queue: 'a.queue_id',
  key: 'a.agent_id',
  time: 'a.at',
  // Held until released (the trigger of migration 22 stamps it); still held: no handle time yet.
  columns: { handle: 'extract(epoch FROM a.released_at - a.at)::float8' },
  aggregates: {
    answered: 'count(*)::int',
    average_handle: 'avg(handle)',
    p90_handle: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY handle)',
  },
};

export const AGENT_OFFLINE: GroupedSpec = {
  from: 'offline_items i',
  client: 'i.client_id',
  queue: 'i.queue_id',
  key: 'i.handled_by',
  time: 'i.handled_at',
  where: 'i.handled_by IS NOT NULL',
  columns: { one: '1' },
  aggregates: { handled: 'count(*)::int' },
};

/** Post-chat survey answers (migration 24), in the bucket of the answer: per queue the queue the chat ended in. */
const surveyAggregates = {
  surveys: 'count(*)::int',
  average_rating: 'avg(rating)::float8',
  rated_1: 'count(*) FILTER (WHERE rating = 1)::int',
  rated_2: 'count(*) FILTER (WHERE rating = 2)::int',
  rated_3: 'count(*) FILTER (WHERE rating = 3)::int',
  rated_4: 'count(*) FILTER (WHERE rating = 4)::int',
  rated_5: 'count(*) FILTER (WHERE rating = 5)::int',
};

export const QUEUE_SURVEYS: GroupedSpec = {
  from: 'chat_surveys s',
  client: 's.client_id',
  queue: 's.queue_id',
  key: 's.queue_id',
  time: 's.created_at',
  columns: { rating: 's.rating' },
  aggregates: surveyAggregates,
};

/** Per agent: every agent who held the chat is credited with its answer. */
export const AGENT_SURVEYS: GroupedSpec = {
  from: 'chat_surveys s CROSS JOIN LATERAL unnest(s.agent_ids) AS held(agent_id)',
  client: 's.client_id',
  queue: 's.queue_id',
  key: 'held.agent_id',
  time: 's.created_at',
  columns: { rating: 's.rating' },
  aggregates: surveyAggregates,
};

/**
 * Transfers that happened (accepted), at when they happened (answered_at; chat_transfers_answered).
 * Per queue: in = transferred to the queue, out = transferred from it to another queue (a transfer
 * between agents keeps the chat in its queue, so it moves nothing between queues). Per agent: in = a
 * transfer to them they accepted, out = every transfer they made that happened (to an agent or a
 * queue). Each transfer is two rows here (its two ends), so one grouped pass counts both.
 */
const transfers = (subject: 'queue' | 'agent'): GroupedSpec => {
  const [into, outOf, extra] =
    subject === 'queue' ? ['t.to_queue_id', 't.from_queue_id', 'AND t.to_queue_id IS NOT NULL'] : ['t.to_agent_id', 't.from_agent_id', ''];
  const end = (who: string, direction: string, only: string) =>
    `SELECT t.client_id, t.answered_at AS at, ${who} AS subject, t.from_queue_id, '${direction}' AS direction
       FROM chat_transfers t WHERE t.state = 'accepted' AND ${who} IS NOT NULL ${only}`;
  return {
    from: `(${end(into, 'in', '')} UNION ALL ${end(outOf, 'out', extra)}) x`,
    client: 'x.client_id',
    // The queue filter: a queue's own end (the queue report), the chat's queue when transferred (the agent report).
    queue: subject === 'queue' ? 'x.subject' : 'x.from_queue_id',
    key: 'x.subject',
    time: 'x.at',
    columns: { direction: 'x.direction' },
    aggregates: {
      transferred_in: "count(*) FILTER (WHERE direction = 'in')::int",
      transferred_out: "count(*) FILTER (WHERE direction = 'out')::int",
    },
  };
};
export const QUEUE_TRANSFERS = transfers('queue');
export const AGENT_TRANSFERS = transfers('agent');
