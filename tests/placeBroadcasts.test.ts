/**
 * Broadcasts of places in line are coalesced per queue on a node (src/app/placeBroadcaster.ts):
 * many asked for at once (twenty agents going Available together) cost two reads of the line, not
 * twenty, and every caller still gets a broadcast that read the line after it asked — so what
 * changed before a call is told. Runs on PGlite and, when DATABASE_URL is set, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChat } from '../src/app/chatStarter.js';
import type { Deps } from '../src/app/deps.js';
import { broadcastPlaces } from '../src/app/placeBroadcaster.js';
import type { ChatStateView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { type CountingDb, countingDb } from './support/countingDb.js';
import { connectCustomer, type CustomerSocket, startTestNode } from './support/testNode.js';

const FORM = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
const isLineRead = (sql: string) => sql.includes('row_number() OVER');

describe.each(backends())('place broadcasts on $name', (backend) => {
  let counter: CountingDb;
  let drop: () => Promise<void>;
  let node: RunningNode;
  let deps: Deps;
  let queueId: string;
  const customers: CustomerSocket[] = [];
  const told = new Map<string, ChatStateView[]>();

  beforeAll(async () => {
    const opened = await backend.open();
    drop = opened.drop;
    counter = countingDb(opened.db);
    node = await startTestNode(counter, { sweepIntervalMs: 60_000, presenceTtlSeconds: 600 });
    // Nobody routes: the customers stay in line, with an agent Available so that they may join it.
    deps = { ...node.deps, kickRouter: () => undefined };
    await counter.query("UPDATE users SET status = 'available', presence_expires_at = now() + interval '1 hour' WHERE email = 'sophie@demo.example'");
    [{ id: queueId }] = (await counter.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'")) as [{ id: string }];
    for (let i = 0; i < 3; i++) {
      const started = await startChat(deps, { slug: 'support', fields: FORM });
      const socket = await connectCustomer(node, started.token);
      told.set(started.chatId, []);
      socket.on('chat:state', (state: ChatStateView) => told.get(state.chatId)?.push(state));
      customers.push(socket);
    }
  });
  afterAll(async () => {
    customers.forEach((s) => s.disconnect());
    await node?.close();
    await counter?.close();
    await drop?.();
  });

  it('reads the line twice for twenty calls at once, and tells every customer', async () => {
    counter.reset();
    for (const states of told.values()) states.length = 0;
    await Promise.all(Array.from({ length: 20 }, () => broadcastPlaces(deps, queueId)));
    expect(counter.counts.sql.filter(isLineRead)).toHaveLength(2);
    await expect.poll(() => [...told.values()].every((states) => states.length >= 1)).toBe(true);
    expect([...told.values()].map((states) => states.at(-1)?.position).sort()).toEqual([1, 2, 3]);
  });

  it('answers each call only after a read of the line that began after it', async () => {
    counter.reset();
    const calls = Array.from({ length: 8 }, async (_, i) => {
      // Calls spread over the first broadcast: some before it reads, some while it runs.
      await new Promise((r) => setTimeout(r, i));
      const askedAt = counter.counts.sql.length;
      await broadcastPlaces(deps, queueId);
      return { askedAt, answeredAt: counter.counts.sql.length };
    });
    for (const { askedAt, answeredAt } of await Promise.all(calls)) {
      const readsBetween = counter.counts.sql.slice(askedAt, answeredAt).filter(isLineRead);
      expect(readsBetween.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('starts afresh once a broadcast has ended', async () => {
    await broadcastPlaces(deps, queueId);
    counter.reset();
    await broadcastPlaces(deps, queueId);
    await broadcastPlaces(deps, queueId);
    expect(counter.counts.sql.filter(isLineRead)).toHaveLength(2);
  });
});
