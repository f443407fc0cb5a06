/**
 * Queue statistics and the cheap routing pass, on every backend:
 * - migration 14's indexes exist;
 * - waitingStates (two queries for the whole line) gives every customer the
 *   place and estimate the old per-customer computation gave (a count of
 *   those ahead, then five queries of wait figures), on random lines;
 * - a routing pass with no free seat runs no transaction, and on PostgreSQL
 *   never holds a lock a customer's End Chat would wait for.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeQueue } from '../src/app/chatRouter.js';
import { waitingStates } from '../src/app/chatViews.js';
import { queueStaffing } from '../src/app/queues.js';
import { newId } from '../src/app/secrets.js';
import type { Db, Queryable } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { DEFAULT_EXPECTED_HANDLE_MINUTES } from '../src/domain/queueConfig.js';
import { estimateWaitSeconds } from '../src/domain/waitEstimate.js';
import { learnedHandleSeconds } from '../src/app/queueStatistics.js';
import { countingDb } from './support/countingDb.js';
import { addWaiting, benchDeps, fillSeats, queueWithAgents } from '../bench/micro/routingFixture.js';
import { backends } from './support/backends.js';

/** The wait figures as they were read before migration 14: five queries per customer. */
async function oldWaitContext(db: Queryable, queueId: string) {
  const staffing = await queueStaffing(db, queueId);
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
        AND u.active AND u.status = 'available' AND u.presence_expires_at > now()
      ORDER BY c.accepted_at, c.id`,
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
    ...staffing,
    // Blended with the queue's expected handle time (default config: 5 minutes) while few chats ended.
    averageHandleSeconds: learnedHandleSeconds(handles.map((r) => Number(r.seconds)), DEFAULT_EXPECTED_HANDLE_MINUTES * 60),
    recentHandleSeconds: handles.map((r) => Number(r.seconds)),
    busyElapsedSeconds: busy.map((r) => Number(r.seconds)),
    abandonRatePerSecond: waited > 0 ? (left?.gave_up ?? 0) / waited : 0,
  };
}

async function oldPlace(db: Queryable, chat: { id: string; queue_id: string; queued_at: Date }): Promise<number> {
  const [row] = await db.query<{ ahead: number }>(
    `SELECT count(*)::int AS ahead FROM chats WHERE queue_id = $1 AND status = 'queued' AND (queued_at < $2 OR (queued_at = $2 AND id < $3))`,
    [chat.queue_id, chat.queued_at, chat.id],
  );
  return (row?.ahead ?? 0) + 1;
}

const Line = fc.record({
  agents: fc.array(
    fc.record({ capacity: fc.integer({ min: 1, max: 4 }), busy: fc.integer({ min: 0, max: 4 }), available: fc.boolean(), present: fc.boolean() }),
    { maxLength: 5 },
  ),
  // Seconds ago each customer joined; repeats make ties broken by id.
  waiting: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 25 }),
  // Ended chats: handle seconds (null: gave up waiting) and hours ago.
  history: fc.array(fc.record({ handle: fc.option(fc.integer({ min: 5, max: 2000 }), { nil: null }), hoursAgo: fc.integer({ min: 0, max: 200 }) }), {
    maxLength: 70,
  }),
});

for (const backend of backends()) {
  describe(`queue statistics on '${backend.name}'`, () => {
    let db: Db;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      ({ db, drop } = await backend.open());
      await migrate(db);
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    it('has the indexes of migration 14', async () => {
      const rows = await db.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE indexname IN ('chats_queue_ended', 'chats_queue_left_line', 'offline_items_offered_to', 'offline_items_assigned_to')",
      );
      expect(rows.map((r) => r.indexname).sort()).toEqual(['chats_queue_ended', 'chats_queue_left_line', 'offline_items_assigned_to', 'offline_items_offered_to']);
      const [applied] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations WHERE version = 14');
      expect(applied?.n).toBe(1);
    });

    it('gives a whole line the places and estimates the per-customer computation gave', async () => {
      await fc.assert(
        fc.asyncProperty(Line, async (line) => {
          const f = await queueWithAgents(db, line.agents.length, 4);
          for (const [i, agent] of line.agents.entries()) {
            const id = f.agentIds[i] as string;
            await db.query(
              `UPDATE users SET capacity = $2, status = $3, presence_expires_at = now() + $4 * interval '1 hour' WHERE id = $1`,
              [id, agent.capacity, agent.available ? 'available' : 'away', agent.present ? 1 : -1],
            );
            // Never above capacity: beyond it the old order of busy seats was arbitrary.
            await fillSeats(db, f, [id], Math.min(agent.busy, agent.capacity));
          }
          for (const h of line.history) {
            await db.query(
              `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, queued_at, accepted_at, ended_at, ended_by)
               VALUES ($1, $2, $3, $4, 'ended', 'Past', '{"fields":[],"values":{}}', now() - $5 * interval '1 hour' - interval '5 minutes',
                       CASE WHEN $6::int IS NULL THEN NULL ELSE now() - $5 * interval '1 hour' END,
                       now() - $5 * interval '1 hour' + coalesce($6::int, 0) * interval '1 second',
                       CASE WHEN $6::int IS NULL THEN 'abandoned' ELSE 'agent' END)`,
              [newId(), f.clientId, f.queueId, `h${newId()}`, h.hoursAgo, h.handle],
            );
          }
          for (const secondsAgo of line.waiting) {
            await db.query(
              `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, queued_at)
               VALUES ($1, $2, $3, $4, 'queued', 'Waiting', '{"fields":[],"values":{}}', date_trunc('second', now()) - $5 * interval '1 second')`,
              [newId(), f.clientId, f.queueId, `w${newId()}`, secondsAgo],
            );
          }
          // One transaction: now() is the same for both computations.
          await db.transaction(async (tx) => {
            const states = await waitingStates(tx, f.queueId);
            const chats = await tx.query<{ id: string; queue_id: string; queued_at: Date }>(
              "SELECT id, queue_id, queued_at FROM chats WHERE queue_id = $1 AND status = 'queued' ORDER BY queued_at, id",
              [f.queueId],
            );
            expect(states.map((s) => s.chatId)).toEqual(chats.map((c) => c.id));
            const context = chats.length ? await oldWaitContext(tx, f.queueId) : null;
            for (const [i, chat] of chats.entries()) {
              const position = await oldPlace(tx, chat);
              expect(states[i]?.position).toBe(position);
              expect(states[i]?.estimatedWaitSeconds).toBe(estimateWaitSeconds({ position, ...context! }));
              expect(states[i]?.nobodyAvailable).toBe(context!.staffedAgents === 0);
            }
          });
        }),
        { numRuns: 12 },
      );
    }, 120_000);

    it('ends a routing pass with no free seat without a transaction, and without locking any waiting chat', async () => {
      const f = await queueWithAgents(db, 2, 2);
      await fillSeats(db, f, f.agentIds, 2);
      const [oldest] = await addWaiting(db, f, 30);
      const counted = countingDb(db);
      const locked: string[] = [];
      if (db.dialect === 'postgres') {
        // Between any two statements of any transaction of the pass, End Chat's lock must be free.
        counted.onStatement = async (sql) => {
          try {
            await db.query('SELECT 1 FROM chats WHERE id = $1 FOR UPDATE NOWAIT', [oldest]);
          } catch {
            locked.push(sql);
          }
        };
      }
      expect(await routeQueue(benchDeps(counted), f.queueId)).toBe(0);
      expect(counted.counts.transactions).toBe(0);
      expect(locked).toEqual([]);

      // The probe does see a pass's locks: with a seat free, the pass locks the line while it offers.
      if (db.dialect === 'postgres') {
        await db.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = 'agent' WHERE agent_id = $1 AND status = 'active'", [f.agentIds[0]]);
        expect(await routeQueue(benchDeps(counted), f.queueId)).toBeGreaterThan(0);
        expect(locked.length).toBeGreaterThan(0);
      }
    });
  });
}
