/**
 * Limits that hold (issue 8): the sign-in lockout counts concurrent guesses
 * before any password is checked, on one node and across two nodes sharing
 * Redis; chat:sync, socket handshakes per address and customer sockets per
 * chat are limited with `rate_limited`; socket message buckets are shared by
 * every node through Redis.
 */
import { io } from 'socket.io-client';
import { type PrivateRedis, redisServerAvailable, startPrivateRedis } from './support/services.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/app/secrets.js';
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import { CUSTOMER_NAMESPACE } from '../src/protocol/events.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, call, connectAgent, type CustomerSocket, nextEvent, RELAXED_LIMITS, signIn, startTestNode } from './support/testNode.js';

const run = Math.random().toString(36).slice(2, 8);
/** A made-up client address per use (the test talks through the trusted loopback proxy), so counts never mix. */
let nextAddress = 0;
const freshAddress = () => `10.${Math.floor(Math.random() * 200) + 20}.${Math.floor(nextAddress / 250) % 250}.${(nextAddress++ % 250) + 1}`;

/** A password check that counts how often it really ran. */
function countingCheck() {
  const counter = { calls: 0, check: (password: string, stored: string) => ((counter.calls += 1), verifyPassword(password, stored)) };
  return counter;
}

const login = (node: RunningNode, email: string, password: string, address = freshAddress()) =>
  fetch(`${node.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });

/** A customer socket from a given client address; resolves with the socket or the refusal's message. */
function customerFrom(node: RunningNode, token: string, address: string): Promise<CustomerSocket | string> {
  return new Promise((resolve) => {
    const socket: CustomerSocket = io(`${node.url}${CUSTOMER_NAMESPACE}`, {
      auth: { token },
      extraHeaders: { 'x-forwarded-for': address },
      transports: ['websocket'],
      reconnection: false,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

async function customer(node: RunningNode, token: string): Promise<CustomerSocket> {
  const socket = await customerFrom(node, token, freshAddress());
  if (typeof socket === 'string') throw new Error(`refused: ${socket}`);
  return socket;
}

/** Starts a chat on the demo Support queue (someone must be Available for it to open). */
async function startChat(node: RunningNode): Promise<StartChatResponse> {
  const started = await api(node, 'POST', '/api/public/queues/support/chats', {
    fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' },
  });
  expect(started.status).toBe(201);
  return started.body as StartChatResponse;
}

const strictLimits: Config['rateLimits'] = {
  ...RELAXED_LIMITS,
  signInFailuresPerAccount: 5,
  signInFailureWindowMs: 15 * 60_000,
  syncBurst: 3,
  syncPerSecond: 0.001,
  socketsPerChat: 2,
  handshakesPerAddressPerMinute: 4,
  messageBurst: 4,
  messagesPerSecond: 0.001,
};

describe('limits on one node without Redis', () => {
  const backend = backends().at(-1)!;
  const checks = countingCheck();
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let agent: Awaited<ReturnType<typeof connectAgent>>;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db, { sweepIntervalMs: 60_000, rateLimits: strictLimits }, { checkPassword: checks.check });
    await createClient(db, { name: `Limits ${run}`, slug: `limits-${run}`, adminEmail: `admin-${run}@limits.example`, agentEmail: `agent-${run}@limits.example` });
    // Someone Available, so that chats open (the agent's handshake comes from the loopback address).
    agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'status:set', { status: 'available' });
  }, 180_000);
  afterAll(async () => {
    agent?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('checks at most 5 passwords of 50 wrong guesses sent at once, and then refuses the right one', async () => {
    const email = `agent-${run}@limits.example`;
    checks.calls = 0;
    const answers = await Promise.all(Array.from({ length: 50 }, () => login(node, email, 'wrong-password')));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(401));
    const bodies = new Set(await Promise.all(answers.map((a) => a.text())));
    // Checked or refused unchecked, every answer is the same.
    expect(bodies.size).toBe(1);
    expect(checks.calls).toBeGreaterThan(0);
    expect(checks.calls).toBeLessThanOrEqual(5);
    const before = checks.calls;
    const right = await login(node, email, 'demo1234');
    expect(right.status).toBe(401);
    expect(await right.text()).toBe([...bodies][0]);
    expect(checks.calls).toBe(before);
  }, 120_000);

  it("answers an admin the same for an email of their own client and one of another client's staff", async () => {
    const admin = await signIn(node, 'admin@demo.example');
    const add = (email: string) => api(node, 'POST', '/api/admin/people', { email, displayName: 'New', role: 'agent', capacity: 1, password: 'first-pass-1' }, admin);
    const own = await add('sophie@demo.example');
    const foreign = await add(`agent-${run}@limits.example`);
    expect(own.status).toBe(409);
    expect(foreign.status).toBe(own.status);
    expect(foreign.body).toEqual(own.body);
    expect(JSON.stringify(foreign.body)).not.toMatch(/another (client|account)|belongs/i);
  });

  it('limits chat:sync per chat with rate_limited, and another chat still syncs', async () => {
    const first = await startChat(node);
    const second = await startChat(node);
    const a = await customer(node, first.token);
    const b = await customer(node, second.token);
    const flood = await Promise.all(Array.from({ length: 10 }, () => call<Result>(a, 'chat:sync', { afterSeq: 0 })));
    expect(flood.filter((r) => r.ok)).toHaveLength(3);
    expect(flood.filter((r) => !r.ok).map((r) => !r.ok && r.error.id)).toEqual(Array(7).fill('rate_limited'));
    expect((await call<Result>(b, 'chat:sync', { afterSeq: 0 })).ok).toBe(true);
    a.disconnect();
    b.disconnect();
  });

  it('limits socket handshakes per client address, before looking at the token', async () => {
    const address = freshAddress();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await customerFrom(node, 'x'.repeat(30), address));
    expect(answers).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized', 'rate_limited', 'rate_limited']);
    expect(await customerFrom(node, 'x'.repeat(30), freshAddress())).toBe('unauthorized');
  });

  it('limits open customer sockets per chat token, and frees the place when one closes', async () => {
    const { token } = await startChat(node);
    const one = await customer(node, token);
    const two = await customer(node, token);
    expect(await customerFrom(node, token, freshAddress())).toBe('rate_limited');
    const closed = nextEvent(two, 'disconnect');
    two.disconnect();
    await closed;
    // The server notices the close a moment later.
    let three: CustomerSocket | string = 'rate_limited';
    for (let i = 0; i < 20 && three === 'rate_limited'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      three = await customerFrom(node, token, freshAddress());
    }
    expect(typeof three).not.toBe('string');
    (three as CustomerSocket).disconnect();
    one.disconnect();
  });
});

// A Redis of its own: limits are counted per client address (here 127.0.0.1) in Redis, and other
// test files' nodes on a shared Redis would count into the same keys.
describe.runIf(process.env.REDIS_URL && redisServerAvailable())('limits shared by two nodes through Redis', () => {
  let redis: PrivateRedis;
  let redisUrl: string;
  const backend = backends().at(-1)!;
  const checksA = countingCheck();
  const checksB = countingCheck();
  let nodeA: RunningNode;
  let nodeB: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let agent: Awaited<ReturnType<typeof connectAgent>>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    redisUrl = redis.url;
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    nodeA = await startTestNode(db, { redisUrl, sweepIntervalMs: 60_000, rateLimits: strictLimits }, { checkPassword: checksA.check });
    nodeB = await startTestNode(db, { redisUrl, sweepIntervalMs: 60_000, rateLimits: strictLimits, seedDemo: false }, { checkPassword: checksB.check });
    await createClient(db, { name: `Shared ${run}`, slug: `shared-${run}`, adminEmail: `admin-${run}@shared.example`, agentEmail: `agent-${run}@shared.example` });
    agent = await connectAgent(nodeA, await signIn(nodeA, 'sophie@demo.example'));
    await call(agent, 'status:set', { status: 'available' });
  }, 180_000);
  afterAll(async () => {
    agent?.disconnect();
    await nodeA?.close();
    await nodeB?.close();
    await db?.close();
    await drop?.();
    await redis?.stop();
  });

  it('checks at most 5 passwords of 50 wrong guesses sent at once to two nodes, and then refuses the right one on both', async () => {
    const email = `agent-${run}@shared.example`;
    // Sophie's sign-in in beforeAll was a check too.
    checksA.calls = 0;
    checksB.calls = 0;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login(i % 2 ? nodeB : nodeA, email, 'wrong-password')));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(401));
    expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1);
    const checked = checksA.calls + checksB.calls;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect((await login(nodeA, email, 'demo1234')).status).toBe(401);
    expect((await login(nodeB, email, 'demo1234')).status).toBe(401);
    expect(checksA.calls + checksB.calls).toBe(checked);
  }, 120_000);

  it('counts messages of one chat sent through two nodes in one bucket', async () => {
    const { token } = await startChat(nodeA);
    const onA = await customer(nodeA, token);
    const onB = await customer(nodeB, token);
    const results: Result[] = [];
    for (let i = 0; i < 8; i++) results.push(await call<Result>(i % 2 ? onB : onA, 'message:send', { clientMsgId: `m${i}`, body: `hello ${i}` }));
    // Four in all (the burst), not four per node.
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false, false, false, false]);
    expect(results.slice(4).map((r) => !r.ok && r.error.id)).toEqual(Array(4).fill('rate_limited'));
    onA.disconnect();
    onB.disconnect();
  });

  it('counts handshakes from one address on both nodes together', async () => {
    const address = freshAddress();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await customerFrom(i % 2 ? nodeB : nodeA, 'x'.repeat(30), address));
    expect(answers).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized', 'rate_limited', 'rate_limited']);
  });
});
