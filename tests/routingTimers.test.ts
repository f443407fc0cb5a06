/**
 * Timers and rooms around routing, on a real node (PGlite, and PostgreSQL
 * when DATABASE_URL is set):
 *  - a queue that opens by its working hours offers the message left while it
 *    was closed at once, with no other event (the clock is the node's own,
 *    moved by the test; the leader's sweep notices the opening);
 *  - a retried accept answers ok with the chat, and the agent joins once;
 *  - ending a chat takes the agent's sockets out of its room;
 *  - the single PGlite node leads the sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { defaultQueueConfig } from '../src/domain/queueConfig.js';
import { AGENT_NAMESPACE } from '../src/protocol/events.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { AgentChatView, OfferView, OfflineOfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { waitUntil } from './support/services.js';
import { api, call, connectAgent, nextEvent, signIn, startTestNode, type AgentSocket } from './support/testNode.js';

/** Opens at 09:00 UTC every day. */
const NINE_TO_FIVE = {
  ...defaultQueueConfig().workingHours,
  enabled: true,
  timeZone: 'UTC',
  weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '09:00', end: '17:00', overnight: false })),
};

describe.each(backends())('routing timers and rooms on $name', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let node: RunningNode;
  /** The node's clock: a fixed day, moved by the tests. */
  let now = new Date('2026-03-04T08:59:00Z');
  const sockets: AgentSocket[] = [];

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db, { sweepIntervalMs: 200, seedDemo: false }, { clock: () => now });
    await createClient(db, {
      name: 'Hours',
      slug: 'hours',
      adminEmail: 'admin@hours.example',
      agentEmail: 'agent@hours.example',
      config: { workingHours: NINE_TO_FIVE, offline: { leaveMessage: { enabled: true, email: 'inbox@hours.example' }, callback: { enabled: true } } },
    });
    await createClient(db, { name: 'Rooms', slug: 'rooms', adminEmail: 'admin@rooms.example', agentEmail: 'agent@rooms.example' });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await node?.close();
    await db?.close();
    await drop?.();
  });

  async function availableAgent(email: string): Promise<AgentSocket> {
    const socket = await connectAgent(node, await signIn(node, email));
    sockets.push(socket);
    await call(socket, 'console:snapshot', {});
    await call(socket, 'status:set', { status: 'available' });
    return socket;
  }

  it('a single node leads the sweep', async () => {
    await waitUntil(() => node.isLeader(), 5000, 'leadership');
    expect(node.isLeader()).toBe(true);
  });

  it('offers a message left while closed as soon as the queue opens by its hours', async () => {
    const agent = await availableAgent('agent@hours.example');
    const offers: OfflineOfferView[] = [];
    agent.on('offline:offer', (offer: OfflineOfferView) => offers.push(offer));
    const left = await api(node, 'POST', '/api/public/queues/hours/messages', { email: 'early@example.com', message: 'Call me when you open' });
    expect(left.status).toBe(201);

    // Closed: several sweeps and the router's own kick (the message) offer nothing.
    await new Promise((r) => setTimeout(r, 1000));
    await node.routingIdle();
    expect(offers).toEqual([]);

    const offered = nextEvent<OfflineOfferView>(agent, 'offline:offer', () => true, 15_000);
    now = new Date('2026-03-04T09:00:05Z');
    expect((await offered).item.id).toBe(left.body.id);
    const [row] = await db.query<{ offered_to: string | null }>('SELECT offered_to FROM offline_items WHERE id = $1', [left.body.id]);
    expect(row?.offered_to).not.toBeNull();
    expect(node.routingErrors()).toEqual([]);
  });

  it('answers a retried accept with the chat, and the agent joins once', async () => {
    const agent = await availableAgent('agent@rooms.example');
    const offered = nextEvent<OfferView>(agent, 'offer');
    const started = (await api(node, 'POST', '/api/public/queues/rooms/chats', { fields: {} })).body as StartChatResponse;
    expect((await offered).chatId).toBe(started.chatId);

    const first = await call<Result<{ chat: AgentChatView }>>(agent, 'offer:accept', { chatId: started.chatId });
    const again = await call<Result<{ chat: AgentChatView }>>(agent, 'offer:accept', { chatId: started.chatId });
    expect(first.ok && first.chat.status).toBe('active');
    expect(again.ok && again.chat.chatId).toBe(started.chatId);
    const joins = await db.query("SELECT 1 FROM chat_events WHERE chat_id = $1 AND system_type = 'agent_joined'", [started.chatId]);
    expect(joins).toHaveLength(1);

    const room = `chat:${started.chatId}`;
    expect(await node.io.of(AGENT_NAMESPACE).in(room).fetchSockets()).toHaveLength(1);
    const left = await call<Result>(agent, 'chat:leave', { chatId: started.chatId });
    expect(left.ok).toBe(true);
    await waitUntil(async () => (await node.io.of(AGENT_NAMESPACE).in(room).fetchSockets()).length === 0, 5000, 'the chat room to empty');

    // A reconnecting console shows the ended chat, but does not rejoin its room.
    const snapshot = await call<Result<{ snapshot: { chats: AgentChatView[] } }>>(agent, 'console:snapshot', {});
    expect(snapshot.ok && snapshot.snapshot.chats.map((c) => c.chatId)).toContain(started.chatId);
    expect(await node.io.of(AGENT_NAMESPACE).in(room).fetchSockets()).toHaveLength(0);
  });
});
