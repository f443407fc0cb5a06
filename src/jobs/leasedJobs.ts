/**
 * The durable job queue behind outgoing mail (src/mail/mailWorker.ts) and
 * webhook deliveries (src/webhooks/webhookWorker.ts): each job is a row,
 * written in the transaction of the change it tells about, and every node
 * runs a worker that claims due rows with a lease (status 'sending',
 * locked_until) — FOR UPDATE SKIP LOCKED on PostgreSQL, so several nodes never
 * claim the same row — delivers them, and marks them sent, or queued again
 * with back-off, or failed after the last attempt (at once for a permanent
 * refusal). A node that dies mid-delivery leaves a lease that expires; another
 * node then delivers the job again (at least once; the job's id travels with
 * every attempt so that a rare duplicate is recognisable).
 * Woken at once after an enqueue on this node, and polling for retries that
 * came due and for jobs enqueued on other nodes.
 *
 * A job table has: id uuid, status ('queued' | 'sending' | 'sent' | 'failed'
 * and any others the worker ignores), attempts int, locked_until, next_attempt_at,
 * last_error, sent_at.
 */
import type { Logger } from '../app/deps.js';
import { expectedError } from '../app/errors.js';
import type { Db } from '../db/db.js';
import { afterFailure, type RetryPolicy } from '../domain/mailRetry.js';

/** Thrown by a delivery that can never succeed (no such mailbox, endpoint gone): no more attempts. */
export class PermanentFailure extends Error {}

export interface JobRow extends Record<string, unknown> {
  id: string;
  attempts: number;
}

export interface LeasedJobOptions<Row extends JobRow> {
  /** What the logs call a job: 'mail', 'webhook delivery'. */
  kind: string;
  /** The job table (a constant of ours, never input). */
  table: string;
  /** The columns `deliver` needs (id and attempts are always returned). */
  columns: readonly string[];
  /** Delivers one job; throws to fail the attempt (PermanentFailure: for good). */
  deliver(row: Row): Promise<void>;
  log: Logger;
  retry: RetryPolicy;
  pollMs: number;
  /** Longer than one delivery can take, so that a live node's lease never runs out under it. */
  leaseMs: number;
  /** Rows claimed (and delivered side by side) per pass. @default 10 */
  batch?: number;
  /** Told after a job was marked sent, or failed for good (e.g. to tell the people waiting on it). */
  settled?(id: string, status: 'sent' | 'failed'): void;
}

export interface LeasedJobWorker {
  /** Looks for due jobs now (or right after the pass in progress). */
  wake(): void;
  /** Resolves when no pass is running and none is asked for (tests). */
  idle(): Promise<void>;
  /** Stops polling and waits for the deliveries in progress (bounded by their timeouts). */
  close(): Promise<void>;
}

export function createLeasedJobWorker<Row extends JobRow>(db: Db, options: LeasedJobOptions<Row>): LeasedJobWorker {
  const { table, kind, log } = options;
  const batch = options.batch ?? 10;
  const returning = ['id', 'attempts', ...options.columns.filter((c) => c !== 'id' && c !== 'attempts')].join(', ');
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;
  /** Passes in a row that could not reach the database (or were refused for overload): told once, and when it ends. */
  let unreachable = 0;

  const claim = () =>
    db.query<Row>(
      `UPDATE ${table} SET status = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (
          SELECT id FROM ${table}
           WHERE (status = 'queued' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now())
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE ${db.skipLocked ? 'SKIP LOCKED' : ''})
        RETURNING ${returning}`,
      [batch, options.leaseMs],
    );

  async function attempt(row: Row): Promise<void> {
    try {
      await options.deliver(row);
    } catch (error) {
      await failed(row, error);
      return;
    }
    // `attempts` fences the lease: if it ran out and another node claimed the row, that node owns it.
    const marked = await db.query(
      `UPDATE ${table} SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
      [row.id, row.attempts],
    );
    if (marked.length) options.settled?.(row.id, 'sent');
  }

  async function failed(row: Row, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const next = error instanceof PermanentFailure ? ({ giveUp: true } as const) : afterFailure(row.attempts, options.retry, Math.random());
    if (next.giveUp) {
      log.error({ jobId: row.id, table, attempts: row.attempts, err: message }, `${kind} failed for good; the admin can send it again`);
      const marked = await db.query(`UPDATE ${table} SET status = 'failed', locked_until = NULL, last_error = $3 WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`, [
        row.id,
        row.attempts,
        message,
      ]);
      if (marked.length) options.settled?.(row.id, 'failed');
      return;
    }
    log.warn({ jobId: row.id, table, attempts: row.attempts, retryInMs: next.delayMs, err: message }, `${kind} not delivered; will try again`);
    await db.query(
      `UPDATE ${table} SET status = 'queued', locked_until = NULL, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [row.id, row.attempts, message, next.delayMs],
    );
  }

  /** Claims and delivers until nothing is due. */
  async function pass(): Promise<void> {
    while (!closed) {
      const rows = await claim();
      if (!rows.length) return;
      await Promise.all(rows.map((row) => attempt(row).catch((error) => log.error({ err: error, jobId: row.id, table }, `could not record a ${kind} attempt`))));
    }
  }

  function wake(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .then(() => {
        if (unreachable) log.warn({ table, failedPasses: unreachable }, `${kind} worker reaches the database again`);
        unreachable = 0;
      })
      .catch((error) => {
        // An outage fails every poll (each second): said once, not once a poll; a fault of ours each time.
        if (!expectedError(error)) return log.error({ err: error, table }, `${kind} worker pass failed; the next poll tries again`);
        if (unreachable++ === 0) log.warn({ table, reason: (error as Error).message }, `${kind} worker cannot reach the database; polling on until it answers`);
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  const poll = setInterval(wake, options.pollMs);
  poll.unref();
  // Jobs left by a node that stopped, or retries that came due while no node ran.
  wake();

  return {
    wake,
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      clearInterval(poll);
      while (running) await running;
    },
  };
}
