/**
 * Redis goes away under two node processes on PostgreSQL, a customer on node
 * A chatting with an agent on node B. No node may crash or make an HTTP
 * request wait; messages keep being stored and acknowledged; when Redis
 * returns, delivery resumes and every node tells its sockets to `resync`, so
 * everything sent during the outage reaches the other side without waiting
 * for another message. Once for a short restart, once for an outage of 100 s
 * (before the fix a node crashed at ~74 s on ioredis's MaxRetriesPerRequestError).
 * And a console on node A must not keep a chat that an admin on node B took
 * away from it while Redis was down (the leave and disconnect commands ride
 * the bus and were lost): each node re-derives its consoles' rooms and
 * sessions from the database (src/transport/realtime/agentRooms.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, faultServicesAvailable, type OpenChat, openChat, pollHttp, readyStatus, sendAsAgent, sendAsCustomer, startCluster, unhandled } from '../support/faultCluster.js';
import { waitUntil } from '../support/services.js';
import { type AgentSocket, api, call, connectCustomer, type NodeAddress, nextEvent, signIn } from '../support/testNode.js';
import { AGENT_NAMESPACE } from '../../src/protocol/events.js';
import type { Result } from '../../src/protocol/errors.js';
import type { AdminQueueDetail, PersonView } from '../../src/protocol/admin.js';
import type { StartChatResponse } from '../../src/protocol/http.js';
import type { AdminQueueSummary, ChatEventView } from '../../src/protocol/views.js';
import { io, type Socket } from 'socket.io-client';

/** Each node re-checks its consoles' rooms and sessions this often here (AGENT_RECHECK_MS; 20 s by default). */
const RECHECK_MS = 1000;

