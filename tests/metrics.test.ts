/**
 * /metrics (issue 10): Prometheus text with connections by namespace,
 * messages, delivery and routing latency histograms, customers waiting per
 * queue, database errors and event-loop lag — and served only to private
 * networks, or to whoever holds METRICS_TOKEN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatEventView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { isPrivateAddress } from '../src/transport/http/metricsRoute.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

async function scrape(node: RunningNode, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${node.url}/metrics`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series, e.g. sample(text, 'reactive_chat_connections', { namespace: 'agent' }); undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe.each(backends())('/metrics on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;
  const open: Array<{ disconnect(): unknown }> = [];

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    // One seat: the second customer has to wait in line.
    await db.query("UPDATE users SET capacity = 1 WHERE email = 'sophie@demo.example'");
    sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    open.push(sophie);
    await call(sophie, 'console:snapshot', {});
    expect((await call<Result>(sophie, 'status:set', { status: 'available' })).ok).toBe(true);
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('answers in the Prometheus text format with the process figures and event-loop lag', async () => {
    const { status, type, text } = await scrape(node);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'reactive_chat_connections', { namespace: 'agent' })).toBe(1);
    expect(sample(text, 'reactive_chat_messages_total', { author: 'customer' })).toBe(0);
    // Load shedding: nothing refused on a quiet node, every send admitted, no statement waiting.
    expect(sample(text, 'reactive_chat_shed_total', { where: 'database' })).toBe(0);
    expect(sample(text, 'reactive_chat_shed_total', { where: 'event_loop' })).toBe(0);
    expect(sample(text, 'reactive_chat_database_work', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'reactive_chat_admitted_share')).toBe(1);
  });

  it('follows a chat: customers waiting, the wait before the offer, connections, messages and their delivery time', async () => {
    const before = (await scrape(node)).text;
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const first = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    expect((await offered).chatId).toBe(first.chatId);
    expect((await call<Result>(sophie, 'offer:accept', { chatId: first.chatId })).ok).toBe(true);
    const second = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;

    let text = (await scrape(node)).text;
    expect(sample(text, 'reactive_chat_waiting_customers', { queue: 'support' })).toBe(1);
    expect(sample(text, 'reactive_chat_routing_wait_seconds_count')).toBe((sample(before, 'reactive_chat_routing_wait_seconds_count') ?? 0) + 1);
    expect(sample(text, 'reactive_chat_routing_pass_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);

    const customer: CustomerSocket = await connectCustomer(node, first.token);
    open.push(customer);
    const delivered = nextEvent<ChatEventView>(sophie, 'chat:event', (e) => e.clientMsgId === 'm1');
    expect((await call<Result>(customer, 'message:send', { clientMsgId: 'm1', body: 'Hello' })).ok).toBe(true);
    await delivered;
    expect((await call<Result>(sophie, 'message:send', { chatId: first.chatId, clientMsgId: 'a1', body: 'Hi Ana' })).ok).toBe(true);

    text = (await scrape(node)).text;
    expect(sample(text, 'reactive_chat_connections', { namespace: 'customer' })).toBe(1);
    expect(sample(text, 'reactive_chat_messages_total', { author: 'customer' })).toBe(1);
    expect(sample(text, 'reactive_chat_messages_total', { author: 'agent' })).toBe(1);
    expect(sample(text, 'reactive_chat_message_delivery_seconds_count', { author: 'customer' })).toBe(1);
    expect(sample(text, 'reactive_chat_message_delivery_seconds_bucket', { author: 'customer', le: '+Inf' })).toBe(1);

    // Her seat frees: the second customer is offered, and nobody waits any more.
    const next = nextEvent<OfferView>(sophie, 'offer');
    expect((await call<Result>(sophie, 'chat:leave', { chatId: first.chatId })).ok).toBe(true);
    expect((await next).chatId).toBe(second.chatId);
    text = (await scrape(node)).text;
    expect(sample(text, 'reactive_chat_waiting_customers', { queue: 'support' })).toBe(0);
    expect(sample(text, 'reactive_chat_routing_wait_seconds_count')).toBe((sample(before, 'reactive_chat_routing_wait_seconds_count') ?? 0) + 2);
    customer.disconnect();
  });

  it('counts failed statements by SQLSTATE', async () => {
    const before = sample((await scrape(node)).text, 'reactive_chat_database_errors_total', { code: '42P01' }) ?? 0;
    await expect(node.deps.db.query('SELECT * FROM no_such_table')).rejects.toThrow();
    expect(sample((await scrape(node)).text, 'reactive_chat_database_errors_total', { code: '42P01' })).toBe(before + 1);
  });

  it('refuses a client address outside private networks (as a trusted proxy reports it)', async () => {
    const refused = await scrape(node, { 'x-forwarded-for': '203.0.113.9' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { id: 'forbidden' } });
    expect(refused.text).not.toContain('reactive_chat_');
    expect((await scrape(node, { 'x-forwarded-for': '10.1.2.3' })).status).toBe(200);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const [backend] = backends();
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  const token = 'scrape-token-0123456789';

  beforeAll(async () => {
    const opened = await backend!.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db, { metricsToken: token });
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('asks every caller for the token, wherever they are, and serves whoever sends it', async () => {
    expect((await scrape(node)).status).toBe(401);
    expect((await scrape(node, { authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await scrape(node, { authorization: token })).status).toBe(401);
    const served = await scrape(node, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
    expect(served.status).toBe(200);
    expect(served.text).toContain('reactive_chat_connections');
  });
});

describe('metrics access rules', () => {
  it('knows private and public addresses, IPv4, IPv6 and IPv4-mapped', () => {
    for (const ip of ['127.0.0.1', '10.0.0.7', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.1.1', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '203.0.113.9', '2001:db8::1', '::ffff:8.8.8.8', 'not an address', ''])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('refuses a METRICS_TOKEN too short to be secret, naming it', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(loadConfig({ METRICS_TOKEN: 'long-enough-token-1' }).metricsToken).toBe('long-enough-token-1');
  });
});
