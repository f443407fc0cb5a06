/**
 * Issue 11 rough edge: General Settings is a PATCH. Only the settings sent
 * change, the others keep their values; each sent setting is validated on its
 * own, a refusal names it and changes nothing (queue row and audit log), and a
 * key that is not a setting is refused at its name rather than ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { AdminQueueDetail } from '../src/protocol/admin.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('General Settings changed in part on $name', (backend) => {
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
  const auditCount = async () => (await db.query("SELECT 1 FROM audit_log WHERE action = 'queue.general'")).length;
  /** The detail without what time moves on its own. */
  const settings = (q: AdminQueueDetail) => ({ ...q, openNow: undefined, opensNextAt: undefined });

  it('changes only the setting sent; every other one keeps its value', async () => {
    const before = await detail();
    const saved = await api(node, 'PATCH', `${path}/general`, { maxWaiting: 7 }, admin);
    expect(saved.status).toBe(200);
    expect(settings(saved.body)).toEqual(settings({ ...before, maxWaiting: 7 }));
    expect(settings(await detail())).toEqual(settings({ ...before, maxWaiting: 7 }));

    // Two at once, one of them a nested whole (the widget), and null where null is a value.
    const widget = { ...before.widget, label: 'Ask us' };
    const again = await api(node, 'PATCH', `${path}/general`, { widget, offerTimeoutSeconds: null, name: 'Support desk' }, admin);
    expect(again.status).toBe(200);
    expect(settings(again.body)).toEqual(settings({ ...before, maxWaiting: 7, widget, offerTimeoutSeconds: null, name: 'Support desk' }));
    const [audit] = await db.query<{ changes: unknown }>("SELECT diff AS changes FROM audit_log WHERE action = 'queue.general' ORDER BY at DESC LIMIT 1");
    expect(JSON.stringify(audit!.changes)).toContain('Ask us');

    // Nothing sent: nothing changes, nothing is audited.
    const audits = await auditCount();
    const nothing = await api(node, 'PATCH', `${path}/general`, {}, admin);
    expect(nothing.status).toBe(200);
    expect(settings(nothing.body)).toEqual(settings(again.body));
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a bad setting at its name and changes nothing, not even the good ones sent with it', async () => {
    const before = await detail();
    const audits = await auditCount();
    const bad = await api(node, 'PATCH', `${path}/general`, { open: false, maxWaitSeconds: 5 }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ id: 'validation', message: 'At least 30 seconds.', fields: { maxWaitSeconds: 'At least 30 seconds.' } });
    const typed = await api(node, 'PATCH', `${path}/general`, { showEstimatedWait: 'yes', agentDisplay: 'hologram' }, admin);
    expect(typed.status).toBe(400);
    expect(Object.keys(typed.body.error.fields).sort()).toEqual(['agentDisplay', 'showEstimatedWait']);
    // null is not "left out": a setting without a null value is refused.
    const nulled = await api(node, 'PATCH', `${path}/general`, { maxWaiting: null }, admin);
    expect(nulled.status).toBe(400);
    expect(Object.keys(nulled.body.error.fields)).toEqual(['maxWaiting']);
    expect(await detail()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a key that is not a setting, at its name, rather than ignoring it', async () => {
    const before = await detail();
    const typo = await api(node, 'PATCH', `${path}/general`, { opne: false, maxWaiting: 9 }, admin);
    expect(typo.status).toBe(400);
    expect(typo.body.error.fields).toEqual({ opne: 'Not a General Settings field.' });
    const notAnObject = await api(node, 'PATCH', `${path}/general`, ['open'], admin);
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.error.id).toBe('validation');
    expect(await detail()).toEqual(before);
  });
});
