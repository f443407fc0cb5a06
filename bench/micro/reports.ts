/**
 * Reports on a year of data: a scratch PostgreSQL database (DATABASE_URL is
 * the server to create it on) gets one client with 5 queues and 20 agents and
 * CHATS chats (default 1,000,000) spread over the last 365 days, with
 * declined and timed-out offers and left messages and callbacks beside them;
 * then each report the portal asks for is timed (median of RUNS runs, after
 * one warm-up). The database is dropped afterwards.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/micro/reports.ts
 */
import { performance } from 'node:perf_hooks';
import { buildReport, type ReportQuery } from '../../src/app/reports/reports.js';
import { newId } from '../../src/app/secrets.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { defaultQueueConfig } from '../../src/domain/queueConfig.js';
import { createScratchDatabase } from '../../tests/support/backends.js';

const CHATS = Number(process.env.CHATS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (a scratch database is created on it).');

const scratch = await createScratchDatabase(adminUrl);
const db = await openPostgres(scratch.url);
try {
  await migrate(db);
  const clientId = newId();
  await db.query("INSERT INTO clients (id, name) VALUES ($1, 'Bench Co')", [clientId]);
  const config = JSON.stringify({ ...defaultQueueConfig(), workingHours: { ...defaultQueueConfig().workingHours, enabled: true, timeZone: 'Europe/Paris' } });
  const queues = Array.from({ length: 5 }, () => newId());
  const agents = Array.from({ length: 20 }, () => newId());
  for (const [i, id] of queues.entries()) await db.query('INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, $3, $4, $5)', [id, clientId, `q${i}`, `Queue ${i}`, config]);
  for (const [i, id] of agents.entries()) {
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, 'x', 'agent', $4)", [id, clientId, `a${i}@bench.example`, `Agent ${i}`]);
  }
  const started = performance.now();
  // In batches of 100,000 (one statement each): 85 % answered within 0–5 min and handled in 1–20 min, the rest abandoned after 0–5 min;
  // 90 % were shown a wait estimate within a minute of their wait (the estimate-accuracy columns sort them).
  for (let done = 0; done < CHATS; done += 100_000) {
    const n = Math.min(100_000, CHATS - done);
    await db.query(
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, queued_at, accepted_at, ended_at, ended_by, first_estimate_seconds)
       SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + (i % 5)], 'b' || ($4::int + i), 'ended', 'Customer', '{"fields":[],"values":{}}',
              CASE WHEN r < 0.85 THEN ($3::uuid[])[1 + (i % 20)] END, q,
              CASE WHEN r < 0.85 THEN q + w * interval '1 second' END,
              q + (300 + random() * 1200) * interval '1 second',
              CASE WHEN r < 0.85 THEN 'agent' ELSE 'customer' END,
              CASE WHEN random() < 0.9 THEN greatest(0, round(w + (random() - 0.5) * 120))::int END
         FROM (SELECT i, random() AS r, random() * 300 AS w, now() - random() * interval '365 days' AS q FROM generate_series(1, $5::int) AS i) s`,
      [clientId, queues, agents, done, n],
    );
  }
  await db.query(
    `INSERT INTO offer_outcomes (client_id, queue_id, chat_id, agent_id, outcome, at)
     SELECT client_id, queue_id, id, ($2::uuid[])[1 + (abs(hashtext(id::text)) % 20)], CASE WHEN random() < 0.5 THEN 'declined' ELSE 'timed_out' END, queued_at + interval '10 seconds'
       FROM chats WHERE client_id = $1 AND random() < 0.15`,
    [clientId, agents],
  );
  await db.query(
    `INSERT INTO offline_items (id, client_id, queue_id, kind, email, message, status, created_at, handled_at, handled_by, outcome)
     SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + (i % 5)], CASE WHEN i % 2 = 0 THEN 'message' ELSE 'callback' END, 'x@example.com', 'Hi', 'done', c, c + random() * interval '1 day',
            ($3::uuid[])[1 + (i % 20)], 'replied'
       FROM (SELECT i, now() - random() * interval '365 days' AS c FROM generate_series(1, $4::int) AS i) s`,
    [clientId, queues, agents, Math.round(CHATS / 20)],
  );
  // Survey answers for 30 % of the answered chats, and 5 % of them transferred to the next agent (accepted),
  // so the reports' survey and transfer statements run over a year of them too.
  await db.query(
    `INSERT INTO chat_surveys (chat_id, client_id, queue_id, agent_ids, rating, comment, created_at)
     SELECT id, client_id, queue_id, ARRAY[agent_id], 1 + floor(random() * 5)::int, CASE WHEN random() < 0.3 THEN 'Thanks' ELSE '' END, ended_at + interval '30 seconds'
       FROM chats WHERE client_id = $1 AND agent_id IS NOT NULL AND random() < 0.3`,
    [clientId],
  );
  await db.query(
    `INSERT INTO chat_transfers (id, client_id, chat_id, from_agent_id, from_name, to_agent_id, to_queue_id, to_name, state, reason, created_at, answered_at, from_queue_id)
     SELECT gen_random_uuid(), client_id, id, agent_id, 'From', ($2::uuid[])[1 + (array_position($2::uuid[], agent_id) % 20)], NULL, 'To', 'accepted', NULL,
            accepted_at + interval '60 seconds', accepted_at + interval '65 seconds', queue_id
       FROM chats WHERE client_id = $1 AND agent_id IS NOT NULL AND random() < 0.05`,
    [clientId, agents],
  );
  await db.exec('ANALYZE');
  const loadedMs = performance.now() - started;

  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, ReportQuery][] = [
    ['Year by week, every queue', { subject: 'queue', groupBy: 'week', from: daysAgo(364), to: today, timeZone: 'Europe/Paris', queueId: null }],
    ['Year by day, one queue', { subject: 'queue', groupBy: 'day', from: daysAgo(364), to: today, timeZone: 'Europe/Paris', queueId: queues[0]! }],
    ['Year by week, every agent', { subject: 'agent', groupBy: 'week', from: daysAgo(364), to: today, timeZone: 'Europe/Paris', queueId: null }],
    ['30 days by day, every queue', { subject: 'queue', groupBy: 'day', from: daysAgo(29), to: today, timeZone: 'Europe/Paris', queueId: null }],
    ['7 days by hour, every queue', { subject: 'queue', groupBy: 'hour', from: daysAgo(6), to: today, timeZone: 'Europe/Paris', queueId: null }],
    ['Today by hour, every agent', { subject: 'agent', groupBy: 'hour', from: today, to: today, timeZone: 'Europe/Paris', queueId: null }],
  ];
  const [counted] = await db.query<{ n: number; surveys: number; transfers: number }>(
    'SELECT (SELECT count(*) FROM chats)::int AS n, (SELECT count(*) FROM chat_surveys)::int AS surveys, (SELECT count(*) FROM chat_transfers)::int AS transfers',
  );
  console.log(
    `${counted!.n.toLocaleString('en')} chats (${counted!.surveys.toLocaleString('en')} survey answers, ${counted!.transfers.toLocaleString('en')} transfers) loaded in ${(loadedMs / 1000).toFixed(1)} s; PostgreSQL; ${RUNS} runs after a warm-up\n`,
  );
  console.log('| Report | rows | median ms | max ms |\n|---|---:|---:|---:|');
  for (const [label, query] of cases) {
    await buildReport(db, clientId, query);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      rows = (await buildReport(db, clientId, query)).rows.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${label} | ${rows} | ${Math.round(times[Math.floor(times.length / 2)]!)} | ${Math.round(times.at(-1)!)} |`);
  }
  if (process.env.EXPLAIN) {
    // The plan of the first report's chats statement, for looking into where the time goes.
    const { groupedSql } = await import('../../src/app/reports/groupedSql.js');
    const { QUEUE_CHATS } = await import('../../src/app/reports/reportSpecs.js');
    const [, first] = cases[0]!;
    const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${groupedSql(QUEUE_CHATS)}`, [clientId, first.from, first.to, first.groupBy, first.timeZone, null]);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }
} finally {
  await db.close();
  await scratch.drop();
}
