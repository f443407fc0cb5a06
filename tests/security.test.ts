/**
 * Security over the real HTTP API and Socket.IO gateway: session and CSRF
 * cookies, CSRF and Origin checks, sessions ending on deactivation and
 * password change, sign-in and customer rate limits, socket event limits,
 * security headers, and an admin's export and erasure of a customer's data.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSessionsOf } from '../src/app/auth.js';
import type { CustomerDataExport } from '../src/app/customerPrivacy.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import { AGENT_NAMESPACE } from '../src/protocol/events.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type StartChatResponse } from '../src/protocol/http.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, call, connectAgent, connectCustomer, csrfOf, nextEvent, RELAXED_LIMITS, signIn, startTestNode } from './support/testNode.js';

const form = (email: string) => ({ first_name: 'Ana', last_name: 'Silva', email, inquiry: 'Billing' });

/** A POST as if sent from another client address (the test runs behind the trusted loopback proxy). */
const from = (address: string) => ({ 'x-forwarded-for': address, 'content-type': 'application/json' });

describe.each(backends())('security on $name', (backend) => {
  let node: RunningNode;
  let strict: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    // Two nodes on one database without Redis: neither may route the other's chats from its sweeper
    // (its offer would go to its own sockets only), so the sweep is slowed out of the way.
    node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    // The same database behind a node with tight limits, to see each limit bite.
    strict = await startTestNode(db, {
      seedDemo: false,
      sweepIntervalMs: 60_000,
      rateLimits: {
        ...RELAXED_LIMITS,
        signInFailuresPerAccount: 3,
        signInFailuresPerAddress: 6,
        signInFailureWindowMs: 15 * 60_000,
        chatStartsPerAddressPerMinute: 2,
        offlineItemsPerAddressPer10Minutes: 2,
        messageBurst: 3,
        messagesPerSecond: 0.001,
        typingBurst: 2,
        typingPerSecond: 0.001,
      },
    });
    await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: 'admin@other.example', agentEmail: 'max@other.example' });
  });
  afterAll(async () => {
    await strict?.close();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  describe('sign-in and cookies', () => {
    it('keeps the session in an HttpOnly SameSite cookie and gives the page a CSRF cookie it can read', async () => {
      const response = await fetch(`${node.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'sophie@demo.example', password: 'demo1234' }),
      });
      const cookies = response.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
      const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`)) ?? '';
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
      expect(session).not.toMatch(/Secure/i);
      expect(csrf).not.toMatch(/HttpOnly/i);
      expect(csrf).toMatch(/SameSite=Strict/i);
    });

    it('marks both cookies Secure behind a TLS-terminating proxy', async () => {
      const response = await fetch(`${node.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'sophie@demo.example', password: 'demo1234' }),
      });
      for (const cookie of response.headers.getSetCookie()) expect(cookie).toMatch(/; Secure/i);
    });

    it('signs out: the session no longer works and both cookies are cleared', async () => {
      const cookie = await signIn(node, 'sophie@demo.example');
      const out = await api(node, 'POST', '/api/auth/logout', undefined, cookie);
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie().join(' ')).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
      expect((await api(node, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
    });

    it('gives a session from before the CSRF cookie existed its cookie on the next /me', async () => {
      const cookie = await signIn(node, 'sophie@demo.example');
      const sessionOnly = cookie.split('; ').find((c) => c.startsWith(SESSION_COOKIE))!;
      const me = await api(node, 'GET', '/api/auth/me', undefined, sessionOnly);
      expect(me.status).toBe(200);
      expect(me.headers.getSetCookie().join(' ')).toContain(`${CSRF_COOKIE}=${csrfOf(cookie)}`);
    });
  });

  describe('CSRF and Origin', () => {
    it('refuses a state-changing request with the session cookie but without the CSRF header', async () => {
      const cookie = await signIn(node, 'sophie@demo.example');
      const response = await fetch(`${node.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { id: string; message: string } }).error).toEqual({
        id: 'forbidden',
        message: 'Your page is out of date. Reload it and try again.',
      });
      expect((await api(node, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(200);
    });

    it('refuses a CSRF header that does not belong to the session (a planted cookie cannot match)', async () => {
      const cookie = await signIn(node, 'sophie@demo.example');
      const other = await signIn(node, 'admin@demo.example');
      const response = await fetch(`${node.url}/api/auth/logout`, { method: 'POST', headers: { cookie, [CSRF_HEADER]: csrfOf(other)! } });
      expect(response.status).toBe(403);
    });

    it('refuses a request from a page of another site, even to sign in', async () => {
      const cookie = await signIn(node, 'sophie@demo.example');
      const logout = await fetch(`${node.url}/api/auth/logout`, { method: 'POST', headers: { cookie, [CSRF_HEADER]: csrfOf(cookie)!, origin: 'https://evil.example' } });
      expect(logout.status).toBe(403);
      const login = await fetch(`${node.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ email: 'sophie@demo.example', password: 'demo1234' }),
      });
      expect(login.status).toBe(403);
      const sameSite = await fetch(`${node.url}/api/auth/logout`, { method: 'POST', headers: { cookie, [CSRF_HEADER]: csrfOf(cookie)!, origin: node.url } });
      expect(sameSite.status).toBe(204);
    });

    it('lets customers (no cookie) use the public routes without any token', async () => {
      const response = await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'Ana', phone: '+33 6 12 34 56 78', preferredTime: 'now' });
      expect(response.status).toBe(201);
    });

    it('refuses a console connection opened by a page of another site (cross-site WebSocket hijacking)', async () => {
      const cookie = await signIn(node, 'sophie@demo.example');
      const error = await new Promise<Error>((resolve, reject) => {
        const socket = io(`${node.url}${AGENT_NAMESPACE}`, { extraHeaders: { cookie, origin: 'https://evil.example' }, transports: ['websocket'], reconnection: false });
        socket.once('connect', () => reject(new Error('connected')));
        socket.once('connect_error', (e) => {
          socket.close();
          resolve(e);
        });
      });
      expect(error.message).toBe('forbidden_origin');
      const ours = io(`${node.url}${AGENT_NAMESPACE}`, { extraHeaders: { cookie, origin: node.url }, transports: ['websocket'], reconnection: false });
      await nextEvent(ours, 'connect');
      ours.close();
    });
  });

  describe('sessions end', () => {
    it('when the person is deactivated, closing their open console too', async () => {
      const [max] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'max@other.example'");
      const cookie = await signIn(node, 'max@other.example');
      const socket = await connectAgent(node, cookie);
      const closed = nextEvent<string>(socket, 'disconnect');
      await db.query('UPDATE users SET active = false WHERE id = $1', [max!.id]);
      await endSessionsOf(node.deps, max!.id);
      expect(await closed).toBe('io server disconnect');
      expect((await api(node, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
      expect((await api(node, 'POST', '/api/auth/login', { email: 'max@other.example', password: 'demo1234' })).status).toBe(401);
      await db.query('UPDATE users SET active = true WHERE id = $1', [max!.id]);
      // Reactivated: a new sign-in works, the old session stays dead.
      await signIn(node, 'max@other.example');
      expect((await api(node, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
    });

    it('when the password changes, whoever changed it (the users trigger ends them in the same transaction)', async () => {
      const cookie = await signIn(node, 'max@other.example');
      const [row] = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE email = 'max@other.example'");
      await db.query("UPDATE users SET password_hash = $1 || '' WHERE email = 'max@other.example'", [row!.password_hash.replace(/=$/, '')]);
      expect((await api(node, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
      await db.query("UPDATE users SET password_hash = $1 WHERE email = 'max@other.example'", [row!.password_hash]);
    });

    it('refuses a session older than the last password change', async () => {
      const cookie = await signIn(node, 'max@other.example');
      await db.query("UPDATE users SET password_changed_at = now() + interval '1 second' WHERE email = 'max@other.example'");
      expect((await api(node, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
      await db.query("UPDATE users SET password_changed_at = NULL WHERE email = 'max@other.example'");
    });
  });

  describe('rate limits', () => {
    const login = (address: string, email: string, password: string) =>
      fetch(`${strict.url}/api/auth/login`, { method: 'POST', headers: from(address), body: JSON.stringify({ email, password }) });

    it('refuses sign-in to an account after repeated failures, even with the right password, answering exactly as a wrong password does', async () => {
      const answers = [];
      for (let i = 0; i < 3; i++) {
        const wrong = await login(`10.1.0.${i}`, 'admin@other.example', 'wrong');
        expect(wrong.status).toBe(401);
        answers.push(await wrong.json());
      }
      const refused = await login('10.1.0.99', 'admin@other.example', 'demo1234');
      // Locked out, unknown email and wrong password look the same: none tells a stranger the account exists.
      expect(refused.status).toBe(401);
      const unknown = await login('10.1.0.98', 'nobody-at-all@other.example', 'demo1234');
      expect(unknown.status).toBe(401);
      const expected = {
        error: { id: 'unauthorized', message: 'Wrong email address or password. After 3 failed attempts, sign-in to an account pauses for 15 minutes.' },
      };
      for (const body of [...answers, await refused.json(), await unknown.json()]) expect(body).toEqual(expected);
      // Other accounts are not affected.
      expect((await login('10.1.0.99', 'sophie@demo.example', 'demo1234')).status).toBe(200);
    });

    it('refuses sign-in from an address after repeated failures across accounts', async () => {
      for (let i = 0; i < 6; i++) expect((await login('10.2.0.1', `nobody${i}@example.com`, 'wrong')).status).toBe(401);
      const refused = await login('10.2.0.1', 'sophie@demo.example', 'demo1234');
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/for your address/);
      expect((await login('10.2.0.2', 'sophie@demo.example', 'demo1234')).status).toBe(200);
    });

    it('limits chat creation per address with a message for the customer', async () => {
      // The queue is open but nobody is Available: the answer is 409, which still counts.
      const start = (address: string) =>
        fetch(`${strict.url}/api/public/queues/support/chats`, { method: 'POST', headers: from(address), body: JSON.stringify({ fields: form('a@example.com') }) });
      expect((await start('10.3.0.1')).status).not.toBe(429);
      expect((await start('10.3.0.1')).status).not.toBe(429);
      const refused = await start('10.3.0.1');
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { id: string; message: string } }).error).toEqual({
        id: 'rate_limited',
        message: 'Too many chats were started from your address. Please wait a minute and try again.',
        // The customer page words the wait itself, in the reader's language.
        params: { minutes: 1 },
      });
      expect((await start('10.3.0.2')).status).not.toBe(429);
    });

    it('limits left messages and callback requests per address', async () => {
      const leave = (address: string) =>
        fetch(`${strict.url}/api/public/queues/after-hours/messages`, {
          method: 'POST',
          headers: from(address),
          body: JSON.stringify({ email: 'spam@example.com', message: 'hello' }),
        });
      expect((await leave('10.4.0.1')).status).toBe(201);
      expect((await leave('10.4.0.1')).status).toBe(201);
      const refused = await leave('10.4.0.1');
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as { error: { message: string; params: { minutes: number } } };
      expect(body.error.message).toMatch(/^Too many messages and callback requests were sent from your address\. Please wait 10 minutes/);
      expect(body.error.params).toEqual({ minutes: 10 });
    });

    it('limits socket messages and typing per chat, answering rate_limited, and the chat carries on', async () => {
      const agentSocket = await connectAgent(strict, await signIn(strict, 'sophie@demo.example'));
      await call(agentSocket, 'status:set', { status: 'available' });
      const offered = nextEvent<{ chatId: string }>(agentSocket, 'offer');
      const started = await api(strict, 'POST', '/api/public/queues/support/chats', { fields: form('limits@example.com') });
      expect(started.status).toBe(201);
      const { token, chatId } = started.body as StartChatResponse;
      await offered;
      expect((await call<Result>(agentSocket, 'offer:accept', { chatId })).ok).toBe(true);
      const customer = await connectCustomer(strict, token);
      const send = (n: number) => call<Result>(customer, 'message:send', { clientMsgId: `m${n}`, body: `hello ${n}` });
      const results = [await send(1), await send(2), await send(3), await send(4)];
      expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
      expect(results[3]).toEqual({ ok: false, error: { id: 'rate_limited', message: 'You are sending messages too fast. Please wait a moment.' } });
      // A second tab with the same token shares the chat's bucket.
      const second = await connectCustomer(strict, token);
      expect(await call<Result>(second, 'message:send', { clientMsgId: 'm5', body: 'again' })).toMatchObject({ ok: false, error: { id: 'rate_limited' } });
      const typing = [await call<Result>(customer, 'typing', { typing: true }), await call<Result>(customer, 'typing', { typing: false }), await call<Result>(customer, 'typing', { typing: true })];
      expect(typing.map((r) => r.ok)).toEqual([true, true, false]);
      // The agent's own bucket is separate.
      expect((await call<Result>(agentSocket, 'message:send', { chatId, clientMsgId: 'a1', body: 'Hi Ana' })).ok).toBe(true);
      customer.disconnect();
      second.disconnect();
      await call(agentSocket, 'chat:leave', { chatId });
      await call(agentSocket, 'status:set', { status: 'away' });
      agentSocket.disconnect();
    });
  });

  describe('hostile input and headers', () => {
    it('sends security headers and a Content-Security-Policy with every answer', async () => {
      for (const path of ['/chat/support', '/agent', '/admin', '/docs', '/docs/json', '/api/public/queues/support', '/api/nothing-here']) {
        const response = await fetch(`${node.url}${path}`);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'self'");
        expect(csp, path).toContain("script-src 'self'");
        expect(csp, path).toContain("object-src 'none'");
        // A queue's chat page is the website widget's frame: any site may frame it unless the queue names its sites.
        expect(csp, path).toContain(path === '/chat/support' ? 'frame-ancestors *' : "frame-ancestors 'self'");
        // WebSockets to our own host only, not to any host.
        expect(csp.split(';'), path).toContain(`connect-src 'self' ws://${new URL(node.url).host} wss://${new URL(node.url).host}`);
        expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(response.headers.get('x-frame-options'), path).toBe(path === '/chat/support' ? null : 'SAMEORIGIN');
        expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(response.headers.get('x-powered-by'), path).toBeNull();
      }
    });

    it('answers an unknown socket event that asks for an answer, instead of leaving it hanging', async () => {
      const agentSocket = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
      expect(await call<Result>(agentSocket, 'admin:drop-tables', {})).toEqual({ ok: false, error: { id: 'not_found', message: 'Unknown event "admin:drop-tables".' } });
      agentSocket.disconnect();
    });

    it('stores a message with markup as plain text, exactly as sent', async () => {
      const agentSocket = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
      await call(agentSocket, 'status:set', { status: 'available' });
      const offered = nextEvent<{ chatId: string }>(agentSocket, 'offer');
      const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form('markup@example.com') })).body as StartChatResponse;
      await offered;
      await call(agentSocket, 'offer:accept', { chatId: started.chatId });
      const customer = await connectCustomer(node, started.token);
      const body = '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>';
      const sent = await call<Result<{ event: { body: string } }>>(customer, 'message:send', { clientMsgId: 'x1', body });
      expect(sent.ok && sent.event.body).toBe(body);
      customer.disconnect();
      await call(agentSocket, 'chat:leave', { chatId: started.chatId });
      await call(agentSocket, 'status:set', { status: 'away' });
      agentSocket.disconnect();
    });
  });

  describe("a customer's data", () => {
    let chatId: string;

    beforeAll(async () => {
      const agentSocket = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
      await call(agentSocket, 'status:set', { status: 'available' });
      const offered = nextEvent<{ chatId: string }>(agentSocket, 'offer');
      const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form('Erin@Example.com') })).body as StartChatResponse;
      chatId = started.chatId;
      await offered;
      await call(agentSocket, 'offer:accept', { chatId });
      const customer = await connectCustomer(node, started.token);
      await call(customer, 'message:send', { clientMsgId: 'p1', body: 'My card ends 4242' });
      await call(agentSocket, 'message:send', { chatId, clientMsgId: 'p2', body: 'Thanks Erin, checking.' });
      // The customer ends it: the "<name> has left the chat" line carries their name in its parameters.
      await call(customer, 'chat:end', {});
      await call(agentSocket, 'status:set', { status: 'away' });
      customer.disconnect();
      agentSocket.disconnect();
      await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'erin@example.com', message: 'Call me about the refund.' });
      await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'Erin', phone: '+44 20 7946 0000', preferredTime: 'Mornings' });
    });

    it('is exported for an admin of its client: chats with messages, left messages, callbacks and mails', async () => {
      const admin = await signIn(node, 'admin@demo.example');
      const { status, body, headers } = await api(node, 'POST', '/api/admin/privacy/export', { email: 'erin@example.com', phone: '+44 20 7946 0000' }, admin);
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      const data = body as CustomerDataExport;
      expect(data.chats.map((c) => c.chatId)).toEqual([chatId]);
      expect(data.chats[0]?.events.map((e) => e.body)).toContain('My card ends 4242');
      expect(data.chats[0]?.customerData).toContainEqual({ label: 'Email', value: 'Erin@Example.com' });
      expect(data.leftMessages.map((m) => m.message)).toEqual(['Call me about the refund.']);
      expect(data.callbacks.map((c) => c.name)).toEqual(['Erin']);
      expect(data.mails.map((m) => m.replyTo)).toEqual(['erin@example.com']);
    });

    it('is not exported or erased for another client, nor for an agent', async () => {
      const otherAdmin = await signIn(node, 'admin@other.example');
      const foreign = await api(node, 'POST', '/api/admin/privacy/export', { email: 'erin@example.com' }, otherAdmin);
      expect(foreign.body).toMatchObject({ chats: [], leftMessages: [], callbacks: [], mails: [] });
      const erased = await api(node, 'POST', '/api/admin/privacy/erase', { email: 'erin@example.com' }, otherAdmin);
      expect(erased.body).toEqual({ erased: { chats: 0, leftMessages: 0, callbacks: 0, mails: 0, files: 0 } });
      const agent = await signIn(node, 'sophie@demo.example');
      expect((await api(node, 'POST', '/api/admin/privacy/export', { email: 'erin@example.com' }, agent)).status).toBe(403);
      expect((await api(node, 'POST', '/api/admin/privacy/export', { email: 'not an email' }, await signIn(node, 'admin@demo.example'))).status).toBe(400);
    });

    it('is erased on request, and the erasure is in the audit log', async () => {
      const admin = await signIn(node, 'admin@demo.example');
      const { status, body } = await api(node, 'POST', '/api/admin/privacy/erase', { email: 'ERIN@example.com', phone: '+44 20 7946 0000' }, admin);
      expect(status).toBe(200);
      expect(body).toEqual({ erased: { chats: 1, leftMessages: 1, callbacks: 1, mails: 1, files: 0 } });

      const [chat] = await db.query<{ customer_name: string; customer_data: unknown }>('SELECT customer_name, customer_data FROM chats WHERE id = $1', [chatId]);
      expect(chat).toEqual({ customer_name: 'Erased customer', customer_data: { fields: [], values: {} } });
      const events = await db.query<{ body: string; author_name: string; line: unknown }>('SELECT body, author_name, line FROM chat_events WHERE chat_id = $1 ORDER BY seq', [chatId]);
      expect(events.some((e) => JSON.stringify(e.line ?? null).includes('Erased customer'))).toBe(true);
      expect(JSON.stringify(events)).not.toMatch(/Erin|Ana|4242/);
      const again = await api(node, 'POST', '/api/admin/privacy/export', { email: 'erin@example.com', phone: '+44 20 7946 0000' }, admin);
      expect(again.body).toMatchObject({ chats: [], leftMessages: [], callbacks: [], mails: [] });

      const [entry] = await db.query<{ action: string; entity_type: string; entity_name: string; diff: unknown }>(
        "SELECT action, entity_type, entity_name, diff FROM audit_log WHERE action = 'customer.erased' AND actor_name = 'Alex Admin'",
      );
      expect(entry).toEqual({
        action: 'customer.erased',
        entity_type: 'customer',
        entity_name: 'E…@example.com',
        diff: { chats: { from: 1, to: 0 }, leftMessages: { from: 1, to: 0 }, callbacks: { from: 1, to: 0 }, mails: { from: 1, to: 0 }, files: { from: 0, to: 0 } },
      });
    });
  });
});

