/**
 * Webhooks: an admin adds an endpoint; chat and offline-work events reach a
 * real HTTP receiver, signed (HMAC-SHA256 over "<t>.<body>"), with the same
 * delivery id on every attempt; a receiver answering 500 or not listening gets
 * the delivery again with back-off until it takes it; a test ping and a
 * redelivery work from the API; another client sees nothing of them; a deleted
 * endpoint gets nothing more; private addresses are refused unless allowed.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { AuditEntryView } from '../src/protocol/admin.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { WebhookDeliveryView, WebhookView } from '../src/protocol/webhooks.js';
import type { RunningNode } from '../src/server.js';
import { PermanentFailure } from '../src/jobs/leasedJobs.js';
import { isPrivateAddress, sendWebhook } from '../src/webhooks/webhookSender.js';
import { webhookUrl } from '../src/transport/http/webhookRoutes.js';
import { backends } from './support/backends.js';
import { createClient, updateQueueConfig } from './support/factories.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode, type AgentSocket } from './support/testNode.js';

interface Received {
  event: string;
  deliveryId: string;
  signature: string;
  body: string;
  json: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

/** A real HTTP receiver; `failNext` answers 500 to that many requests first. */
class Receiver {
  received: Received[] = [];
  failNext = 0;
  requests = 0;
  private server: http.Server | null = null;
  private waiters: Array<() => void> = [];
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests++;
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end('busy');
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          event: String(req.headers['x-reactive-chat-event']),
          deliveryId: String(req.headers['x-reactive-chat-delivery']),
          signature: String(req.headers['x-reactive-chat-signature']),
          body,
          json: JSON.parse(body),
        });
        res.writeHead(204).end();
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** The first delivery of `event` matching `where`, waiting for it. */
  async next(event: string, where: (r: Received) => boolean = () => true, timeoutMs = 15_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((r) => r.event === event && where(r));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} delivery within ${timeoutMs} ms; got ${this.received.map((r) => r.event).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
}

const validForm = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
const ALL_EVENTS = ['chat.queued', 'chat.started', 'chat.ended', 'chat.abandoned', 'chat.transferred', 'message.left', 'message.replied', 'callback.requested', 'callback.handled'];

function verify(secret: string, r: Received): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature);
  if (!match) return false;
  return createHmac('sha256', secret).update(`${match[1]}.${r.body}`).digest('hex') === match[2];
}

