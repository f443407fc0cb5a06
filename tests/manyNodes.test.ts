/**
 * Two nodes on one database, sharing events through Redis: a customer on one
 * node and the agent on the other chat as if on one server. Runs when
 * REDIS_URL is set (CI sets it when Redis is installed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatEventView, ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode, type AgentSocket } from './support/testNode.js';

const redisUrl = process.env.REDIS_URL;
const backend = backends().at(-1);

describe.runIf(redisUrl && backend)('many nodes through Redis', () => {
  let nodeA: RunningNode;
  let nodeB: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let agent: AgentSocket;

  beforeAll(async () => {
    const opened = await backend!.open();
    db = opened.db;
    drop = opened.drop;
    nodeA = await startTestNode(db, { redisUrl });
    nodeB = await startTestNode(db, { redisUrl, seedDemo: false });
  });
  afterAll(async () => {
    agent?.disconnect();
    await nodeA?.close();
    await nodeB?.close();
    await db?.close();
    await drop?.();
  });

  it('delivers offers, state and messages across nodes', async () => {
    agent = await connectAgent(nodeB, await signIn(nodeB, 'sophie@demo.example'));
    await call(agent, 'console:snapshot', {});
    await call(agent, 'status:set', { status: 'available' });

    const offered = nextEvent<OfferView>(agent, 'offer');
    const started = (await api(nodeA, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Sales' },
    })).body as StartChatResponse;
    const customer = await connectCustomer(nodeA, started.token);
    expect((await offered).chatId).toBe(started.chatId);

    const active = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'active');
    await call(agent, 'offer:accept', { chatId: started.chatId });
    expect((await active).agent?.name).toBe('Sophie');

    const atCustomer = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.author === 'agent');
    await call(agent, 'message:send', { chatId: started.chatId, clientMsgId: 'm1', body: 'Hi from node B' });
    expect((await atCustomer).body).toBe('Hi from node B');

    const atAgent = nextEvent<ChatEventView>(agent, 'chat:event', (e) => e.author === 'customer');
    const sent = await call<Result>(customer, 'message:send', { clientMsgId: 'c1', body: 'Hi from node A' });
    expect(sent.ok).toBe(true);
    expect((await atAgent).body).toBe('Hi from node A');
    customer.disconnect();
  });
});
