/**
 * What a stored message costs the database and node, by CPU time rather than
 * wall clock (the machine is shared): the PostgreSQL backend's CPU (from
 * /proc, so PostgreSQL must run on this machine) and this process's, per
 * message, for
 *   - the one-message statement main used before group commit,
 *   - the group-commit statement (src/app/messageBatch.ts) with batches of 1, 16 and 64,
 * each sent as an unnamed statement (parsed and planned every time) and as a
 * named prepared one. One connection, one statement at a time.
 *   DATABASE_URL=postgres://… npx tsx bench/micro/groupCommit.ts
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { STORE_MESSAGES_SQL } from '../../src/app/messageBatch.js';
import { openPostgres } from '../../src/db/postgres.js';
import type { StartChatResponse } from '../../src/protocol/http.js';
import { createScratchDatabase } from '../../tests/support/backends.js';
import { api, startTestNode } from '../../tests/support/testNode.js';

const CHATS = 64;
const MESSAGES = Number(process.env.GC_MESSAGES ?? 6400);

/** Main's one-message statement (8011558, src/app/messageSender.ts). */
const SINGLE_SQL = `WITH chat AS (
   UPDATE chats SET last_seq = last_seq + 1, last_event_at = now(), last_message_at = now(), inactivity_warned_at = NULL
    WHERE id = $1 AND status <> 'ended'
      AND ($5::uuid IS NULL OR (agent_id = $5::uuid AND client_id = $6::uuid AND status = 'active'))
      AND NOT EXISTS (SELECT 1 FROM chat_events WHERE chat_id = $1 AND author = $2 AND client_msg_id = $4)
    RETURNING id, client_id, last_seq, customer_name)
 INSERT INTO chat_events (chat_id, seq, client_id, kind, author, author_id, author_name, body, client_msg_id)
 SELECT id, last_seq, client_id, 'message', $2, $5::uuid, coalesce($7, customer_name), $3, $4 FROM chat
 RETURNING *`;

/** The process's time on a CPU so far, in ms (schedstat counts nanoseconds; stat's ticks are too coarse). */
function backendCpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const scratch = await createScratchDatabase(process.env.DATABASE_URL);
  try {
    const db = await openPostgres(scratch.url);
    const node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    const chats: string[] = [];
    for (let i = 0; i < CHATS; i++) {
      const started = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { first_name: 'Bea', last_name: 'Bench', email: 'bea@example.com', inquiry: 'Billing' } });
      chats.push((started.body as StartChatResponse).chatId);
    }
    await node.close();
    await db.close();

    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
    if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) throw new Error(`PostgreSQL's backend ${pid} is not a process of this machine`);
    let n = 0;
    // The batch statement's columns (messageBatch.ts): chat, author, body, clientMsgId, agent id, agent's client, agent name, after.
    const message = (chatId: string) => [chatId, 'customer', `Message ${++n}`, `m-${n}`, null, null, null, null] as const;
    const cases: Array<{ name: string; batch: number; send: (chatIds: string[], named: boolean) => Promise<unknown> }> = [
      { name: 'main: one-message statement', batch: 1, send: ([chatId], named) => client.query({ text: SINGLE_SQL, values: message(chatId!).slice(0, 7), ...(named ? { name: 'single' } : {}) }) },
      ...[1, 16, 64].map((batch) => ({
        name: `group commit, batches of ${batch}`,
        batch,
        send: (chatIds: string[], named: boolean) => {
          const rows = chatIds.map(message);
          const columns = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => rows.map((r) => r[c]));
          return client.query({ text: STORE_MESSAGES_SQL, values: columns, ...(named ? { name: 'batch' } : {}) });
        },
      })),
    ];
    console.log('| statement | prepared | PostgreSQL CPU µs/message | node CPU µs/message | statements/message |');
    console.log('| --- | --- | --- | --- | --- |');
    // Twice over: the first pass warms node's JIT and PostgreSQL's caches; the second is printed.
    for (const pass of [0, 1]) {
      for (const named of [false, true]) {
        for (const c of cases) {
          const statements = MESSAGES / c.batch;
          const batchOf = (i: number) => Array.from({ length: c.batch }, (_, j) => chats[(i * c.batch + j) % CHATS]!);
          // Warm-up: a prepared statement gets its generic plan after five runs.
          for (let i = 0; i < 20; i++) await c.send(batchOf(i), named);
          const pgBefore = backendCpuMs(pid);
          const nodeBefore = process.cpuUsage();
          for (let i = 0; i < statements; i++) await c.send(batchOf(i), named);
          const nodeUsed = process.cpuUsage(nodeBefore);
          const pgMs = backendCpuMs(pid) - pgBefore;
          const us = (ms: number) => ((ms * 1000) / MESSAGES).toFixed(0);
          if (pass === 1) console.log(`| ${c.name} | ${named ? 'yes' : 'no'} | ${us(pgMs)} | ${us((nodeUsed.user + nodeUsed.system) / 1000)} | ${(1 / c.batch).toFixed(3)} |`);
        }
      }
    }
    await client.end();
  } finally {
    await scratch.drop();
  }
}

await main();
