/**
 * A NUL character (PostgreSQL cannot store one in text) and a lone UTF-16 surrogate (no UTF-8 for
 * it: a jsonb column refuses it) are validation errors naming the field, on public and signed-in
 * routes and on sockets, never an internal error (both found by hostile tries).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, signIn, startTestNode } from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

describe.each(backends())('NUL characters on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await backend.open());
    node = await startTestNode(db);
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('refuses them at the field over HTTP, signed in or not, and stores nothing', async () => {
    const chatsBefore = await db.query('SELECT id FROM chats');
    const start = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...form, first_name: 'A\u0000' } });
    expect(start.status).toBe(400);
    expect(start.body).toMatchObject({ error: { id: 'validation', fields: { first_name: expect.stringContaining('NUL') }, problems: { first_name: { code: 'invalid' } } } });
    expect(await db.query('SELECT id FROM chats')).toHaveLength(chatsBefore.length);
    const left = await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'a@b.co', message: 'hi\u0000there' });
    expect(left.status).toBe(400);
    const login = await api(node, 'POST', '/api/auth/login', { email: 'a\u0000@b.co', password: 'x' });
    expect(login.status).toBe(400);
    const cookie = await signIn(node, 'sophie@demo.example');
    const history = await api(node, 'GET', '/api/agent/history?q=a%00b', undefined, cookie);
    expect(history.status).toBe(400);
  });

  it('refuses a lone surrogate at the field, and takes a whole pair (an emoji)', async () => {
    const chatsBefore = await db.query('SELECT id FROM chats');
    for (const broken of ['Ana\ud800', '\udc00Ana', 'Ana\ud83d\ude00\ud83d']) {
      const start = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...form, first_name: broken } });
      expect(start.status).toBe(400);
      expect(start.body).toMatchObject({ error: { id: 'validation', fields: { first_name: expect.stringContaining('surrogate') }, problems: { first_name: { code: 'invalid' } } } });
    }
    const key = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...form, ['x\ud800']: 'y' } });
    expect(key.status).toBe(400);
    expect(await db.query('SELECT id FROM chats')).toHaveLength(chatsBefore.length);
    const left = await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'a@b.co', message: 'hi\udfffthere' });
    expect(left.status).toBe(400);
    expect(left.body.error.fields).toHaveProperty('message');
    // Closed or staffed, an emoji is a whole character: accepted wherever text is.
    const emoji = await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'a@b.co', message: 'thanks \ud83d\ude00' });
    expect(emoji.status).toBeLessThan(300);
  });

  it('refuses control characters in one-line fields, and in a message all but tabs and line breaks', async () => {
    const chatsBefore = await db.query('SELECT id FROM chats');
    const start = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...form, first_name: 'Ana\u001b[31m', last_name: 'Sil\nva' } });
    expect(start.status).toBe(400);
    expect(start.body.error.problems).toEqual({ first_name: { code: 'invalid' }, last_name: { code: 'invalid' } });
    expect(await db.query('SELECT id FROM chats')).toHaveLength(chatsBefore.length);
    // A right-to-left override in a name reverses what follows it on the agent's screen.
    const override = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...form, first_name: 'Ev\u202eil' } });
    expect(override.status).toBe(400);
    expect(override.body.error.problems).toEqual({ first_name: { code: 'invalid' } });
    const callback = await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'Ana\nBob', phone: '+1 555 0100', preferredTime: 'Mornings' });
    expect(callback.status).toBe(400);
    expect(callback.body.error.problems).toEqual({ name: { code: 'invalid' } });
    const bell = await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'a@b.co', message: 'ring\u0007ring' });
    expect(bell.status).toBe(400);
    expect(bell.body.error.problems).toEqual({ message: { code: 'invalid' } });
    const lines = await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'a@b.co', message: 'Hello,\n\tmy order\r\nis late.' });
    expect(lines.status).toBeLessThan(300);
  });

  it('refuses them in a socket message with validation, and the chat carries on', async () => {
    const sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(sophie, 'console:snapshot', {});
    await call(sophie, 'status:set', { status: 'available' });
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    const customer = await connectCustomer(node, started.token);
    const refused = await call<Result>(customer, 'message:send', { clientMsgId: 'n1', body: 'a\u0000b' });
    expect(refused).toMatchObject({ ok: false, error: { id: 'validation', fields: { body: expect.stringContaining('NUL') } } });
    const lone = await call<Result>(customer, 'message:send', { clientMsgId: 'n3', body: 'a\ud800b' });
    expect(lone).toMatchObject({ ok: false, error: { id: 'validation', fields: { body: expect.stringContaining('surrogate') } } });
    expect((await call<Result>(customer, 'message:send', { clientMsgId: 'n2', body: 'fine' })).ok).toBe(true);
    customer.disconnect();
    sophie.disconnect();
  });
});
