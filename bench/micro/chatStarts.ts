/**
 * Micro benchmark of chat starts (src/app/chatStarter.ts) on PostgreSQL,
 * calling the use case directly (no HTTP, no sockets, no routing):
 *
 *   DATABASE_URL=… npx tsx bench/micro/chatStarts.ts [--starts=500] [--callers=64] [--nodes=1] [--runs=3]
 *
 * `starts` customers of one queue submit the form with `callers` at a time
 * (the burst scenario's wave: 500 through 64 connections), spread over
 * `nodes` nodes (a connection pool each, as separate processes have).
 * Prints per run: starts per second, the start's p50/p99 (ms), round trips
 * per start, and how long a one-row statement of the same node waited
 * meanwhile (p50/p99 ms, sampled every 10 ms): what starts holding pooled
 * connections cost the node's other work (messages, accepts, routing).
 */
import { startChat } from '../../src/app/chatStarter.js';
import type { Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { createScratchDatabase } from '../../tests/support/backends.js';
import { countingDb } from '../../tests/support/countingDb.js';
import { benchDeps, queueWithAgents } from './routingFixture.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const STARTS = Number(args.starts ?? 500);
const CALLERS = Number(args.callers ?? 64);
const NODES = Number(args.nodes ?? 1);
const RUNS = Number(args.runs ?? 3);
const FORM = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function oneRun(admin: string): Promise<Record<string, number>> {
  const scratch = await createScratchDatabase(admin);
  const pools: Db[] = [];
  try {
    for (let i = 0; i < NODES; i++) pools.push(await openPostgres(scratch.url));
    await migrate(pools[0]!);
    const f = await queueWithAgents(pools[0]!, 2, 1);
    await pools[0]!.query(`UPDATE queues SET config = config || '{"maxWaiting": 10000}'::jsonb WHERE id = $1`, [f.queueId]);
    const [queue] = await pools[0]!.query<{ slug: string }>('SELECT slug FROM queues WHERE id = $1', [f.queueId]);
    const counted = pools.map((pool) => countingDb(pool));
    const deps = counted.map((db) => benchDeps(db));
    // One warm-up start per node (connections open, statements planned).
    for (const d of deps) await startChat(d, { slug: queue!.slug, fields: FORM });
    counted.forEach((db) => db.reset());

    let probing = true;
    const probeWaits: number[] = [];
    const probe = (async () => {
      while (probing) {
        const t0 = performance.now();
        await counted[0]!.query('SELECT 1');
        probeWaits.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const latencies: number[] = [];
    let next = 0;
    let refused = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < STARTS) {
          const i = next++;
          const s0 = performance.now();
          try {
            await startChat(deps[i % NODES]!, { slug: queue!.slug, fields: FORM });
            latencies.push(performance.now() - s0);
          } catch {
            refused++;
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    probing = false;
    await probe;
    const roundTrips = counted.reduce((n, db) => n + db.counts.roundTrips, 0) - probeWaits.length;
    const [line] = await pools[0]!.query<{ waiting: number; counted: number }>(
      "SELECT (SELECT waiting FROM queue_lines WHERE queue_id = $1) AS waiting, (SELECT count(*)::int FROM chats WHERE queue_id = $1 AND status = 'queued') AS counted",
      [f.queueId],
    ).catch(() => [{ waiting: Number.NaN, counted: 0 }]);
    return {
      startsPerSecond: round(latencies.length / seconds),
      startP50Ms: round(percentile(latencies, 0.5)),
      startP99Ms: round(percentile(latencies, 0.99)),
      roundTripsPerStart: round(roundTrips / STARTS),
      refused,
      otherStatementP50Ms: round(percentile(probeWaits, 0.5)),
      otherStatementP99Ms: round(percentile(probeWaits, 0.99)),
      countRight: line && line.waiting === line.counted ? 1 : 0,
    };
  } finally {
    for (const pool of pools) await pool.close().catch(() => undefined);
    await scratch.drop();
  }
}

const admin = process.env.DATABASE_URL;
if (!admin) throw new Error('DATABASE_URL is needed (PostgreSQL admin URL; a scratch database is made and dropped)');
console.log(`chat starts: ${STARTS} starts, ${CALLERS} callers, ${NODES} node(s)`);
for (let run = 1; run <= RUNS; run++) console.log(JSON.stringify({ run, ...(await oneRun(admin)) }));
