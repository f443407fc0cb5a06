/**
 * Redis goes away under two node processes on PostgreSQL, a customer on node
 * A chatting with an agent on node B. No node may crash or make an HTTP
 * request wait; messages keep being stored and acknowledged; when Redis
 * returns, delivery resumes and every node tells its sockets to `resync`, so
 * everything sent during the outage reaches the other side without waiting
 * for another message. Once for a short restart, once for an outage of 100 s
 * (before the fix a node crashed at ~74 s on ioredis's MaxRetriesPerRequestError).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, faultServicesAvailable, type OpenChat, openChat, pollHttp, readyStatus, sendAsAgent, sendAsCustomer, startCluster, unhandled } from '../support/faultCluster.js';
import { waitUntil } from '../support/services.js';
import { api, call, connectCustomer, nextEvent } from '../support/testNode.js';
import type { Result } from '../../src/protocol/errors.js';
import type { StartChatResponse } from '../../src/protocol/http.js';
import type { ChatEventView } from '../../src/protocol/views.js';

describe.runIf(faultServicesAvailable)('Redis outage under two nodes', () => {
  let cluster: Cluster;
  let chat: OpenChat;

  beforeAll(async () => {
    cluster = await startCluster(2);
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
});
