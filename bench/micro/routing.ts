/**
 * Micro benchmark of routing and queue statistics, calling the use cases
 * directly on a real database (no HTTP, no sockets):
 *
 *   npx tsx bench/micro/routing.ts            PGlite, and PostgreSQL too when DATABASE_URL is set
 *   npx tsx bench/micro/routing.ts --runs=31  more runs for the medians
 *
 * Prints, per storage: statements and round trips (BEGIN/COMMIT included)
 * for an idle routing pass (nobody has a free seat, 100 waiting), a pass
 * offering 25 chats, the waiting customers' states for lines of 10, 100 and
 * 1,000, and one customer's state; the median wall-clock time of each; and
 * whether an idle pass holds a lock a customer's End Chat would wait for
 * (PostgreSQL: a second connection tries the oldest waiting chat's row with
 * NOWAIT between every two statements of the pass).
 */
import { customerState, waitingStates } from '../../src/app/chatViews.js';
import { routeQueue } from '../../src/app/chatRouter.js';
import type { Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { createScratchDatabase } from '../../tests/support/backends.js';
import { type CountingDb, countingDb } from '../../tests/support/countingDb.js';
import { addHistory, addWaiting, benchDeps, fillSeats, queueWithAgents } from './routingFixture.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.runs ?? 15);
const HISTORY = Number(args.history ?? 2000);

interface Row {
  storage: string;
  what: string;
  statements: number;
  roundTrips: number;
  medianMs: number;
  note?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Runs `work` RUNS times (after one warm-up); the counts of the last run and the median time. */
async function measure(db: CountingDb, work: () => Promise<unknown>, before?: () => Promise<void>): Promise<{ statements: number; roundTrips: number; medianMs: number }> {
  const times: number[] = [];
  let counts = { ...db.counts };
  for (let i = 0; i <= RUNS; i++) {
    if (before) await before();
    db.reset();
    const t0 = performance.now();
    await work();
    const ms = performance.now() - t0;
    counts = { ...db.counts };
    if (i > 0) times.push(ms);
  }
  return { statements: counts.statements, roundTrips: counts.roundTrips, medianMs: median(times) };
}

async function runOn(storage: 'pglite' | 'postgres', inner: Db): Promise<Row[]> {
  await migrate(inner);
  const db = countingDb(inner);
  const deps = benchDeps(db);
  const rows: Row[] = [];

  // Idle pass: 5 agents of capacity 3, every seat taken, 100 customers waiting.
  {
    const f = await queueWithAgents(inner, 5, 3);
    await fillSeats(inner, f, f.agentIds, 3);
    await addHistory(inner, f, HISTORY);
    const [oldest] = await addWaiting(inner, f, 100);
    const m = await measure(db, () => routeQueue(deps, f.queueId));
    let blocked = false;
    if (storage === 'postgres') {
      db.onStatement = async () => {
        try {
          await inner.query('SELECT 1 FROM chats WHERE id = $1 FOR UPDATE NOWAIT', [oldest]);
        } catch (error) {
          if (String((error as { cause?: { code?: string } }).cause?.code) === '55P03') blocked = true;
          else throw error;
        }
      };
      await routeQueue(deps, f.queueId);
      db.onStatement = null;
    }
    rows.push({ storage, what: 'idle routing pass (no free seat, 100 waiting)', ...m, note: storage === 'postgres' ? `blocks End Chat: ${blocked ? 'YES' : 'no'}` : '' });
  }

  // A pass offering 25: 25 agents of capacity 1, 50 waiting; offers are undone before each run.
  {
    const f = await queueWithAgents(inner, 25, 1);
    await addHistory(inner, f, HISTORY);
    await addWaiting(inner, f, 50);
    const undo = async () => {
      await inner.query("UPDATE chats SET status = 'queued', agent_id = NULL, offered_at = NULL WHERE queue_id = $1 AND status = 'offered'", [f.queueId]);
    };
    let offered = 0;
    const m = await measure(db, async () => (offered = await routeQueue(deps, f.queueId)), undo);
    rows.push({ storage, what: `routing pass offering 25 (50 waiting)`, ...m, note: `offers: ${offered}` });
  }

  // Waiting customers' states (what every customer in line is sent after the line moves).
  for (const waiting of [10, 100, 1000]) {
    const f = await queueWithAgents(inner, 5, 3);
    await fillSeats(inner, f, f.agentIds.slice(0, 3), 3);
    await addHistory(inner, f, HISTORY);
    await addWaiting(inner, f, waiting);
    let states = 0;
    const m = await measure(db, async () => (states = (await waitingStates(db, f.queueId)).length));
    rows.push({ storage, what: `waitingStates, ${waiting} waiting`, ...m, note: `states: ${states}` });
    if (waiting === 100) {
      const ids = await addWaiting(inner, f, 1);
      const one = await measure(db, () => customerState(db, ids[0] as string));
      rows.push({ storage, what: 'customerState, one customer (place 101)', ...one });
    }
  }
  return rows;
}

function print(rows: Row[]): void {
  const head = ['storage', 'what', 'statements', 'round trips', 'median ms', ''];
  const body = rows.map((r) => [r.storage, r.what, String(r.statements), String(r.roundTrips), r.medianMs.toFixed(2), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log(`\nmedians of ${RUNS} runs after one warm-up; ${HISTORY} ended chats per queue`);
}

async function main(): Promise<void> {
  const storages = (args.storage ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',');
  const rows: Row[] = [];
  for (const storage of storages) {
    if (storage === 'pglite') {
      const db = await openPglite('memory://');
      rows.push(...(await runOn('pglite', db)));
      await db.close();
    } else {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('DATABASE_URL is needed for postgres');
      const scratch = await createScratchDatabase(url);
      const db = await openPostgres(scratch.url);
      try {
        rows.push(...(await runOn('postgres', db)));
      } finally {
        await db.close();
        await scratch.drop();
      }
    }
  }
  print(rows);
}

await main();
