/**
 * SIGTERM on a node holding both sides of a chat, while the customer is
 * sending: the node stops accepting, tells its sockets to reconnect
 * ('io server disconnect'), finishes what it had started and exits 0 within
 * SHUTDOWN_TIMEOUT_MS. The clients reconnect to the other node (the load
 * balancer's job, done here by the test) and carry on; every acknowledged
 * message is stored, and the unacknowledged ones, resent from the outbox,
 * land once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/protocol/errors.js';
import type { ChatEventView } from '../../src/protocol/views.js';
import { agentSync, type Cluster, customerSync, faultServicesAvailable, type OpenChat, openChat, sendAsAgent, sendAsCustomer, startCluster, unhandled } from '../support/faultCluster.js';
import { waitUntil } from '../support/services.js';
import { call, connectAgent, connectCustomer } from '../support/testNode.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;
const COUNT = 16;

describe.runIf(faultServicesAvailable)('SIGTERM drains a node', () => {
  let cluster: Cluster;
  let chat: OpenChat;

  beforeAll(async () => {
    cluster = await startCluster(2, { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
    const [a] = cluster.nodes;
    chat = await openChat(a!, a!);
  }, 360_000);
  afterAll(async () => {
    chat?.customer.socket.disconnect();
    chat?.agent.socket.disconnect();
    await cluster?.stop();
  });

  it('exits 0 within the bound; the clients carry on on the other node and nothing acknowledged is lost', async () => {
    const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
    const reasons: string[] = [];
    const customerGone = new Promise<void>((resolve) => chat.customer.socket.once('disconnect', (reason) => (reasons.push(reason), resolve())));
    const agentGone = new Promise<void>((resolve) => chat.agent.socket.once('disconnect', (reason) => (reasons.push(reason), resolve())));

    // A stream of sends, one every 50 ms (within the per-chat burst of 20), with SIGTERM in the middle of it.
    const acked: string[] = [];
    const unacked: string[] = [];
    const sends: Promise<void>[] = [];
    let killedAt = 0;
    let exitedAt = 0;
    let exit: Promise<number | string> | undefined;
    for (let i = 0; i < COUNT; i++) {
      const id = `s${i}`;
      sends.push(
        sendAsCustomer(chat.customer, id, `message ${id}`).then(
          (r: Result<{ event: ChatEventView }>) => void (r.ok ? acked : unacked).push(id),
          () => void unacked.push(id),
        ),
      );
      if (i === COUNT / 2) {
        killedAt = performance.now();
        exit = a.kill('SIGTERM').then((code) => ((exitedAt = performance.now()), code));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all([customerGone, agentGone]);
    const code = await exit!;
    await Promise.all(sends);
    const shutdownMs = Math.round(exitedAt - killedAt);
    console.warn(`[SIGTERM] node exited ${code} after ${shutdownMs} ms; ${acked.length} sends acknowledged, ${unacked.length} left in the outbox`);
    expect(code).toBe(0);
    expect(shutdownMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2000);
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
    expect(unhandled(a), a.log()).toBe(false);
    // Its customers' "away" writes, started by its own disconnecting of their sockets, finished before
    // it closed the database (none failed on a closed pool).
    expect(a.log()).not.toContain('could not record customer presence');

    // The load balancer sends them to the other node; the pages sync and resend their outbox.
    // The agent first: socket.io-client shares one connection per address, and the extra headers
    // (the agent's cookie) are the connection's; the customer's token is its socket's own.
    const agentSocket = await connectAgent(b, chat.cookie).catch((error: Error) => {
      throw new Error(`agent reconnect to node B: ${error.message}\n${b.log()}`);
    });
    await call(agentSocket, 'console:snapshot', {});
    await chat.agent.replace(agentSocket, agentSync(agentSocket, chat.chatId));
    const customerSocket = await connectCustomer(b, chat.token).catch((error: Error) => {
      throw new Error(`customer reconnect to node B: ${error.message}\n${b.log()}`);
    });
    await chat.customer.replace(customerSocket, customerSync(customerSocket));
    // The outbox, in order; a refusal (e.g. the message rate limit) is retried as the page does.
    for (const id of [...unacked].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)))) {
      await waitUntil(async () => (await sendAsCustomer(chat.customer, id, `message ${id}`)).ok, 20_000, `resending ${id}`);
    }
    expect((await sendAsAgent(chat.agent, chat.chatId, 'after-a', 'agent on node B')).ok).toBe(true);
    await waitUntil(
      () => chat.customer.bodies('agent').includes('agent on node B') && [...acked, ...unacked].every((id) => chat.agent.bodies('customer').includes(`message ${id}`)),
      10_000,
      'both sides carrying on through node B',
    );

    const client = new pg.Client({ connectionString: cluster.pg.url });
    await client.connect();
    const { rows } = await client.query<{ client_msg_id: string; n: number }>(
      "SELECT client_msg_id, count(*)::int AS n FROM chat_events WHERE chat_id = $1 AND client_msg_id LIKE 's%' GROUP BY client_msg_id",
      [chat.chatId],
    );
    await client.end();
    expect(rows.length).toBe(COUNT);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(acked.every((id) => rows.some((r) => r.client_msg_id === id))).toBe(true);
    expect(b.alive()).toBe(true);
  }, 90_000);
});