describe('webhook addresses', () => {
  it('knows private, loopback, link-local and mapped addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses http, credentials, localhost and private hosts unless private networks are allowed', () => {
    const strict = webhookUrl(false);
    expect(strict.safeParse('https://hooks.example.com/chat').success).toBe(true);
    for (const bad of ['http://hooks.example.com/chat', 'https://user:pw@hooks.example.com/', 'https://localhost/x', 'https://127.0.0.1/x', 'https://[::1]/x', 'https://169.254.169.254/latest', 'ftp://x.example', 'not a url']) {
      expect(strict.safeParse(bad).success, bad).toBe(false);
    }
    expect(webhookUrl(true).safeParse('http://127.0.0.1:9999/hook').success).toBe(true);
    // Cloud metadata stays out of reach even where private networks are allowed.
    for (const metadata of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/']) expect(webhookUrl(true).safeParse(metadata).success, metadata).toBe(false);
  });

  it('does not connect to a private address when private networks are not allowed, and gives up at once', async () => {
    const receiver = new Receiver();
    await receiver.start();
    try {
      const attempt = sendWebhook(
        { url: `http://127.0.0.1:${receiver.port}/hook`, secret: 's', deliveryId: 'd', event: 'ping', body: '{}' },
        { timeoutMs: 2000, allowPrivateNetworks: false },
      );
      await expect(attempt).rejects.toBeInstanceOf(PermanentFailure);
      expect(receiver.requests).toBe(0);
      // Metadata addresses are refused before any connection even where private networks are allowed.
      const metadata = sendWebhook({ url: 'http://169.254.169.254/latest/meta-data/', secret: 's', deliveryId: 'd', event: 'ping', body: '{}' }, { timeoutMs: 2000, allowPrivateNetworks: true });
      await expect(metadata).rejects.toBeInstanceOf(PermanentFailure);
    } finally {
      await receiver.stop();
    }
  });
});

describe.each(backends())('webhooks on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let otherAdmin: string;
  let agent: AgentSocket;
  const receiver = new Receiver();
  let hook: WebhookView;
  let secret: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    await receiver.start();
    node = await startTestNode(db, {
      webhooks: { timeoutMs: 2000, retry: { baseMs: 50, maxMs: 200, maxAttempts: 6 }, pollMs: 50, allowPrivateNetworks: true },
    });
    await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: 'admin@other.example' });
    admin = await signIn(node, 'admin@demo.example');
    otherAdmin = await signIn(node, 'admin@other.example');
    await updateQueueConfig(db, 'support', (c) => ({ ...c, offline: { leaveMessage: { enabled: true, email: 'support@demo.example' }, callback: { enabled: true } } }));
    agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'console:snapshot', {});
    await call(agent, 'status:set', { status: 'available' });
  });
  afterAll(async () => {
    agent?.disconnect();
    await node?.close();
    await receiver.stop();
    await db?.close();
    await drop?.();
  });

  /** The delivery's log row once `ready` holds of it (or the last one seen, after 10 s). */
  async function deliveryWhen(hookId: string, deliveryId: string, ready: (d: WebhookDeliveryView) => boolean): Promise<WebhookDeliveryView | undefined> {
    const deadline = Date.now() + 10_000;
    let seen: WebhookDeliveryView | undefined;
    while (Date.now() < deadline) {
      const rows = (await api(node, 'GET', `/api/admin/webhooks/${hookId}/deliveries`, undefined, admin)).body.deliveries as WebhookDeliveryView[];
      seen = rows.find((d) => d.id === deliveryId);
      if (seen && ready(seen)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return seen;
  }

  it('refuses a bad webhook naming the field, and stores nothing', async () => {
    const bad = await api(node, 'POST', '/api/admin/webhooks', { url: 'hooks', events: ['chat.exploded'] }, admin);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).some((f) => f.startsWith('events'))).toBe(true);
    expect(bad.body.error.fields.url).toMatch(/full URL/);
    const none = await api(node, 'POST', '/api/admin/webhooks', { url: `http://127.0.0.1:${receiver.port}/hook`, events: [] }, admin);
    expect(none.status).toBe(400);
    expect(none.body.error.fields.events).toMatch(/at least one/);
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhooks');
    expect(count!.n).toBe(0);
    // Agents cannot manage webhooks.
    const sophie = await signIn(node, 'sophie@demo.example');
    expect((await api(node, 'GET', '/api/admin/webhooks', undefined, sophie)).status).toBe(403);
  });

  it('adds a webhook with a secret, audited, and lists it without the secret', async () => {
    const created = await api(node, 'POST', '/api/admin/webhooks', { url: `http://127.0.0.1:${receiver.port}/hook`, description: 'CRM', events: ALL_EVENTS }, admin);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    hook = created.body.webhook;
    secret = created.body.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await api(node, 'GET', '/api/admin/webhooks', undefined, admin);
    expect(list.body.webhooks).toEqual([expect.objectContaining({ id: hook.id, description: 'CRM', active: true, events: ALL_EVENTS })]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const audit = (await api(node, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[];
    expect(audit.some((e) => e.action === 'webhook.created' && e.entityId === hook.id)).toBe(true);
    // Another client's admin sees none of it.
    expect((await api(node, 'GET', '/api/admin/webhooks', undefined, otherAdmin)).body.webhooks).toEqual([]);
    expect((await api(node, 'GET', `/api/admin/webhooks/${hook.id}/deliveries`, undefined, otherAdmin)).status).toBe(404);
    expect((await api(node, 'DELETE', `/api/admin/webhooks/${hook.id}`, undefined, otherAdmin)).status).toBe(404);
  });

  it('tells of a chat queued, started and ended, signed, with the customer and the agent', async () => {
    // Listen first: the offer can reach the agent before the customer's HTTP answer does.
    const offered = nextEvent(agent, 'offer');
    const started = await api(node, 'POST', '/api/public/queues/support/chats', { fields: validForm });
    const chat = started.body as StartChatResponse;
    const queued = await receiver.next('chat.queued', (r) => (r.json.data.chat as { id: string }).id === chat.chatId);
    expect(verify(secret, queued)).toBe(true);
    expect(verify('whsec_wrong', queued)).toBe(false);
    expect(queued.json).toMatchObject({ type: 'chat.queued', data: { chat: { id: chat.chatId, status: 'queued', queue: { slug: 'support' }, agent: null } } });
    expect((queued.json.data.chat as { customer: unknown }).customer).toEqual({
      name: 'Ana Silva',
      answers: expect.arrayContaining([{ label: 'Nature of inquiry', value: 'Billing' }, { label: 'Email', value: 'ana@example.com' }]),
    });
    await offered;
    expect((await call<{ ok: boolean }>(agent, 'offer:accept', { chatId: chat.chatId })).ok).toBe(true);
    const begun = await receiver.next('chat.started', (r) => (r.json.data.chat as { id: string }).id === chat.chatId);
    expect(begun.json.data.chat).toMatchObject({ status: 'active', agent: { name: 'Sophie' } });
    expect(await call<{ ok: boolean }>(agent, 'chat:leave', { chatId: chat.chatId })).toMatchObject({ ok: true });
    const ended = await receiver.next('chat.ended', (r) => (r.json.data.chat as { id: string }).id === chat.chatId);
    expect(ended.json.data.chat).toMatchObject({ status: 'ended', endedBy: 'agent', agent: { name: 'Sophie' } });
    expect(new Set([queued.deliveryId, begun.deliveryId, ended.deliveryId]).size).toBe(3);
  });

  it('tells of a chat abandoned in line, a left message and a callback request', async () => {
    // Sophie is busy elsewhere (Away keeps the queue closed to new chats): one chat takes her only
    // seat first, so the next customer waits in line and gives up.
    const capacity = await db.query<{ capacity: number }>("SELECT capacity FROM users WHERE email = 'sophie@demo.example'");
    await db.query("UPDATE users SET capacity = 1 WHERE email = 'sophie@demo.example'");
    const first = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: validForm })).body as StartChatResponse;
    await receiver.next('chat.queued', (r) => (r.json.data.chat as { id: string }).id === first.chatId);
    const waiting = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: validForm })).body as StartChatResponse;
    const customer = await connectCustomer(node, waiting.token);
    expect(await call<{ ok: boolean }>(customer, 'chat:end', {})).toMatchObject({ ok: true });
    customer.disconnect();
    const abandoned = await receiver.next('chat.abandoned', (r) => (r.json.data.chat as { id: string }).id === waiting.chatId);
    expect(abandoned.json.data.chat).toMatchObject({ status: 'ended', endedBy: 'customer', acceptedAt: null, agent: null });
    await db.query("UPDATE users SET capacity = $1 WHERE email = 'sophie@demo.example'", [capacity[0]!.capacity]);

    await api(node, 'POST', '/api/public/queues/support/messages', { email: 'bo@example.com', message: 'Please write back about my invoice.' });
    await api(node, 'POST', '/api/public/queues/support/callbacks', { name: 'Bo', phone: '+33 6 12 34 56 78', preferredTime: 'Tomorrow 10:00' });
    const left = await receiver.next('message.left');
    expect(left.json.data.item).toMatchObject({ kind: 'message', email: 'bo@example.com', message: 'Please write back about my invoice.', queue: { slug: 'support' } });
    const callback = await receiver.next('callback.requested');
    expect(callback.json.data.item).toMatchObject({ kind: 'callback', name: 'Bo', phone: '+33 6 12 34 56 78', preferredTime: 'Tomorrow 10:00' });
    expect(verify(secret, left) && verify(secret, callback)).toBe(true);
  });

  it('tries a delivery again with back-off while the receiver fails or is down, same delivery id, until it takes it', async () => {
    receiver.failNext = 2;
    const ping = await api(node, 'POST', `/api/admin/webhooks/${hook.id}/test`, {}, admin);
    expect(ping.status).toBe(202);
    const got = await receiver.next('ping', (r) => r.deliveryId === ping.body.deliveryId);
    expect(verify(secret, got)).toBe(true);
    // The worker records the answer just after the receiver gives it: wait for the record.
    const sent = await deliveryWhen(hook.id, ping.body.deliveryId, (d) => d.status === 'sent');
    expect(sent).toMatchObject({ event: 'ping', status: 'sent', attempts: 3, httpStatus: 204 });

    // Down: nothing listens on the port. The delivery waits, then goes out once the receiver is back.
    const port = receiver.port;
    await receiver.stop();
    const second = await api(node, 'POST', `/api/admin/webhooks/${hook.id}/test`, {}, admin);
    const pending = await deliveryWhen(hook.id, second.body.deliveryId, (d) => d.attempts >= 2);
    // Refused, or (a kept-alive connection the stopped receiver closed under a busy machine) hung up.
    expect(pending).toMatchObject({ status: expect.stringMatching(/queued|sending/), lastError: expect.stringMatching(/ECONNREFUSED|socket hang up|ECONNRESET/) });
    await receiver.start(port);
    const late = await receiver.next('ping', (r) => r.deliveryId === second.body.deliveryId);
    expect(late.json.id).toBeTruthy();
  });

  it('sends a delivery again on request, with the same id and body', async () => {
    const first = receiver.received.find((r) => r.event === 'message.left')!;
    const again = await api(node, 'POST', `/api/admin/webhooks/${hook.id}/deliveries/${first.deliveryId}/retry`, {}, admin);
    expect(again.status).toBe(202);
    await receiver.next('message.left', (r) => r !== first && r.deliveryId === first.deliveryId);
    const copies = receiver.received.filter((r) => r.deliveryId === first.deliveryId);
    expect(copies.map((c) => c.body)).toEqual([first.body, first.body]);
  });

  it('sends nothing more to a deleted webhook, nor to other clients’ events', async () => {
    const before = receiver.received.length;
    await api(node, 'POST', '/api/public/queues/other-support/callbacks', { name: 'Cy', phone: '+1 555 0100', preferredTime: 'now' });
    expect((await api(node, 'DELETE', `/api/admin/webhooks/${hook.id}`, undefined, admin)).status).toBe(204);
    await api(node, 'POST', '/api/public/queues/support/messages', { email: 'di@example.com', message: 'After the delete.' });
    const [rows] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_deliveries WHERE payload->'data'->'item'->>'email' = 'di@example.com'");
    expect(rows!.n).toBe(0);
    await node.webhooksIdle();
    expect(receiver.received.slice(before).filter((r) => JSON.stringify(r.json).includes('Cy'))).toEqual([]);
    expect((await api(node, 'GET', '/api/admin/webhooks', undefined, admin)).body.webhooks).toEqual([]);
  });
});
