/**
 * Issue 11 rough edges in answering offline work: an emailed reply to a left message reads "queued"
 * until the mail worker has sent it, and the consoles are told when it is sent or failed (and queued
 * again when an admin sends it again); a callback nobody answered can carry a time to try again,
 * which keeps it open with that time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { OfflineItemView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { api, type AgentSocket, connectAgent, nextEvent, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('answering offline work on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let smtp: TestSmtpServer;
  let sophie: string;
  let otherConsole: AgentSocket;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    // A slow server, so a reply is still queued when the agent is answered; bounce.example is refused for good.
    smtp = await startSmtpServer({ delayMs: 1000, refuseRecipients: /@bounce\.example$/ });
    node = await startTestNode(db, { smtpUrl: smtp.url, mailPollMs: 100 });
    sophie = await signIn(node, 'sophie@demo.example');
    // Another console of the client, told of every change.
    otherConsole = await connectAgent(node, await signIn(node, 'admin@demo.example'));
  });
  afterAll(async () => {
    otherConsole?.disconnect();
    await node?.close();
    await smtp?.close();
    await db?.close();
    await drop?.();
  });

  const itemOf = async (match: (i: OfflineItemView) => boolean) =>
    ((await api(node, 'GET', '/api/agent/offline-items', undefined, sophie)).body.items as OfflineItemView[]).find(match)!;

  it('says a reply is queued until its mail is sent, and tells the consoles once it is', async () => {
    await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'ana@example.com', message: 'Where is my parcel?' });
    const item = await itemOf((i) => i.message === 'Where is my parcel?');
    expect(item.replyMail).toBeNull();
    const sent = nextEvent<OfflineItemView>(otherConsole, 'offline:updated', (i) => i.id === item.id && i.replyMail === 'sent', 15_000);
    const reply = await api(node, 'POST', `/api/agent/offline-items/${item.id}/reply`, { body: 'It left today.' }, sophie);
    expect(reply.status).toBe(200);
    expect(reply.body.item).toMatchObject({ status: 'done', outcome: 'replied', replyMail: 'queued' });
    expect((await sent).response).toBe('It left today.');
    expect((await itemOf((i) => i.id === item.id)).replyMail).toBe('sent');
    expect(smtp.mails.filter((m) => m.subject === 'Re: your message to After Hours')).toHaveLength(1);
  });

  it('tells the consoles a reply that failed for good, and that it is queued again when an admin sends it again', async () => {
    await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'bob@bounce.example', message: 'Any news?' });
    const item = await itemOf((i) => i.message === 'Any news?');
    const failed = nextEvent<OfflineItemView>(otherConsole, 'offline:updated', (i) => i.id === item.id && i.replyMail === 'failed', 15_000);
    expect((await api(node, 'POST', `/api/agent/offline-items/${item.id}/reply`, { body: 'Not yet.' }, sophie)).status).toBe(200);
    await failed;

    const [mail] = await db.query<{ id: string }>("SELECT id FROM outbox WHERE to_address = 'bob@bounce.example'");
    const queuedAgain = nextEvent<OfflineItemView>(otherConsole, 'offline:updated', (i) => i.id === item.id && i.replyMail === 'queued');
    const failedAgain = nextEvent<OfflineItemView>(otherConsole, 'offline:updated', (i) => i.id === item.id && i.replyMail === 'failed', 15_000);
    expect((await api(node, 'POST', `/api/admin/mail/${mail!.id}/retry`, undefined, await signIn(node, 'admin@demo.example'))).status).toBe(200);
    await queuedAgain;
    await failedAgain;
  });

  it('keeps a callback nobody answered open with the time to try again, and closes one without a time', async () => {
    await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'Ana', phone: '+33 6 12 34 56 78', preferredTime: 'Monday 9am' });
    await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'Bea', phone: '+33 6 98 76 54 32', preferredTime: 'Monday 10am' });
    const ana = await itemOf((i) => i.kind === 'callback' && i.name === 'Ana');
    const bea = await itemOf((i) => i.kind === 'callback' && i.name === 'Bea');

    const retry = await api(node, 'POST', `/api/agent/offline-items/${ana.id}/outcome`, { outcome: 'no_answer', preferredTime: 'Monday 4pm', note: 'Voicemail' }, sophie);
    expect(retry.status).toBe(200);
    expect(retry.body.item).toMatchObject({ status: 'open', outcome: 'no_answer', preferredTime: 'Monday 4pm', response: 'Voicemail', handledBy: 'Sophie' });
    // Still open: it can be reached on the next try.
    const reached = await api(node, 'POST', `/api/agent/offline-items/${ana.id}/outcome`, { outcome: 'reached' }, sophie);
    expect(reached.body.item).toMatchObject({ status: 'done', outcome: 'reached' });

    const closed = await api(node, 'POST', `/api/agent/offline-items/${bea.id}/outcome`, { outcome: 'no_answer', preferredTime: '   ' }, sophie);
    expect(closed.body.item).toMatchObject({ status: 'done', outcome: 'no_answer', preferredTime: 'Monday 10am' });

    const tooLong = await api(node, 'POST', `/api/agent/offline-items/${ana.id}/outcome`, { outcome: 'no_answer', preferredTime: 'x'.repeat(201) }, sophie);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields).toEqual({ preferredTime: 'At most 200 characters.' });
  });
});
