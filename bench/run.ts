/**
 * The benchmark: one node, everything persisted. With DATABASE_URL the node
 * runs in a process of its own (bench/server.ts) on a scratch PostgreSQL
 * database; with PGlite (one connection, one process) it runs in this process
 * beside the load generator, so those figures are pessimistic.
 *   - routing: chats offered per second while agents accept at once
 *   - delivery: customer→agent latency (p50/p95/p99) at a target message rate,
 *     and messages acknowledged but not delivered (must be 0)
 *   - the customer page's JavaScript, gzipped (target ≤ 35 KB)
 * Uses PostgreSQL when DATABASE_URL is set (a scratch database), PGlite otherwise.
 * Options: BENCH_AGENTS (10), BENCH_CHATS (100), BENCH_RATE msgs/s (500), BENCH_SECONDS (10).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatEventView, OfferView } from '../src/protocol/views.js';
import { createScratchDatabase } from '../tests/support/backends.js';
import { api, call, connectAgent, connectCustomer, signIn, startTestNode, type CustomerSocket } from '../tests/support/testNode.js';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);
const CHATS = Number(process.env.BENCH_CHATS ?? 100);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** The node under load, and the benchmark's own connection to its database (for set-up and counting). */
interface Target {
  url: string;
  db: Db;
  label: string;
  /** Asks the node to route the queue now (in-process), or waits for its sweeper (separate process). */
  kick(queueId: string): void;
  close(): Promise<void>;
}