describe.runIf(process.env.REDIS_URL)('security across nodes through Redis', () => {
  const redisUrl = process.env.REDIS_URL;
  const backend = backends().at(-1)!;
  let nodeA: RunningNode;
  let nodeB: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  // Redis outlives a test run: fresh names and addresses keep earlier runs' counters out of the way.
  const run = Math.random().toString(36).slice(2, 8);
  const email = `agent-${run}@redis.example`;
  const address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    const limits = { ...RELAXED_LIMITS, signInFailuresPerAccount: 2, signInFailureWindowMs: 15 * 60_000 };
    nodeA = await startTestNode(db, { redisUrl, rateLimits: limits });
    nodeB = await startTestNode(db, { redisUrl, rateLimits: limits, seedDemo: false });
    await createClient(db, { name: `Redis ${run}`, slug: `redis-${run}`, adminEmail: `admin-${run}@redis.example`, agentEmail: email });
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await db?.close();
    await drop?.();
  });

  it('counts failed sign-ins on every node together', async () => {
    const login = (node: RunningNode, password: string) =>
      fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: from(address), body: JSON.stringify({ email, password }) });
    expect((await login(nodeA, 'wrong')).status).toBe(401);
    expect((await login(nodeB, 'wrong')).status).toBe(401);
    // Locked on both nodes: the right password gets the wrong-password answer.
    expect((await login(nodeA, 'demo1234')).status).toBe(401);
    expect((await login(nodeB, 'demo1234')).status).toBe(401);
  });

  it("ends a person's sessions and closes their console on another node", async () => {
    const admin = `admin-${run}@redis.example`;
    const [person] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [admin]);
    const socket = await connectAgent(nodeB, await signIn(nodeB, admin));
    const closed = nextEvent<string>(socket, 'disconnect');
    await endSessionsOf(nodeA.deps, person!.id);
    expect(await closed).toBe('io server disconnect');
  });
});
