/**
 * Shows the plans of the queue-statistics and seat-count statements on a
 * queue with a long history, and whether they use the indexes of migration 14:
 *
 *   DATABASE_URL=postgres://… npx tsx bench/micro/explain.ts [--history=100000] [--storage=postgres|pglite]
 *
 * Prints each plan (EXPLAIN ANALYZE) and a line per index: used or not.
 */
import { anyFreeSeatSql } from '../../src/app/agentClaims.js';
import { QUEUE_STATISTICS_SQL } from '../../src/app/queueStatistics.js';
import { seatsUsedSql } from '../../src/app/seats.js';
import type { Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { createScratchDatabase } from '../../tests/support/backends.js';
import { addHistory, addWaiting, fillSeats, queueWithAgents } from './routingFixture.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const HISTORY = Number(args.history ?? 100_000);
const INDEXES = ['chats_queue_ended', 'chats_queue_left_line', 'offline_items_offered_to', 'offline_items_assigned_to'];

async function explain(db: Db): Promise<void> {
  await migrate(db);
  const f = await queueWithAgents(db, 20, 3);
  await fillSeats(db, f, f.agentIds.slice(0, 10), 2);
  await addHistory(db, f, HISTORY);
  // Another queue's history, so the index has to pick the queue too.
  const other = await queueWithAgents(db, 2, 3);
  await addHistory(db, other, HISTORY / 2);
  await addWaiting(db, f, 200);
  // Offline items: many done, some open and offered to or held by agents.
  await db.query(
    `INSERT INTO offline_items (id, client_id, queue_id, kind, email, message, status, offered_to, assigned_to)
     SELECT gen_random_uuid(), $1, $2, 'message', 'a@b.test', 'hi', CASE WHEN g % 50 = 0 THEN 'open' ELSE 'done' END,
            CASE WHEN g % 100 = 0 THEN ($3::uuid[])[1 + g % 20] END, CASE WHEN g % 100 = 50 THEN ($3::uuid[])[1 + g % 20] END
       FROM generate_series(1, $4::int) g`,
    [f.clientId, f.queueId, f.agentIds, Math.max(1000, HISTORY / 5)],
  );
  await db.exec('ANALYZE');
  const statements: Record<string, [string, unknown[]]> = {
    'queue statistics': [QUEUE_STATISTICS_SQL, [f.queueId]],
    'any free seat (no locks)': [anyFreeSeatSql, [f.queueId]],
    'seats of locked agents': [`SELECT u.id, ${seatsUsedSql('u')} AS used FROM users u WHERE u.id = ANY($1::uuid[])`, [f.agentIds]],
  };
  const used = new Set<string>();
  for (const [name, [sql, params]] of Object.entries(statements)) {
    const plan = (await db.query<Record<string, string>>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params)).map((r) => Object.values(r)[0]).join('\n');
    console.log(`\n## ${name}\n${plan}`);
    for (const index of INDEXES) if (plan.includes(index)) used.add(index);
  }
  console.log(`\n${HISTORY} ended chats in the queue (+${HISTORY / 2} in another)`);
  for (const index of INDEXES) console.log(`${index}: ${used.has(index) ? 'used' : 'NOT used'}`);
}

const storage = args.storage ?? 'postgres';
if (storage === 'pglite') {
  const db = await openPglite('memory://');
  await explain(db);
  await db.close();
} else {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is needed');
  const scratch = await createScratchDatabase(url);
  const db = await openPostgres(scratch.url);
  try {
    await explain(db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}
