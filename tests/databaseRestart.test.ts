/**
 * PostgreSQL connections dropped under load (a database restart or failover,
 * here pg_terminate_backend on every connection of the node's database): the
 * node must stay up, refuse what it could not store with a clear error, and
 * store everything retried afterwards exactly once. Runs when DATABASE_URL is set.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatEventView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode, tolerateRoutingErrors } from './support/testNode.js';

const postgres = backends().find((b) => b.name === 'postgres');

describe.runIf(postgres)('PostgreSQL connections dropped under load', () => {
  let node: RunningNode;
  let db: Db;
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await postgres!.open();
    db = opened.db;
    drop = opened.drop;
    url = opened.databaseUrl!;
    node = await startTestNode(db);
    // Connections are cut on purpose: routing passes in flight fail, and that is what this test is about.
    tolerateRoutingErrors(node);
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('keeps the node up and loses no acknowledged message', async () => {
    const agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'console:snapshot', {});
    await call(agent, 'status:set', { status: 'available' });
    const offered = nextEvent<{ chatId: string }>(agent, 'offer');
    const chat = (await api(node, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' },
    })).body as StartChatResponse;
    await offered;
    await call(agent, 'offer:accept', { chatId: chat.chatId });
    const customer = await connectCustomer(node, chat.token);

    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const database = new URL(url).pathname.slice(1);
    const acked = new Set<string>();
    const refused: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = `m${i}`;
      const sending = call<Result<{ event: ChatEventView }>>(customer, 'message:send', { clientMsgId: id, body: `message ${i}` });
      // Every 25 messages, cut every connection of the node's database mid-flight.
      if (i % 25 === 10) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
      const result = await sending;
      if (result.ok) acked.add(id);
      else refused.push(id);
    }
    await admin.end();
    // Refusals are clear errors, never silent; the client retries them, as the page's outbox does.
    for (const id of refused) {
      const retry = await call<Result>(customer, 'message:send', { clientMsgId: id, body: `message ${id.slice(1)}` });
      expect(retry.ok).toBe(true);
      acked.add(id);
    }
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    const stored = await db.query<{ client_msg_id: string; n: number }>(
      "SELECT client_msg_id, count(*)::int AS n FROM chat_events WHERE chat_id = $1 AND author = 'customer' GROUP BY client_msg_id",
      [chat.chatId],
    );
    expect(stored.length).toBe(200);
    expect(stored.every((r) => r.n === 1)).toBe(true);
    expect([...acked].sort()).toEqual(stored.map((r) => r.client_msg_id).sort());
    customer.disconnect();
    agent.disconnect();
  });
});