describe.runIf(faultServicesAvailable)('Redis outage under two nodes', () => {
  let cluster: Cluster;
  let chat: OpenChat;

  beforeAll(async () => {
    cluster = await startCluster(2, { AGENT_RECHECK_MS: String(RECHECK_MS) });
    const [a, b] = cluster.nodes;
    chat = await openChat(a!, b!);
  }, 360_000);
  afterAll(async () => {
    chat?.customer.socket.disconnect();
    chat?.agent.socket.disconnect();
    await cluster?.stop();
  });

  /** Both ways, with the bus up: a message reaches the other side live. */
  async function liveRoundTrip(tag: string): Promise<number> {
    const started = performance.now();
    expect((await sendAsCustomer(chat.customer, `${tag}-c`, `${tag} from customer`)).ok).toBe(true);
    expect((await sendAsAgent(chat.agent, chat.chatId, `${tag}-a`, `${tag} from agent`)).ok).toBe(true);
    await waitUntil(
      () => chat.agent.bodies('customer').includes(`${tag} from customer`) && chat.customer.bodies('agent').includes(`${tag} from agent`),
      10_000,
      `live delivery of ${tag}`,
    );
    return performance.now() - started;
  }

  async function outage(tag: string, holdMs: number) {
    const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
    await liveRoundTrip(`${tag}-before`);
    const poll = pollHttp([a, b], '/api/public/queues/support');
    const resyncsBefore = { customer: chat.customer.resyncs, agent: chat.agent.resyncs };

    await cluster.redis.kill();
    const sent = { customer: [] as string[], agent: [] as string[] };
    const readyDuring: number[] = [];
    const holdUntil = Date.now() + holdMs;
    let i = 0;
    // Keep chatting through the outage: every message is stored and acknowledged.
    while (Date.now() < holdUntil || i < 3) {
      const body = `${tag} during ${i}`;
      const c = await sendAsCustomer(chat.customer, `${tag}-dc${i}`, `${body} (customer)`);
      const g = await sendAsAgent(chat.agent, chat.chatId, `${tag}-da${i}`, `${body} (agent)`);
      expect(c.ok, JSON.stringify(c)).toBe(true);
      expect(g.ok, JSON.stringify(g)).toBe(true);
      sent.customer.push(`${body} (customer)`);
      sent.agent.push(`${body} (agent)`);
      readyDuring.push((await readyStatus(a)).status, (await readyStatus(b)).status);
      i++;
      await new Promise((r) => setTimeout(r, Math.min(5000, Math.max(0, holdUntil - Date.now()))));
    }
    expect(a.alive() && b.alive()).toBe(true);

    await cluster.redis.start();
    const restarted = performance.now();
    // No new message is sent: the resync alone must bring what was missed.
    await waitUntil(
      () => sent.customer.every((m) => chat.agent.bodies('customer').includes(m)) && sent.agent.every((m) => chat.customer.bodies('agent').includes(m)),
      15_000,
      'every message sent during the outage on the other side',
    );
    const caughtUpMs = Math.round(performance.now() - restarted);
    await waitUntil(async () => (await readyStatus(a)).status === 200 && (await readyStatus(b)).status === 200, 10_000, '/ready 200 on both nodes');
    const liveMs = Math.round(await liveRoundTrip(`${tag}-after`));
    const http = await poll.stop();

    console.warn(`[${tag}] outage ${holdMs} ms: slowest HTTP ${http.slowestMs} ms over ${http.requests} requests; caught up ${caughtUpMs} ms after Redis restarted; live round trip after ${liveMs} ms`);
    expect(http.failures).toBe(0);
    expect(http.statuses).toEqual([200]);
    // Nothing waits on Redis (before the fix a request took up to ~73 s): within 1 s throughout, the
    // issue's bound (on CI the slowest was under 100 ms; the figure is printed above).
    expect(http.slowestMs).toBeLessThan(1000);
    expect(readyDuring.every((s) => s === 503)).toBe(true);
    expect(chat.customer.resyncs).toBeGreaterThan(resyncsBefore.customer);
    expect(chat.agent.resyncs).toBeGreaterThan(resyncsBefore.agent);
    // Nothing twice, nothing out of order on either side.
    const customerSide = chat.agent.bodies('customer').filter((m) => m.startsWith(`${tag} during`));
    expect(customerSide).toEqual(sent.customer);
    expect(chat.customer.bodies('agent').filter((m) => m.startsWith(`${tag} during`))).toEqual(sent.agent);
    expect(a.alive() && b.alive()).toBe(true);
    expect(unhandled(a) || unhandled(b), a.log() + b.log()).toBe(false);
  }

  it('keeps both nodes serving through a Redis restart and catches every socket up after it', async () => {
    await outage('restart', 5_000);
  }, 90_000);

  it('keeps delivering live, during the outage, between a customer and an agent on the same node', async () => {
    const b = cluster.nodes[1]!;
    const offered = nextEvent<{ chatId: string }>(chat.agent.socket, 'offer', () => true, 20_000);
    const started = (await api(b, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Bo', last_name: 'Lund', email: 'bo@example.com', inquiry: 'Billing' },
    })).body as StartChatResponse;
    await offered;
    expect((await call<Result>(chat.agent.socket, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
    const customer = await connectCustomer(b, started.token);
    try {
      await cluster.redis.kill();
      const toAgent = nextEvent<ChatEventView>(chat.agent.socket, 'chat:event', (e) => e.chatId === started.chatId && e.body === 'same node, no Redis');
      const toCustomer = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.body === 'agent here, no Redis');
      expect((await call<Result>(customer, 'message:send', { clientMsgId: 'same-1', body: 'same node, no Redis' })).ok).toBe(true);
      expect((await call<Result>(chat.agent.socket, 'message:send', { chatId: started.chatId, clientMsgId: 'same-a1', body: 'agent here, no Redis' })).ok).toBe(true);
      // Live: well before any resync could bring them.
      await toAgent;
      await toCustomer;
    } finally {
      customer.disconnect();
      await cluster.redis.start();
      await waitUntil(async () => (await fetch(`${b.url}/ready`)).status === 200, 10_000, 'bus back');
    }
  }, 60_000);

  it('survives Redis down for 100 s: HTTP never waits, /ready says 503, nothing is missing afterwards', async () => {
    await outage('long', 100_000);
  }, 200_000);

  describe('a console on node A whose chat or account is taken away on node B while Redis is down', () => {
    let admin: string;
    let lea: { id: string; cookie: string };

    function connectOwnAgent(node: NodeAddress, cookie: string): Promise<AgentSocket> {
      const socket: AgentSocket = io(`${node.url}${AGENT_NAMESPACE}`, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }

    /** Typing events of `chatId` that reach `socket` from now on. */
    function typingSeen(socket: Socket, chatId: string) {
      const seen: unknown[] = [];
      socket.on('typing', (t: { chatId: string }) => t.chatId === chatId && seen.push(t));
      return seen;
    }

    /** Léa (a second agent of the demo client) signs in on node A and accepts a chat whose customer is on node B. */
    async function leaChatting(tag: string) {
      const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
      // A connection of its own, as a browser page has (socket.io-client would multiplex it over the
      // shared customer's connection to node A, which carries no cookie).
      const console = await connectOwnAgent(a, lea.cookie);
      await call(console, 'console:snapshot', {});
      expect((await call<Result>(console, 'status:set', { status: 'available' })).ok).toBe(true);
      const offered = nextEvent<{ chatId: string }>(console, 'offer', () => true, 20_000);
      const started = (await api(b, 'POST', '/api/public/queues/support/chats', {
        fields: { first_name: 'Eli', last_name: tag, email: 'eli@example.com', inquiry: 'Billing' },
      })).body as StartChatResponse;
      expect((await offered).chatId).toBe(started.chatId);
      expect((await call<Result>(console, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
      const customer = await connectCustomer(b, started.token);
      // Across nodes with the bus up: the room works both ways.
      const live = nextEvent<ChatEventView>(console, 'chat:event', (e) => e.chatId === started.chatId && e.body === `${tag}: hello`);
      expect((await call<Result>(customer, 'message:send', { clientMsgId: `${tag}-1`, body: `${tag}: hello` })).ok).toBe(true);
      await live;
      return { chatId: started.chatId, console, customer };
    }

    async function redisBack() {
      const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
      await cluster.redis.start();
      await waitUntil(async () => (await readyStatus(a)).status === 200 && (await readyStatus(b)).status === 200, 10_000, '/ready 200 on both nodes');
    }

    beforeAll(async () => {
      const b = cluster.nodes[1]!;
      // Sophie (the shared chat's agent) goes Away, so every chat here goes to Léa.
      expect((await call<Result>(chat.agent.socket, 'status:set', { status: 'away' })).ok).toBe(true);
      admin = await signIn(b, 'admin@demo.example');
      const created = await api(b, 'POST', '/api/admin/people', { email: 'lea@demo.example', displayName: 'Léa', role: 'agent', capacity: 3, password: 'demo1234' }, admin);
      expect(created.status).toBe(201);
      const id = (created.body as PersonView).id;
      const { queues } = (await api(b, 'GET', '/api/admin/queues', undefined, admin)).body as { queues: AdminQueueSummary[] };
      const support = queues.find((q) => q.slug === 'support')!;
      const detail = (await api(b, 'GET', `/api/admin/queues/${support.id}`, undefined, admin)).body as AdminQueueDetail;
      const agentIds = [...detail.agents.filter((x) => x.assigned).map((x) => x.id), id];
      expect((await api(b, 'PUT', `/api/admin/queues/${support.id}/agents`, { agentIds }, admin)).status).toBe(200);
      lea = { id, cookie: await signIn(cluster.nodes[0]!, 'lea@demo.example') };
    }, 60_000);

    it('takes the console out of a chat an admin ended on another node: no customer typing reaches it, its typing reaches nobody', async () => {
      const b = cluster.nodes[1]!;
      const { chatId, console, customer } = await leaChatting('ended');
      try {
        await cluster.redis.kill();
        // The admin on node B ends the chat; the room's close rides the bus and is lost.
        expect((await api(b, 'POST', `/api/admin/chats/${chatId}/end`, undefined, admin)).status).toBe(204);
        await redisBack();
        // Within the recheck interval (a resync triggers one at once), with a margin for a loaded machine.
        await new Promise((r) => setTimeout(r, RECHECK_MS + 1500));

        const toAgent = typingSeen(console, chatId);
        const toCustomer = typingSeen(customer, chatId);
        expect((await call<Result>(customer, 'typing', { typing: true })).ok).toBe(true);
        const refused = await call<Result>(console, 'typing', { chatId, typing: true });
        expect(refused.ok ? 'relayed' : refused.error.id).toBe('forbidden');
        await new Promise((r) => setTimeout(r, 1000));
        expect(toAgent).toEqual([]);
        expect(toCustomer).toEqual([]);
        expect(console.connected).toBe(true); // still signed in: only the chat went away
      } finally {
        console.disconnect();
        customer.disconnect();
      }
    }, 90_000);

    it('disconnects a console whose agent was deactivated on another node, as a sign-out does; the chat is no longer delivered to it', async () => {
      const b = cluster.nodes[1]!;
      const { chatId, console, customer } = await leaChatting('deactivated');
      const closed = new Promise<string>((resolve) => console.once('disconnect', (reason) => resolve(reason)));
      const received = typingSeen(console, chatId);
      const events: ChatEventView[] = [];
      console.on('chat:event', (e: ChatEventView) => e.chatId === chatId && events.push(e));
      try {
        await cluster.redis.kill();
        expect((await api(b, 'POST', `/api/admin/people/${lea.id}/deactivate`, undefined, admin)).status).toBe(200);
        await redisBack();
        const reason = await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r('still connected'), RECHECK_MS + 5000))]);
        // What a sign-out elsewhere gives the console: it asks /api/auth/me and shows "You were signed out".
        expect(reason).toBe('io server disconnect');
        const before = events.length;
        expect((await call<Result>(customer, 'message:send', { clientMsgId: 'after-deactivation', body: 'anyone there?' })).ok).toBe(true);
        expect((await call<Result>(customer, 'typing', { typing: true })).ok).toBe(true);
        await new Promise((r) => setTimeout(r, 1000));
        expect(events.slice(before)).toEqual([]);
        expect(received).toEqual([]);
      } finally {
        console.disconnect();
        customer.disconnect();
      }
    }, 90_000);
  });
});
