/**
 * Issue 11: two live queues of one client cannot share a name (whatever the
 * case), other clients and deleted queues do not count; working hours that
 * overlap on one day are refused at the interval, with a clear message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('queue names and overlapping hours on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    await createClient(db, { name: 'Other Co', slug: 'other-co-support', adminEmail: 'admin@other.example' });
    admin = await signIn(node, 'admin@demo.example');
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const queueId = async (slug: string) => (await db.query<{ id: string }>('SELECT id FROM queues WHERE slug = $1', [slug]))[0]!.id;
  const general = (name: string) => ({ name, open: true, agentDisplay: 'picture', waitingMessages: ['Hi'], showEstimatedWait: true });

  it('refuses a new queue, a copy or a rename to a name the client already uses, naming the field', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM queues'))[0]!.n;
    const created = await api(node, 'POST', '/api/admin/queues', { name: '  support ' }, admin);
    expect(created.status).toBe(409);
    expect(created.body.error.fields).toEqual({ name: 'Another queue is already called “Support”. Choose another name.' });
    const copy = await api(node, 'POST', `/api/admin/queues/${await queueId('support')}/duplicate`, { name: 'After Hours' }, admin);
    expect(copy.status).toBe(409);
    expect(copy.body.error.fields.name).toContain('“After Hours”');
    const rename = await api(node, 'PATCH', `/api/admin/queues/${await queueId('after-hours')}/general`, general('SUPPORT'), admin);
    expect(rename.status).toBe(409);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM queues'))[0]!.n).toBe(before);
    expect((await db.query<{ name: string }>("SELECT name FROM queues WHERE slug = 'after-hours'"))[0]!.name).toBe('After Hours');
  });

  it('lets a queue keep its own name, another client use the same one, and a deleted queue free it', async () => {
    expect((await api(node, 'PATCH', `/api/admin/queues/${await queueId('support')}/general`, general('support'), admin)).status).toBe(200);
    const other = await signIn(node, 'admin@other.example');
    expect((await api(node, 'POST', '/api/admin/queues', { name: 'Support' }, other)).status).toBe(201);
    const temp = await api(node, 'POST', '/api/admin/queues', { name: 'Temporary' }, admin);
    expect(temp.status).toBe(201);
    expect((await api(node, 'DELETE', `/api/admin/queues/${temp.body.id}`, undefined, admin)).status).toBe(204);
    expect((await api(node, 'POST', '/api/admin/queues', { name: 'Temporary' }, admin)).status).toBe(201);
  });

  it('refuses working hours that overlap on one day at the later interval, and saves ones that only touch', async () => {
    const path = `/api/admin/queues/${await queueId('support')}/working-hours`;
    const hours = (weekly: unknown[]) => ({ workingHours: { enabled: true, timeZone: 'Europe/Paris', weekly, exceptions: [], showOnClosedScreen: true } });
    const overlapping = await api(node, 'PUT', path, hours([{ day: 1, start: '09:00', end: '17:00' }, { day: 1, start: '16:00', end: '20:00' }]), admin);
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.error.fields).toEqual({ 'workingHours.weekly.1.start': 'Overlaps Monday 09:00–17:00. Join the two intervals or change one.' });
    const touching = await api(node, 'PUT', path, hours([{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '12:00', end: '20:00' }]), admin);
    expect(touching.status).toBe(200);
  });
});
