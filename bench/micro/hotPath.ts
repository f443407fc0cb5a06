/**
 * The message hot path, measured op by op on a real node (HTTP + Socket.IO,
 * in this process) with a database that counts its round trips
 * (tests/support/countingDb.ts):
 *   - message:send (customer, agent) and a retry of a stored clientMsgId
 *   - how many copies of its own message the sending socket receives (ack + echo)
 *   - agent typing
 *   - customer and agent socket handshakes (connect, then disconnect)
 * Prints a table: database round trips per op (median) and wall-clock per op
 * (median and p90 of HOT_N runs). PGlite always; PostgreSQL too when
 * DATABASE_URL is set (a scratch database), with Redis when REDIS_URL is set.
 *   npx tsx bench/micro/hotPath.ts
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/db/db.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import type { Result } from '../../src/protocol/errors.js';
import type { StartChatResponse } from '../../src/protocol/http.js';
import type { ChatEventView, OfferView } from '../../src/protocol/views.js';
import { createScratchDatabase } from '../../tests/support/backends.js';
import { countingDb } from '../../tests/support/countingDb.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode } from '../../tests/support/testNode.js';

const N = Number(process.env.HOT_N ?? 200);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;

interface Row {
  backend: string;
  op: string;
  roundTrips: number;
  medianMs: number;
  p90Ms: number;
  note?: string;
}

async function measure(db: Db, backend: string, redisUrl?: string): Promise<Row[]> {
  const counted = countingDb(db);
  // No sweeps or heartbeats inside the measurement: they would be counted against an op.
  const node = await startTestNode(counted, { sweepIntervalMs: 60_000, presenceTtlSeconds: 600, agentRecheckMs: 3_600_000, redisUrl });
  const rows: Row[] = [];
  try {
    const cookie = await signIn(node, 'sophie@demo.example');
    const agent = await connectAgent(node, cookie);
    await call(agent, 'console:snapshot', {});
    await call(agent, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(agent, 'offer');
    const chat = (await api(node, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Bea', last_name: 'Bench', email: 'bea@example.com', inquiry: 'Billing' },
    })).body as StartChatResponse;
    const customer = await connectCustomer(node, chat.token);
    await offered;
    await call(agent, 'offer:accept', { chatId: chat.chatId });
    const secondTab = await connectAgent(node, cookie);
    await call(secondTab, 'console:snapshot', {});

    /** Runs `op` N times; round trips counted from its start to its end plus a moment (writes fired after the ack). */
    const run = async (op: string, once: (i: number) => Promise<void>, note?: () => string) => {
      const trips: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < N; i++) {
        const before = counted.counts.roundTrips;
        const t0 = performance.now();
        await once(i);
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 2));
        trips.push(counted.counts.roundTrips - before);
      }
      rows.push({ backend, op, roundTrips: median(trips), medianMs: median(times), p90Ms: p90(times), note: note?.() });
    };

    // Copies of its own messages each socket receives as chat:event (the ack is the first copy).
    const echoes = { customer: 0, agent: 0, agentSecondTab: 0 };
    customer.on('chat:event', (e: ChatEventView) => e.author === 'customer' && echoes.customer++);
    agent.on('chat:event', (e: ChatEventView) => e.author === 'agent' && echoes.agent++);
    secondTab.on('chat:event', (e: ChatEventView) => e.author === 'agent' && echoes.agentSecondTab++);

    const send = async (socket: typeof customer | typeof agent, payload: object) => {
      const result = await call<Result<{ event: ChatEventView }>>(socket, 'message:send', payload);
      if (!result.ok) throw new Error(`send refused: ${result.error.message}`);
    };
    await run('customer message:send', (i) => send(customer, { clientMsgId: `c${i}`, body: `customer ${i}` }), () => `echoes to the sender per message: ${(echoes.customer / N).toFixed(2)}`);
    const seqBefore = (await db.query<{ last_seq: number }>('SELECT last_seq FROM chats WHERE id = $1', [chat.chatId]))[0]?.last_seq;
    await run('customer retry (stored clientMsgId)', (i) => send(customer, { clientMsgId: `c${i}`, body: `customer ${i}` }), () => 'see last_seq below');
    const seqAfter = (await db.query<{ last_seq: number }>('SELECT last_seq FROM chats WHERE id = $1', [chat.chatId]))[0]?.last_seq;
    rows.at(-1)!.note = `last_seq ${seqBefore} → ${seqAfter} after ${N} retries`;
    await run(
      'agent message:send',
      (i) => send(agent, { chatId: chat.chatId, clientMsgId: `a${i}`, body: `agent ${i}` }),
      () => `echoes to the sender per message: ${(echoes.agent / N).toFixed(2)}; to its second tab: ${(echoes.agentSecondTab / N).toFixed(2)}`,
    );
    await run('agent typing', async (i) => {
      const result = await call<Result>(agent, 'typing', { chatId: chat.chatId, typing: i % 2 === 0 });
      if (!result.ok) throw new Error('typing refused');
    });
    await run('customer handshake (connect + disconnect)', async () => {
      const s = await connectCustomer(node, chat.token);
      s.disconnect();
    });
    await run('agent handshake (connect + disconnect)', async () => {
      const s = await connectAgent(node, cookie);
      s.disconnect();
    });
    customer.disconnect();
    agent.disconnect();
    secondTab.disconnect();
  } finally {
    await node.close();
  }
  return rows;
}

const rows: Row[] = [];
const pglite = await openPglite('memory://');
rows.push(...(await measure(pglite, 'PGlite')));
await pglite.close();
if (process.env.DATABASE_URL) {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL);
  const db = await openPostgres(scratch.url);
  try {
    rows.push(...(await measure(db, process.env.REDIS_URL ? 'PostgreSQL+Redis' : 'PostgreSQL', process.env.REDIS_URL)));
  } finally {
    await db.close();
    await scratch.drop();
  }
}

console.log(`\nHot path, ${N} ops each (round trips: median per op; BEGIN and COMMIT count as one each)\n`);
console.log('| backend | operation | DB round trips | median ms | p90 ms | note |');
console.log('|---|---|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.backend} | ${r.op} | ${r.roundTrips} | ${r.medianMs.toFixed(2)} | ${r.p90Ms.toFixed(2)} | ${r.note ?? ''} |`);
