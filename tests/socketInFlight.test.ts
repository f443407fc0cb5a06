/**
 * The per-socket bound on unanswered events (src/transport/realtime/inFlight.ts),
 * through a real Socket.IO client: with the database held so the customer's
 * events stay in flight, the event past the bound is answered `rate_limited`
 * at once while the others still wait; those complete once the database is
 * free, and the socket is served again. A send refused for a full database
 * queue answers `unavailable` and stores nothing; /ready then reports
 * `load: overloaded` while staying ready (src/app/readiness.ts). A chat start refused that way is
 * answered 503 `unavailable` and adds nobody to the line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { openPglite } from '../src/db/pglite.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { RunningNode } from '../src/server.js';
import { api, call, connectAgent, connectCustomer, type CustomerSocket, nextEvent, RELAXED_LIMITS, signIn, startTestNode } from './support/testNode.js';

const IN_FLIGHT = 2;

/** Holds the database's one PGlite connection until the returned function is called. */
function holdDatabase(db: Db): { release: () => Promise<void> } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const holder = db.transaction(() => held);
  return {
    release: async () => {
      release();
      await holder;
    },
  };
}

describe('unanswered events per socket', () => {
  let db: Db;
  let node: RunningNode;
  let customer: CustomerSocket;
  let agent: Awaited<ReturnType<typeof connectAgent>>;

  beforeAll(async () => {
    // A short queue for the /ready check below; no wait bound to speak of, so held events stay in flight.
    db = await openPglite('memory://', { maxWaiting: 4, maxWaitMs: 60_000 });
    node = await startTestNode(db, { sweepIntervalMs: 60_000, rateLimits: { ...RELAXED_LIMITS, customerEventsInFlight: IN_FLIGHT } });
    agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'status:set', { status: 'available' });
    const offered = nextEvent<{ chatId: string }>(agent, 'offer');
    const started = await api(node, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' },
    });
    expect(started.status).toBe(201);
    customer = await connectCustomer(node, (started.body as StartChatResponse).token);
    expect(await call(agent, 'offer:accept', { chatId: (await offered).chatId })).toMatchObject({ ok: true });
  }, 120_000);
  afterAll(async () => {
    customer?.disconnect();
    agent?.disconnect();
    await node?.close();
    await db?.close();
  });

  it('answers the event past the bound rate_limited at once, and serves the others and the next ones', async () => {
    const hold = holdDatabase(db);
    const settled: boolean[] = [];
    const waiting = Array.from({ length: IN_FLIGHT }, (_, i) => call<Result>(customer, 'chat:sync', { afterSeq: 0 }).finally(() => (settled[i] = true)));
    const refused = await call<Result>(customer, 'chat:sync', { afterSeq: 0 });
    expect(refused).toMatchObject({ ok: false, error: { id: 'rate_limited' } });
    expect(settled).toEqual([]);

    await hold.release();
    expect((await Promise.all(waiting)).map((r) => r.ok)).toEqual([true, true]);
    // The slots are given back: the socket may have IN_FLIGHT events out again.
    const again = await Promise.all(Array.from({ length: IN_FLIGHT }, () => call<Result>(customer, 'chat:sync', { afterSeq: 0 })));
    expect(again.map((r) => r.ok)).toEqual([true, true]);
  });

  it('answers a send refused for a full database queue `unavailable` and stores nothing; /ready stays ready with load overloaded', async () => {
    const before = await api(node, 'GET', '/ready');
    expect(before.body).toMatchObject({ ok: true, load: 'normal' });
    const hold = holdDatabase(db);
    // Fill the database queue (4) from HTTP, then a send over the socket finds it full.
    const queued = Array.from({ length: 4 }, () => db.query('SELECT 1'));
    const send = await call<Result>(customer, 'message:send', { clientMsgId: 'c1-overload', body: 'Hello?' });
    expect(send).toMatchObject({ ok: false, error: { id: 'unavailable' } });
    await hold.release();
    await Promise.all(queued);
    // Drained, but it refused work moments ago: still reported overloaded (no flapping), and ready.
    const ready = await api(node, 'GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true, database: 'up', load: 'overloaded' });
    // Nothing was stored by the refused send: the same clientMsgId is stored once, now.
    const retried = await call<Result<{ event: { clientMsgId: string; seq: number } }>>(customer, 'message:send', { clientMsgId: 'c1-overload', body: 'Hello?' });
    expect(retried).toMatchObject({ ok: true, event: { clientMsgId: 'c1-overload' } });
    const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chat_events WHERE client_msg_id = 'c1-overload'`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('answers a chat start refused for a full database queue 503 `unavailable` and adds nobody to the line', async () => {
    const line = () => db.query<{ waiting: number; chats: number }>("SELECT sum(waiting)::int AS waiting, (SELECT count(*)::int FROM chats) AS chats FROM queue_lines");
    const before = await line();
    const hold = holdDatabase(db);
    const queued = Array.from({ length: 4 }, () => db.query('SELECT 1'));
    const started = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { first_name: 'Bo', last_name: 'Li', email: 'bo@example.com', inquiry: 'Billing' } });
    expect(started.status).toBe(503);
    expect(started.body).toMatchObject({ error: { id: 'unavailable' } });
    await hold.release();
    await Promise.all(queued);
    expect(await line()).toEqual(before);
  });
});
