/**
 * Canned replies (src/app/cannedReplies.ts): admins manage them in the portal, each change audited; a
 * shortcut is unique per client; input is refused by field and changes nothing; agents read the ones for
 * every queue and for their own queues; open consoles are told of a change. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { CannedReplyView } from '../src/protocol/staffNotes.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, call, connectAgent, nextEvent, signIn, startTestNode } from './support/testNode.js';

type Body = { error?: { id: string; fields?: Record<string, string> }; reply?: CannedReplyView; replies?: CannedReplyView[] };

describe.each(backends())('canned replies on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let supportId: string;
  let afterHoursId: string;

  const count = async () => ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM canned_replies'))[0]?.n ?? 0);

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    admin = await signIn(node, 'admin@demo.example');
    supportId = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'"))[0]!.id;
    afterHoursId = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug <> 'support' ORDER BY slug LIMIT 1"))[0]!.id;
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('adds, changes and deletes replies, each change in the audit log, and tells open consoles', async () => {
    const sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(sophie, 'console:snapshot', {});
    const told = nextEvent(sophie, 'canned:changed', () => true, 10_000);
    const created = await api(node, 'POST', '/api/admin/canned-replies', { shortcut: '/Refund', body: 'Hello {customerName}, your refund is on its way.' }, admin);
    expect(created.status).toBe(201);
    const reply = (created.body as Body).reply!;
    // The leading "/" is dropped and the shortcut lower-cased: the agent types "/refund".
    expect(reply).toMatchObject({ shortcut: 'refund', queueIds: [], queueNames: [] });
    await told;

    const changed = await api(node, 'PUT', `/api/admin/canned-replies/${reply.id}`, { shortcut: 'refund', body: 'Your refund is on its way.', queueIds: [supportId] }, admin);
    expect(changed.status).toBe(200);
    expect((changed.body as Body).reply).toMatchObject({ body: 'Your refund is on its way.', queueIds: [supportId], queueNames: ['Support'] });

    const audit = await db.query<{ action: string; entity_name: string; diff: Record<string, unknown> }>(
      "SELECT action, entity_name, diff FROM audit_log WHERE entity_type = 'canned_reply' ORDER BY at, action",
    );
    expect(audit.map((a) => a.action)).toEqual(['canned_reply.created', 'canned_reply.updated']);
    expect(audit[0]!.entity_name).toBe('/refund');
    expect(Object.keys(audit[1]!.diff).sort()).toEqual(['body', 'queueIds']);

    expect((await api(node, 'DELETE', `/api/admin/canned-replies/${reply.id}`, undefined, admin)).status).toBe(204);
    expect(await count()).toBe(0);
    const deleted = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'canned_reply' AND action = 'canned_reply.deleted'");
    expect(deleted.length).toBe(1);
    sophie.disconnect();
  });

  it('refuses bad input by field, a shortcut taken (whatever its case), and another client’s queue; nothing changes', async () => {
    const first = await api(node, 'POST', '/api/admin/canned-replies', { shortcut: 'hello', body: 'Hello!' }, admin);
    expect(first.status).toBe(201);
    const before = await count();
    const cases: Array<[unknown, string]> = [
      [{ shortcut: '', body: 'x' }, 'shortcut'],
      [{ shortcut: 'two words', body: 'x' }, 'shortcut'],
      [{ shortcut: 'x'.repeat(33), body: 'x' }, 'shortcut'],
      [{ shortcut: 'ok', body: '   ' }, 'body'],
      [{ shortcut: 'ok', body: 'x'.repeat(2001) }, 'body'],
      [{ shortcut: 'ok', body: 'x', queueIds: ['nope'] }, 'queueIds.0'],
    ];
    for (const [input, field] of cases) {
      const refused = await api(node, 'POST', '/api/admin/canned-replies', input, admin);
      expect(refused.status, JSON.stringify(input)).toBe(400);
      expect((refused.body as Body).error?.fields, JSON.stringify(input)).toHaveProperty([field]);
    }
    const taken = await api(node, 'POST', '/api/admin/canned-replies', { shortcut: 'HELLO', body: 'Again' }, admin);
    expect(taken.status).toBe(409);
    expect((taken.body as Body).error?.fields).toHaveProperty('shortcut');
    const other = await createClient(db, { name: 'Other Co', slug: 'other-canned', adminEmail: 'admin@other-canned.example' });
    const foreign = await api(node, 'POST', '/api/admin/canned-replies', { shortcut: 'foreign', body: 'x', queueIds: [other.queueId] }, admin);
    expect(foreign.status).toBe(400);
    expect((foreign.body as Body).error?.fields).toHaveProperty('queueIds');
    expect(await count()).toBe(before);

    // Another client may use the same shortcut, and sees none of ours.
    const otherAdmin = await signIn(node, 'admin@other-canned.example');
    expect((await api(node, 'POST', '/api/admin/canned-replies', { shortcut: 'hello', body: 'Hi there' }, otherAdmin)).status).toBe(201);
    const theirs = await api(node, 'GET', '/api/admin/canned-replies', undefined, otherAdmin);
    expect((theirs.body as Body).replies!.map((r) => r.body)).toEqual(['Hi there']);
    const ours = (await db.query<{ id: string }>("SELECT id FROM canned_replies WHERE body = 'Hello!'"))[0]!.id;
    expect((await api(node, 'PUT', `/api/admin/canned-replies/${ours}`, { shortcut: 'mine', body: 'x' }, otherAdmin)).status).toBe(404);
    expect((await api(node, 'DELETE', `/api/admin/canned-replies/${ours}`, undefined, otherAdmin)).status).toBe(404);
    // Agents cannot manage them.
    const agent = await signIn(node, 'sophie@demo.example');
    expect((await api(node, 'POST', '/api/admin/canned-replies', { shortcut: 'agent', body: 'x' }, agent)).status).toBe(403);
  });

  it("gives an agent the replies for every queue and for their own queues, not other queues'", async () => {
    await db.query("INSERT INTO canned_replies (id, client_id, shortcut, body, queue_ids) SELECT $1, client_id, 'support-only', 'S', ARRAY[id] FROM queues WHERE id = $2", [newId(), supportId]);
    await db.query("INSERT INTO canned_replies (id, client_id, shortcut, body, queue_ids) SELECT $1, client_id, 'late-only', 'L', ARRAY[id] FROM queues WHERE id = $2", [newId(), afterHoursId]);
    const sophieId = (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'"))[0]!.id;
    await db.query('DELETE FROM queue_agents WHERE user_id = $1 AND queue_id = $2', [sophieId, afterHoursId]);
    const listed = await api(node, 'GET', '/api/agent/canned-replies', undefined, await signIn(node, 'sophie@demo.example'));
    expect(listed.status).toBe(200);
    expect((listed.body as Body).replies!.map((r) => r.shortcut)).toEqual(['hello', 'support-only']);
  });
});
