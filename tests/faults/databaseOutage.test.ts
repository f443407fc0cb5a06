/**
 * PostgreSQL goes away under two node processes (Redis up), a customer on
 * node A chatting with an agent on node B. The nodes stay up and answer
 * /health; /ready says 503 naming the database; sends fail with an error
 * (never silently) and, retried in order after recovery, land once and in
 * order. The agent's socket never dropped, so the agent must still be
 * Available afterwards, also once the presence TTL (30 s) has passed since
 * the database came back: presence follows the socket, not the servers'
 * ability to write their heartbeat. New customers are not told that all
 * agents are away.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicQueueView } from '../../src/protocol/views.js';
import {
  type Cluster,
  faultServicesAvailable,
  type OpenChat,
  openChat,
  pollHttp,
  readyStatus,
  sendAsAgent,
  sendAsCustomer,
  startCluster,
  unhandled,
} from '../support/faultCluster.js';
import { waitUntil } from '../support/services.js';
import { api } from '../support/testNode.js';

const PRESENCE_TTL_SECONDS = 30;

describe.runIf(faultServicesAvailable)('PostgreSQL outage under two nodes', () => {
  let cluster: Cluster;
  let chat: OpenChat;
  const agentStates: string[] = [];

  beforeAll(async () => {
    cluster = await startCluster(2, { PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS) });
    const [a, b] = cluster.nodes;
    chat = await openChat(a!, b!);
    chat.agent.socket.on('agent:state', (state: { status: string }) => agentStates.push(state.status));
  }, 360_000);
  afterAll(async () => {
    chat?.customer.socket.disconnect();
    chat?.agent.socket.disconnect();
    await cluster?.stop();
  });

  async function agentStatusInDb(): Promise<string> {
    const client = new pg.Client({ connectionString: cluster.pg.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string }>("SELECT status FROM users WHERE email = 'sophie@demo.example'");
      return rows[0]!.status;
    } finally {
      await client.end();
    }
  }

  async function queueSaysNoAgents(): Promise<boolean> {
    const response = await api(cluster.nodes[0]!, 'GET', '/api/public/queues/support');
    return response.status !== 200 || (response.body as PublicQueueView).closedReason === 'no_agents';
  }

  /** Sends as the customer page does: one at a time in order; what fails stays in the outbox, in order. */
  async function sendUntilStored(ids: string[]): Promise<void> {
    for (const id of ids) {
      await waitUntil(async () => (await sendAsCustomer(chat.customer, id, `message ${id}`)).ok, 20_000, `storing ${id}`);
    }
  }

  it('survives a PostgreSQL restart: sends resume and are delivered', async () => {
    const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
    await cluster.pg.stop();
    await cluster.pg.start();
    await sendUntilStored(['r1', 'r2']);
    expect((await sendAsAgent(chat.agent, chat.chatId, 'ra1', 'agent after restart')).ok).toBe(true);
    await waitUntil(() => chat.agent.bodies('customer').includes('message r2') && chat.customer.bodies('agent').includes('agent after restart'), 10_000, 'delivery');
    expect(a.alive() && b.alive()).toBe(true);
  }, 60_000);

  it('keeps agents Available through a 45 s outage and stores the retried sends once, in order', async () => {
    const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
    expect(await agentStatusInDb()).toBe('available');
    const health = pollHttp([a, b], '/health');
    agentStates.length = 0;

    await cluster.pg.stop();
    const stoppedAt = Date.now();
    // The customer keeps typing: every send is refused with an error, none is lost silently.
    const outbox = ['o1', 'o2', 'o3'];
    // Refused as `unavailable` (the page says "try again" and its outbox retries), not as a server fault.
    const refusals: string[] = [];
    for (const id of outbox) {
      const result = await sendAsCustomer(chat.customer, id, `message ${id}`);
      expect(result.ok).toBe(false);
      if (!result.ok) refusals.push(result.error.id);
    }
    // A new customer's HTTP request is refused 503 with Retry-After, which browsers and balancers act on.
    const startDuring = await api(a, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' },
    });
    const readyDuring = [await readyStatus(a), await readyStatus(b)];
    await new Promise((r) => setTimeout(r, Math.max(0, 45_000 - (Date.now() - stoppedAt))));
    expect(a.alive() && b.alive()).toBe(true);
    const healthDuring = await health.stop();

    await cluster.pg.start();
    const restarted = performance.now();
    await waitUntil(async () => (await readyStatus(a)).status === 200 && (await readyStatus(b)).status === 200, 20_000, '/ready 200 again');
    const readyMs = Math.round(performance.now() - restarted);
    // New customers are not told everyone is away: the node renewed its agents' presence on recovery.
    await waitUntil(async () => !(await queueSaysNoAgents()), 5_000, 'the queue showing an agent available');
    const availableMs = Math.round(performance.now() - restarted);

    await sendUntilStored(outbox);
    await waitUntil(() => outbox.every((id) => chat.agent.bodies('customer').includes(`message ${id}`)), 10_000, 'retried messages delivered');

    // Past the TTL since recovery, the sweepers would have set the agent Offline by now if they trusted
    // the expired presence rows; check all along that it never happens.
    const until = Date.now() + (PRESENCE_TTL_SECONDS + 8) * 1000;
    let noAgentsSeen = 0;
    while (Date.now() < until) {
      if (await queueSaysNoAgents()) noAgentsSeen++;
      await new Promise((r) => setTimeout(r, 1000));
    }
    console.warn(
      `[database 45 s] slowest /health ${healthDuring.slowestMs} ms over ${healthDuring.requests} requests; /ready 200 ${readyMs} ms after restart; queue shows agents ${availableMs} ms after restart`,
    );

    expect(healthDuring.failures).toBe(0);
    expect(healthDuring.statuses).toEqual([200]);
    // The bound: within 1 s throughout (on CI the slowest was under 200 ms; the figure is printed above).
    expect(healthDuring.slowestMs).toBeLessThan(1000);
    for (const ready of readyDuring) {
      expect(ready.status).toBe(503);
      expect(ready.body.down).toContain('database');
    }
    expect(refusals).toEqual(['unavailable', 'unavailable', 'unavailable']);
    expect(startDuring.status).toBe(503);
    expect(startDuring.body.error.id).toBe('unavailable');
    expect(startDuring.headers.get('retry-after')).toBe('1');
    expect(noAgentsSeen).toBe(0);
    expect(await agentStatusInDb()).toBe('available');
    expect(agentStates).not.toContain('offline');
    // Once each, in the order sent.
    const stored = chat.agent.bodies('customer').filter((m) => /^message o\d$/.test(m));
    expect(stored).toEqual(outbox.map((id) => `message ${id}`));
    const client = new pg.Client({ connectionString: cluster.pg.url });
    await client.connect();
    const { rows } = await client.query<{ client_msg_id: string }>(
      "SELECT client_msg_id FROM chat_events WHERE chat_id = $1 AND client_msg_id = ANY($2) ORDER BY seq",
      [chat.chatId, outbox],
    );
    await client.end();
    expect(rows.map((r) => r.client_msg_id)).toEqual(outbox);
    expect(a.alive() && b.alive()).toBe(true);
    expect(unhandled(a) || unhandled(b), a.log() + b.log()).toBe(false);
  }, 180_000);
});
