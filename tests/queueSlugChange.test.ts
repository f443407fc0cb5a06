/**
 * Issue 11 rough edge: a queue's address (the last part of its Reactive Chat URL) can be changed in
 * General Settings. The new one is checked at its field (format, the prefix kept for deleted queues,
 * unique across every client) and audited; the queue answers at the new address and no longer at the
 * old one (the portal warns of that before saving). A refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { AdminQueueDetail } from '../src/protocol/admin.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('changing a queue’s address on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let path: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    await createClient(db, { name: 'Other Co', slug: 'other-help', adminEmail: 'admin@other.example' });
    admin = await signIn(node, 'admin@demo.example');
    const [support] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    path = `/api/admin/queues/${support!.id}`;
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const detail = async () => (await api(node, 'GET', path, undefined, admin)).body as AdminQueueDetail;

  it('refuses a malformed, reserved or taken address at its field, changing nothing', async () => {
    const before = await detail();
    const cases: Array<[unknown, number, string]> = [
      ['Help Desk!', 400, 'Use lowercase letters, digits and hyphens, starting with a letter or digit.'],
      ['-help', 400, 'Use lowercase letters, digits and hyphens, starting with a letter or digit.'],
      ['', 400, 'Enter the address.'],
      ['h'.repeat(64), 400, 'At most 63 characters.'],
      ['deleted-support', 400, 'Addresses starting with “deleted-” are kept for deleted queues.'],
      [42, 400, 'Enter the address.'],
      // Taken by another queue of this client, and by a queue of another client: addresses are global.
      ['after-hours', 409, 'Another queue already has this address. Choose another.'],
      ['other-help', 409, 'Another queue already has this address. Choose another.'],
    ];
    for (const [slug, status, message] of cases) {
      const refused = await api(node, 'PATCH', `${path}/general`, { slug, maxWaiting: 3 }, admin);
      expect({ slug, status: refused.status, fields: refused.body.error.fields }).toEqual({ slug, status, fields: { slug: message } });
    }
    expect(await detail()).toEqual(before);
  });

  it('moves the queue to the new address: the chat URL and snippet follow, the old address answers 404, and the audit log has it', async () => {
    const saved = await api(node, 'PATCH', `${path}/general`, { slug: '  Help-Desk ' }, admin);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ slug: 'help-desk', chatUrl: `${node.url}/chat/help-desk` });
    expect(saved.body.widgetSnippet).toContain('data-queue="help-desk"');
    expect((await api(node, 'GET', '/api/public/queues/help-desk')).status).toBe(200);
    expect((await api(node, 'GET', '/api/public/queues/support')).status).toBe(404);
    const [audit] = await db.query<{ diff: Record<string, unknown> }>("SELECT diff FROM audit_log WHERE action = 'queue.general' ORDER BY at DESC LIMIT 1");
    expect(audit!.diff).toEqual({ slug: { from: 'support', to: 'help-desk' } });
    // Its own address again is no change, and the old one is free to take back.
    expect((await api(node, 'PATCH', `${path}/general`, { slug: 'help-desk' }, admin)).status).toBe(200);
    expect((await api(node, 'PATCH', `${path}/general`, { slug: 'support' }, admin)).body.slug).toBe('support');
  });
});
