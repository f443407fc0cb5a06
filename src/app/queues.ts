/** Loading queues and answering "is it open, is anybody there". */
import type { Queryable } from '../db/db.js';
import { type QueueConfig, QueueConfigSchema } from '../domain/queueConfig.js';
import { isOpenAt } from '../domain/schedule.js';
import { AppError } from './errors.js';
import { seatsUsedSql } from './seats.js';

export interface Queue {
  id: string;
  clientId: string;
  clientName: string;
  slug: string;
  name: string;
  config: QueueConfig;
}

interface QueueRow extends Record<string, unknown> {
  id: string;
  client_id: string;
  client_name: string;
  slug: string;
  name: string;
  config: unknown;
}

const SELECT_QUEUE = `SELECT q.id, q.client_id, c.name AS client_name, q.slug, q.name, q.config
  FROM queues q JOIN clients c ON c.id = q.client_id`;

function toQueue(row: QueueRow): Queue {
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    slug: row.slug,
    name: row.name,
    // Written only through the schema, so parsing cannot fail short of manual edits.
    config: QueueConfigSchema.parse(row.config),
  };
}

export async function findQueueBySlug(db: Queryable, slug: string): Promise<Queue> {
  const [row] = await db.query<QueueRow>(`${SELECT_QUEUE} WHERE q.slug = $1 AND q.deleted_at IS NULL`, [slug]);
  if (!row) throw new AppError('not_found', 'There is no chat queue at this address.');
  return toQueue(row);
}

export async function findQueueById(db: Queryable, id: string, clientId?: string): Promise<Queue> {
  const rows = await db.query<QueueRow>(
    `${SELECT_QUEUE} WHERE q.id = $1 AND q.deleted_at IS NULL ${clientId ? 'AND q.client_id = $2' : ''}`,
    clientId ? [id, clientId] : [id],
  );
  if (!rows[0]) throw new AppError('not_found', 'Queue not found.');
  return toQueue(rows[0]);
}

export function isQueueOpen(queue: Queue, now: Date): boolean {
  return queue.config.open && isOpenAt(queue.config.workingHours, now);
}

export interface Staffing {
  /** Agents assigned to the queue, Available, with a live connection. */
  staffedAgents: number;
  averageCapacity: number;
  freeSeats: number;
}

/** Live staffing of a queue; an agent counts only while their presence has not expired. */
export async function queueStaffing(db: Queryable, queueId: string): Promise<Staffing> {
  const [row] = await db.query<{ agents: number; capacity: number | null; free: number | null }>(
    `SELECT count(*)::int AS agents, avg(u.capacity)::float8 AS capacity,
            sum(greatest(0, u.capacity - ${seatsUsedSql('u')}))::int AS free
       FROM users u JOIN queue_agents qa ON qa.user_id = u.id
      WHERE qa.queue_id = $1 AND u.active AND u.status = 'available' AND u.presence_expires_at > now()`,
    [queueId],
  );
  return { staffedAgents: row?.agents ?? 0, averageCapacity: row?.capacity ?? 1, freeSeats: row?.free ?? 0 };
}

/** Customers waiting in the queue's line now (what maxWaiting bounds). */
export async function waitingCount(db: Queryable, queueId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM chats WHERE queue_id = $1 AND status = 'queued'", [queueId]);
  return row?.n ?? 0;
}

export async function averageHandleSeconds(db: Queryable, queueId: string): Promise<number | null> {
  const [row] = await db.query<{ seconds: number | null }>(
    `SELECT avg(extract(epoch FROM ended_at - accepted_at))::float8 AS seconds FROM (
       SELECT ended_at, accepted_at FROM chats
        WHERE queue_id = $1 AND status = 'ended' AND accepted_at IS NOT NULL AND ended_at > now() - interval '7 days'
        ORDER BY ended_at DESC LIMIT 50) recent`,
    [queueId],
  );
  return row?.seconds ?? null;
}

/** What the wait estimate needs beyond staffing and the average handle time (src/domain/waitEstimate.ts). */
export interface WaitObservations {
  /** Last 50 handle times of the queue (their spread shapes the estimate), seconds. */
  recentHandleSeconds: number[];
  /**
   * Elapsed seconds of each chat held by the queue's staffed agents (an offer counts as just started).
   * Seats taken by offline items are left out: the estimate counts them as seats of unknown age.
   */
  busyElapsedSeconds: number[];
  /** Customers who gave up waiting ÷ seconds waited, over the last 100 to leave the line. */
  abandonRatePerSecond: number;
}

export async function waitObservations(db: Queryable, queueId: string): Promise<WaitObservations> {
  const handles = await db.query<{ seconds: number }>(
    `SELECT extract(epoch FROM ended_at - accepted_at)::float8 AS seconds FROM chats
      WHERE queue_id = $1 AND status = 'ended' AND accepted_at IS NOT NULL AND ended_at > now() - interval '7 days'
      ORDER BY ended_at DESC LIMIT 50`,
    [queueId],
  );
  const busy = await db.query<{ seconds: number }>(
    `SELECT greatest(0, extract(epoch FROM now() - coalesce(c.accepted_at, now())))::float8 AS seconds
       FROM chats c JOIN users u ON u.id = c.agent_id JOIN queue_agents qa ON qa.user_id = u.id
      WHERE qa.queue_id = $1 AND c.status IN ('offered', 'active')
        AND u.active AND u.status = 'available' AND u.presence_expires_at > now()`,
    [queueId],
  );
  const [left] = await db.query<{ gave_up: number; waited: number | null }>(
    `SELECT count(*) FILTER (WHERE accepted_at IS NULL)::int AS gave_up,
            sum(greatest(0, extract(epoch FROM left_at - queued_at)))::float8 AS waited
       FROM (SELECT queued_at, accepted_at, coalesce(accepted_at, ended_at) AS left_at FROM chats
              WHERE queue_id = $1 AND (accepted_at IS NOT NULL OR (status = 'ended' AND ended_by IN ('customer', 'abandoned')))
                AND coalesce(accepted_at, ended_at) > now() - interval '7 days'
              ORDER BY coalesce(accepted_at, ended_at) DESC LIMIT 100) recent`,
    [queueId],
  );
  const waited = left?.waited ?? 0;
  return {
    recentHandleSeconds: handles.map((r) => Number(r.seconds)),
    busyElapsedSeconds: busy.map((r) => Number(r.seconds)),
    abandonRatePerSecond: waited > 0 ? (left?.gave_up ?? 0) / waited : 0,
  };
}
