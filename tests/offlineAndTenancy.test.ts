/**
 * When the queue is closed or nobody is available: leaving a message (mailed
 * over real SMTP, or kept in the outbox) and requesting a callback, listed for
 * the client's agents. Plus: one client never sees another's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { OfflineItemView, PublicQueueView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient, updateQueueConfig } from './support/factories.js';
import { startSmtpServer, waitForMail } from './support/smtp.js';
import { api, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('offline options and tenancy on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    smtp = await startSmtpServer();
    node = await startTestNode(db, { smtpUrl: smtp.url });
    await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: 'admin@other.example', agentEmail: 'max@other.example' });
  });
  afterAll(async () => {
    await node?.close();
    await smtp?.close();
    await db?.close();
    await drop?.();
  });

  it('shows the closed screen with both offline options and the working hours', async () => {
    const view = (await api(node, 'GET', '/api/public/queues/after-hours')).body as PublicQueueView;
    expect(view).toMatchObject({ screen: 'closed', closedReason: 'closed', offline: { leaveMessage: true, callback: true } });
    expect(view.hours?.timeZone).toBe('Europe/Paris');
    expect(view.hours?.lines.find((l) => l.day === 'Monday')?.ranges).toEqual(['09:00–17:00']);
  });

  it('lists the coming holidays and special days on the closed screen, overnight hours marked', async () => {
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    await updateQueueConfig(db, 'after-hours', (c) => ({
      ...c,
      workingHours: {
        ...c.workingHours,
        weekly: [...c.workingHours.weekly, { day: 6, start: '22:00', end: '02:00', overnight: true }],
        exceptions: [
          { date: inDays(10), label: 'Staff day', intervals: [{ start: '10:00', end: '12:00', overnight: false }] },
          { date: inDays(3), label: 'Holiday', intervals: [] },
          { date: inDays(90), label: 'Far away', intervals: [] },
        ],
      },
    }));
    const view = (await api(node, 'GET', '/api/public/queues/after-hours')).body as PublicQueueView;
    expect(view.hours?.exceptions).toEqual([
      expect.objectContaining({ date: inDays(3), label: 'Holiday', ranges: [], times: [] }),
      expect.objectContaining({ date: inDays(10), label: 'Staff day', ranges: ['10:00–12:00'], times: [expect.objectContaining({ start: '10:00', end: '12:00' })] }),
    ]);
    expect(view.hours?.lines.find((l) => l.day === 'Saturday')?.ranges).toEqual(['22:00–02:00 (next day)']);
  });

  it('refuses to start a chat in a closed queue', async () => {
    const { status, body } = await api(node, 'POST', '/api/public/queues/after-hours/chats', { fields: {} });
    expect(status).toBe(409);
    expect(body.error.id).toBe('queue_closed');
  });

  it('stores a left message, mails it over SMTP to the queue address, and lists it for agents', async () => {
    const { status } = await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'ana@example.com', message: 'Please call me about my order.' });
    expect(status).toBe(201);
    // The mail worker sends it after the request (the customer never waits on SMTP).
    const mail = await waitForMail(smtp, (m) => m.replyTo === 'ana@example.com');
    expect(mail.to).toEqual(['afterhours@demo.example']);
    expect(mail.text).toContain('Please call me about my order.');
    await node.mailIdle();
    const [outbox] = await db.query<{ status: string }>("SELECT status FROM outbox WHERE to_address = 'afterhours@demo.example'");
    expect(outbox?.status).toBe('sent');

    const cookie = await signIn(node, 'sophie@demo.example');
    const items = (await api(node, 'GET', '/api/agent/offline-items', undefined, cookie)).body.items as OfflineItemView[];
    expect(items[0]).toMatchObject({ kind: 'message', email: 'ana@example.com', queueName: 'After Hours' });
  });

  it('stores a callback request', async () => {
    const { status } = await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'Ana', phone: '+33 6 12 34 56 78', preferredTime: 'Tomorrow after 2 pm' });
    expect(status).toBe(201);
    const cookie = await signIn(node, 'sophie@demo.example');
    const items = (await api(node, 'GET', '/api/agent/offline-items', undefined, cookie)).body.items as OfflineItemView[];
    expect(items[0]).toMatchObject({ kind: 'callback', name: 'Ana', phone: '+33 6 12 34 56 78', preferredTime: 'Tomorrow after 2 pm' });
  });

  it('refuses bad offline input naming the field, and stores nothing', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offline_items'))[0]?.n;
    const badEmail = await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'nope', message: 'hi' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.fields.email).toMatch(/valid email/);
    const badPhone = await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'A', phone: 'abc', preferredTime: '' });
    expect(Object.keys(badPhone.body.error.fields).sort()).toEqual(['phone', 'preferredTime']);
    const after = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offline_items'))[0]?.n;
    expect(after).toBe(before);
  });

  it('refuses an offline option the queue does not offer', async () => {
    await updateQueueConfig(db, 'other-support', (c) => ({ ...c, open: false }));
    const { status, body } = await api(node, 'POST', '/api/public/queues/other-support/callbacks', { name: 'A', phone: '+1 555 0100', preferredTime: 'now' });
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/callback/);
  });

  it('keeps mail in the outbox when no SMTP server is configured', async () => {
    const quiet = await startTestNode(db, { smtpUrl: undefined, seedDemo: false });
    try {
      await api(quiet, 'POST', '/api/public/queues/support/messages', { email: 'bo@example.com', message: 'Hello' });
      const [row] = await db.query<{ status: string; to_address: string }>("SELECT status, to_address FROM outbox WHERE reply_to = 'bo@example.com'");
      expect(row).toEqual({ status: 'kept', to_address: 'support@demo.example' });
    } finally {
      await quiet.close();
    }
  });

  it("never shows one client's queues or offline items to another client", async () => {
    const otherAdmin = await signIn(node, 'admin@other.example');
    const queues = (await api(node, 'GET', '/api/admin/queues', undefined, otherAdmin)).body.queues as Array<{ slug: string }>;
    expect(queues.map((q) => q.slug)).toEqual(['other-support']);
    const [demoQueue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    const foreign = await api(node, 'GET', `/api/admin/queues/${demoQueue?.id}`, undefined, otherAdmin);
    expect(foreign.status).toBe(404);
    const otherAgent = await signIn(node, 'max@other.example');
    const items = (await api(node, 'GET', '/api/agent/offline-items', undefined, otherAgent)).body.items as OfflineItemView[];
    expect(items).toEqual([]);
  });

  it('lets only admins into the portal API and nobody in without signing in', async () => {
    expect((await api(node, 'GET', '/api/admin/queues')).status).toBe(401);
    const agentCookie = await signIn(node, 'sophie@demo.example');
    expect((await api(node, 'GET', '/api/admin/queues', undefined, agentCookie)).status).toBe(403);
    const wrong = await api(node, 'POST', '/api/auth/login', { email: 'sophie@demo.example', password: 'wrong' });
    expect(wrong.status).toBe(401);
  });

  it('saves General Settings and refuses invalid ones, naming the field', async () => {
    const admin = await signIn(node, 'admin@demo.example');
    const [queue] = (await api(node, 'GET', '/api/admin/queues', undefined, admin)).body.queues as Array<{ id: string; slug: string; chatUrl: string }>;
    expect(queue?.chatUrl).toBe(`${node.url}/chat/${queue?.slug}`);
    const bad = await api(node, 'PATCH', `/api/admin/queues/${queue?.id}/general`, { name: '', open: true, agentDisplay: 'hologram', waitingMessages: [], showEstimatedWait: true }, admin);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['agentDisplay', 'name']);
    const good = await api(
      node,
      'PATCH',
      `/api/admin/queues/${queue?.id}/general`,
      { name: 'After Hours Line', open: false, agentDisplay: 'none', waitingMessages: ['Hang on!'], showEstimatedWait: false },
      admin,
    );
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ name: 'After Hours Line', agentDisplay: 'none', waitingMessages: ['Hang on!'] });
  });
});
