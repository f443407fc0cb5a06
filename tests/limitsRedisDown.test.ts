/**
 * Redis going away must not take the limits (nor the node) with it: with
 * this test's own Redis killed, HTTP requests and socket messages still
 * answer within a second, counted by the node alone (and still limited),
 * and the fallback is logged once; when Redis is back the counts are
 * shared again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, RELAXED_LIMITS, signIn, startTestNode } from './support/testNode.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Runs a redis-server of this test's own (never the shared one), so that it can be killed. */
function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

// Needs redis-server, as every Redis test does (CI sets REDIS_URL when it has one).
describe.runIf(process.env.REDIS_URL)('limits while Redis is down', () => {
  const backend = backends().at(-1)!;
  const logs: string[] = [];
  let port: number;
  let redis: ChildProcess;
  let probe: Redis;
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;

  const logged = (text: string) => logs.filter((line) => line.includes(text)).length;

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis(port);
    probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 100 });
    probe.on('error', () => undefined);
    await until(async () => (await probe.ping().catch(() => '')) === 'PONG', 'redis-server to start');
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(
      db,
      {
        redisUrl: `redis://127.0.0.1:${port}`,
        sweepIntervalMs: 60_000,
        logLevel: 'info',
        rateLimits: { ...RELAXED_LIMITS, apiPerAddressPerMinute: 1000, messageBurst: 5, messagesPerSecond: 0.001 },
      },
      { logStream: { write: (line: string) => void logs.push(line) } },
    );
  }, 180_000);
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
    probe?.disconnect();
    redis?.kill('SIGKILL');
  });

  it('answers HTTP and socket messages within a second on local counts, logs it once, and shares again when Redis returns', async () => {
    const agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'status:set', { status: 'available' });
    const started = await api(node, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' },
    });
    expect(started.status).toBe(201);
    const { token, chatId } = started.body as StartChatResponse;
    const customer = await connectCustomer(node, token);
    const send = (n: number) => call<Result>(customer, 'message:send', { clientMsgId: `m${n}`, body: `hello ${n}` });
    expect((await send(0)).ok).toBe(true);
    const bucketKey = `rc-limit:socket-messages:customer:${chatId}`;
    expect(await probe.get(bucketKey)).toBe('1');

    redis.kill('SIGKILL');
    await until(() => redis.exitCode !== null || redis.signalCode !== null, 'redis-server to die');

    // HTTP: answered at once, and still counted (by this node alone).
    const remaining: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = Date.now();
      const response = await fetch(`${node.url}/api/public/queues/support`);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.status).toBe(200);
      remaining.push(Number(response.headers.get('x-ratelimit-remaining')));
    }
    expect(remaining[9]).toBeLessThan(remaining[0]!);

    // Messages: answered at once; the local bucket (fresh, 5) still refuses a flood.
    const results: Result[] = [];
    for (let i = 1; i <= 7; i++) {
      const started = Date.now();
      results.push(await send(i));
      expect(Date.now() - started).toBeLessThan(1000);
    }
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false]);
    expect(results.slice(5).map((r) => !r.ok && r.error.id)).toEqual(['rate_limited', 'rate_limited']);
    expect(logged('rate limits are counted by each node alone')).toBe(1);

    // Redis is back (empty): the next counts go to it again.
    redis = startRedis(port);
    await until(() => logged('rate limits are shared by every node again') === 1, 'the limits to use Redis again');
    await agent.emitWithAck('status:set', { status: 'available' });
    const again = await send(8);
    expect(again.ok).toBe(true);
    expect(await probe.get(bucketKey)).toBe('1');
    expect(logged('rate limits are counted by each node alone')).toBe(1);
    customer.disconnect();
    agent.disconnect();
  });
});
