/**
 * What a console's catching up costs the server: statements, rows read and
 * bytes answered for `console:snapshot` (a console opening) and for a
 * reconnect (a console that holds every chat but the last few events), with
 * 8 chats of 500 events each, plus the wall-clock median of several runs.
 *
 *   npx tsx bench/micro/consoleSync.ts            # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/micro/consoleSync.ts
 *
 * The reconnect is measured as the console of the day does it: a console
 * whose snapshot carries `hasOlder` (paged history) sends what it holds with
 * the snapshot; an older console took a full snapshot and then synced each
 * chat from the seq it held.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/db/db.js';
import type { Result } from '../../src/protocol/errors.js';
import type { AgentSnapshot } from '../../src/protocol/events.js';
import { backends } from '../../tests/support/backends.js';
import { createChatWithLog } from '../../tests/support/factories.js';
import { call, connectAgent, signIn, startTestNode } from '../../tests/support/testNode.js';
import { countingDb } from '../../tests/support/countingDb.js';

const CHATS = Number(process.env.CHATS ?? 8);
const EVENTS = Number(process.env.EVENTS ?? 500);
const MISSED = 5;
const RUNS = Number(process.env.RUNS ?? 9);

async function seed(db: Db): Promise<void> {
  const [sophie] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM users WHERE email = 'sophie@demo.example'");
  const [queue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
  for (let i = 0; i < CHATS; i++) {
    await createChatWithLog(db, { clientId: sophie!.client_id, queueId: queue!.id, agentId: sophie!.id, events: EVENTS, customerName: `Customer ${i}` });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

async function main(): Promise<void> {
  const wanted = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const backend = backends().find((b) => b.name === wanted)!;
  const opened = await backend.open();
  const counter = countingDb(opened.db);
  // No sweep and no heartbeat during the measurement: only the requests' own statements are counted.
  const node = await startTestNode(counter, { sweepIntervalMs: 3_600_000, presenceTtlSeconds: 3_600, agentRecheckMs: 3_600_000 });
  await seed(opened.db);
  const socket = await connectAgent(node, await signIn(node, 'sophie@demo.example'));

  type Measure = { statements: number; rows: number; bytes: number; ms: number };
  async function measure(run: () => Promise<number>): Promise<Measure> {
    const samples: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      counter.reset();
      const started = performance.now();
      const bytes = await run();
      const ms = performance.now() - started;
      samples.push({ ...counter.reset(), bytes, ms });
    }
    const last = samples.at(-1)!;
    return { statements: last.statements, rows: last.rows, bytes: last.bytes, ms: median(samples.map((s) => s.ms)) };
  }

  const first = await call<Result<{ snapshot: AgentSnapshot }>>(socket, 'console:snapshot', {});
  if (!first.ok) throw new Error(first.error.message);
  const paged = first.snapshot.chats.every((c) => 'hasOlder' in c);
  const chatIds = first.snapshot.chats.map((c) => c.chatId);
  if (chatIds.length !== CHATS) throw new Error(`expected ${CHATS} chats, got ${chatIds.length}`);

  const opening = await measure(async () => {
    const result = await call<Result<{ snapshot: AgentSnapshot }>>(socket, 'console:snapshot', {});
    if (!result.ok) throw new Error(result.error.message);
    return bytesOf(result);
  });

  const heldSeq = EVENTS - MISSED;
  const reconnect = await measure(async () => {
    if (paged) {
      const held = Object.fromEntries(chatIds.map((id) => [id, heldSeq]));
      const result = await call<Result<{ snapshot: AgentSnapshot }>>(socket, 'console:snapshot', { held });
      if (!result.ok) throw new Error(result.error.message);
      return bytesOf(result);
    }
    const snapshot = await call<Result<{ snapshot: AgentSnapshot }>>(socket, 'console:snapshot', {});
    const syncs = await Promise.all(chatIds.map((chatId) => call<Result>(socket, 'chat:sync', { chatId, afterSeq: heldSeq })));
    return bytesOf(snapshot) + syncs.reduce((sum, s) => sum + bytesOf(s), 0);
  });

  const report = {
    backend: wanted,
    chats: CHATS,
    eventsPerChat: EVENTS,
    protocol: paged ? 'paged (held seqs sent with the snapshot)' : 'full logs (snapshot, then chat:sync per chat)',
    opening,
    reconnectMissing5PerChat: reconnect,
  };
  console.log(JSON.stringify(report, null, 2));
  socket.disconnect();
  await node.close();
  await opened.db.close();
  await opened.drop();
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