async function separateNode(adminUrl: string): Promise<Target> {
  const scratch = await createScratchDatabase(adminUrl);
  const child = spawn('npx', ['tsx', 'bench/server.ts'], {
    env: { ...process.env, DATABASE_URL: scratch.url, PORT: process.env.BENCH_PORT ?? '3399', OFFER_TIMEOUT_SECONDS: '600' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  const db = await openPostgres(scratch.url);
  return {
    url,
    db,
    label: 'PostgreSQL, node in its own process',
    kick: () => undefined,
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await db.close();
      await scratch.drop();
    },
  };
}

async function sameProcessNode(): Promise<Target> {
  const db = await openPglite('memory://');
  const node = await startTestNode(db, { offerTimeoutSeconds: 600 });
  return {
    url: node.url,
    db,
    label: 'PGlite, node in the load generator\'s process',
    kick: (queueId) => node.deps.kickRouter([queueId]),
    async close() {
      await node.close();
      await db.close();
    },
  };
}

/** Inserts `count` waiting chats at once and measures how fast the router offers them all. */
async function routingBurst(target: Target, queue: { id: string; client_id: string }, count: number) {
  const { db } = target;
  await db.query("UPDATE users SET capacity = 50 WHERE role = 'agent'");
  await db.query(
    `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, queued_at)
     SELECT gen_random_uuid(), $1, $2, md5(random()::text || g::text), 'queued', 'Burst ' || g, '{"fields":[],"values":{}}', now() + g * interval '1 millisecond'
       FROM generate_series(1, $3) g`,
    [queue.client_id, queue.id, count],
  );
  const start = performance.now();
  target.kick(queue.id);
  let offered = 0;
  while (performance.now() - start < 60_000) {
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM chats WHERE customer_name LIKE 'Burst %' AND status <> 'queued'");
    offered = row?.n ?? 0;
    if (offered >= count) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { offered, seconds: (performance.now() - start) / 1000 };
}

async function main(): Promise<void> {
  const target = process.env.DATABASE_URL ? await separateNode(process.env.DATABASE_URL) : await sameProcessNode();
  const { db, label } = target;
  const node = { url: target.url };
  const [queue] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
  if (!queue) throw new Error('demo queue missing');
  const hash = await hashPassword('bench-pass');
  for (let i = 0; i < AGENTS; i++) {
    const id = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity) VALUES ($1, $2, $3, $4, 'agent', $5, 50)", [
      id,
      queue.client_id,
      `bench${i}@demo.example`,
      hash,
      `Agent ${i}`,
    ]);
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queue.id, id, queue.client_id]);
  }

  const latencies: number[] = [];
  const delivered = new Set<string>();
  let offers = 0;
  let lastOfferAt = 0;
  const agents = await Promise.all(
    Array.from({ length: AGENTS }, async (_, i) => {
      const socket = await connectAgent(node, await signIn(node, `bench${i}@demo.example`, 'bench-pass'));
      await call(socket, 'console:snapshot', {});
      socket.on('offer', (offer: OfferView) => {
        offers++;
        lastOfferAt = performance.now();
        void call(socket, 'offer:accept', { chatId: offer.chatId });
      });
      socket.on('chat:event', (event: ChatEventView) => {
        if (event.author !== 'customer' || !event.clientMsgId) return;
        const sentAt = Number(event.body.split(' ')[0]);
        if (!delivered.has(event.clientMsgId)) latencies.push(performance.now() - sentAt);
        delivered.add(event.clientMsgId);
      });
      await call(socket, 'status:set', { status: 'available' });
      return socket;
    }),
  );

  // Routing: start CHATS chats, ten at a time, and time until every one was offered.
  const routingStart = performance.now();
  const started: StartChatResponse[] = [];
  for (let i = 0; i < CHATS; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, CHATS - i) }, () =>
        api(node, 'POST', '/api/public/queues/support/chats', { fields: { first_name: 'B', last_name: 'B', email: 'b@example.com', inquiry: 'Sales' } }),
      ),
    );
    started.push(...batch.map((r) => r.body as StartChatResponse));
  }
  while (offers < CHATS && performance.now() - routingStart < 60_000) await new Promise((r) => setTimeout(r, 20));
  const routingSeconds = (lastOfferAt - routingStart) / 1000;
  const routedChats = offers;
  await new Promise((r) => setTimeout(r, 1000));

  // Routing burst: BURST chats already waiting, agents with room for all; time until every one is offered.
  const burst = await routingBurst(target, queue, Number(process.env.BENCH_BURST ?? 500));

  // Delivery: RATE messages per second spread over the chats for SECONDS.
  const customers: CustomerSocket[] = await Promise.all(started.map((s) => connectCustomer(node, s.token)));
  let sent = 0;
  let acked = 0;
  const total = RATE * SECONDS;
  const loadStart = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - loadStart) / 1000) * RATE));
      while (sent < due) {
        const customer = customers[sent % customers.length]!;
        const id = `m${sent}`;
        sent++;
        void call<{ ok: boolean }>(customer, 'message:send', { clientMsgId: id, body: `${performance.now()} bench` }).then((r) => {
          if (r.ok) acked++;
        });
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const deadline = performance.now() + 15_000;
  while ((delivered.size < acked || acked < sent) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const loadSeconds = (performance.now() - loadStart) / 1000;

  latencies.sort((a, b) => a - b);
  let bundle = 'not built (npm run build:web)';
  try {
    // Every script the customer page loads: its own chunk plus the shared ones it imports.
    const html = readFileSync('dist/web/customer/index.html', 'utf8');
    const scripts = [...html.matchAll(/\/assets\/([\w.-]+\.js)/g)].map((m) => m[1]!);
    const bytes = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(`dist/web/assets/${file}`)).length, 0);
    bundle = `${(bytes / 1024).toFixed(1)} KB gzipped in ${scripts.length} files`;
  } catch {
    // not built
  }
  console.log(`Reactive Chat benchmark — one node (${label}), ${AGENTS} agents, ${CHATS} chats`);
  console.log(`routing: ${routedChats}/${CHATS} chats offered in ${routingSeconds.toFixed(2)} s = ${(routedChats / routingSeconds).toFixed(0)} offers/s`);
  console.log(`delivery: ${sent} sent at ${RATE}/s target, ${acked} acknowledged, ${delivered.size} delivered in ${loadSeconds.toFixed(1)} s`);
  console.log(`latency customer→agent ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${(latencies.at(-1) ?? NaN).toFixed(1)}`);
  console.log(`routing burst: ${burst.offered} waiting chats offered in ${burst.seconds.toFixed(2)} s = ${(burst.offered / burst.seconds).toFixed(0)} routing decisions/s`);
  console.log(`acknowledged but not delivered: ${acked - delivered.size}`);
  console.log(`customer page JavaScript: ${bundle}`);

  customers.forEach((c) => c.disconnect());
  agents.forEach((a) => a.disconnect());
  await target.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
