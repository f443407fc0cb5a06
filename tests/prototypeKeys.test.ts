/**
 * Issue 11 rough edge: a JSON body holding `__proto__` (or `constructor.prototype`) was answered "not
 * valid JSON". Now it is refused with a 400 that names the key at its path, on public and staff routes
 * alike, changing nothing; malformed JSON is still told apart. Either way no prototype is polluted,
 * over HTTP or in a socket event's payload (zod keeps only the keys a schema names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { RunningNode } from '../src/server.js';
import { prototypeKeyPath } from '../src/transport/http/jsonBody.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, signIn, startTestNode } from './support/testNode.js';

const polluted = () => (Object.prototype as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).isAdmin;

describe('prototype keys in a parsed body', () => {
  it('finds __proto__ at any depth and constructor.prototype, with their paths', () => {
    expect(prototypeKeyPath(JSON.parse('{"a": [{"b": {"__proto__": {}}}]}'))).toEqual(['a', '0', 'b', '__proto__']);
    expect(prototypeKeyPath(JSON.parse('{"constructor": {"prototype": {"x": 1}}}'))).toEqual(['constructor', 'prototype']);
    // A "constructor" that is only a word, and "prototype" elsewhere, are ordinary keys.
    expect(prototypeKeyPath({ constructor: 'Ana', prototype: 1, fields: { note: '__proto__' } })).toBeNull();
    expect(prototypeKeyPath(JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`))).toBeNull();
  });
});

describe.each(backends())('JSON bodies with prototype keys on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let supportId: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    admin = await signIn(node, 'admin@demo.example');
    supportId = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'"))[0]!.id;
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const chatCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chats'))[0]!.n;
  const storedQueue = async () => (await db.query('SELECT name, config FROM queues WHERE id = $1', [supportId]))[0];

  it('refuses __proto__ in a customer’s form at its path, starting no chat', async () => {
    const before = await chatCount();
    const body = '{"fields": {"first_name": "Ana", "__proto__": {"polluted": "yes"}}}';
    const refused = await api(node, 'POST', '/api/public/queues/support/chats', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({
      id: 'validation',
      message: 'The key “__proto__” is not allowed.',
      fields: { 'fields.__proto__': 'The key “__proto__” is not allowed.' },
    });
    expect(await chatCount()).toBe(before);
    expect(polluted()).toBeUndefined();
  });

  it('refuses __proto__ and constructor.prototype in an admin’s change, changing nothing', async () => {
    const before = await storedQueue();
    const top = await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, '{"__proto__": {"open": false, "isAdmin": true}}', admin);
    expect(top.status).toBe(400);
    // An own key, as the answer's JSON has it (a `{ __proto__: … }` literal would set a prototype instead).
    expect(top.body.error.fields).toEqual(Object.fromEntries([['__proto__', 'The key “__proto__” is not allowed.']]));
    const nested = await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, '{"name": "Hacked", "widget": {"constructor": {"prototype": {"isAdmin": true}}}}', admin);
    expect(nested.status).toBe(400);
    expect(nested.body.error).toMatchObject({ message: 'The key “constructor.prototype” is not allowed.', fields: { 'widget.constructor.prototype': 'The key “constructor.prototype” is not allowed.' } });
    expect(await storedQueue()).toEqual(before);
    expect(polluted()).toBeUndefined();
  });

  it('still tells malformed and empty JSON apart, in words', async () => {
    const malformed = await api(node, 'POST', '/api/public/queues/support/chats', '{"fields": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toEqual({ id: 'validation', message: 'The body is not valid JSON.' });
    const empty = await fetch(`${node.url}/api/public/queues/support/chats`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toBe('The body is empty: send JSON, or no Content-Type.');
    // Content-Type parameters still select the parser.
    const charset = await fetch(`${node.url}/api/public/queues/support/chats`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"__proto__": 1}' });
    expect(charset.status).toBe(400);
  });

  it('keeps a socket event’s __proto__ key out of every object: the event works, nothing is polluted', async () => {
    const sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    try {
      // An own "__proto__" key, as JSON.parse makes it (an object literal would set the prototype instead).
      const payload = JSON.parse('{"status": "away", "__proto__": {"polluted": "yes", "status": "available"}}') as unknown;
      const result = await call<Result>(sophie, 'status:set', payload);
      expect(result.ok).toBe(true);
      const [row] = await db.query<{ status: string }>("SELECT status FROM users WHERE email = 'sophie@demo.example'");
      expect(row?.status).toBe('away');
      expect(polluted()).toBeUndefined();
    } finally {
      sophie.disconnect();
    }
  });
});
