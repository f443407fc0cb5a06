/**
 * The Client Admin Portal's API: queues configured tab by tab with their
 * effect on customers at once, people, profile pictures and the audit log.
 * Refused settings name the field and leave nothing half-saved.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { AdminQueueDetail, AuditEntryView, PersonView, WorkingHoursConfigView } from '../src/protocol/admin.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatStateView, PublicQueueView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient, updateQueueConfig } from './support/factories.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode } from './support/testNode.js';

const hours = (patch: Partial<WorkingHoursConfigView> = {}): WorkingHoursConfigView => ({
  enabled: true,
  timeZone: 'Europe/Paris',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00', overnight: false })),
  exceptions: [],
  showOnClosedScreen: true,
  ...patch,
});

describe.each(backends())('Client Admin Portal on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let queue: AdminQueueDetail;
  const path = () => `/api/admin/queues/${queue.id}`;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: 'admin@other.example', agentEmail: 'max@other.example' });
    admin = await signIn(node, 'admin@demo.example');
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const auditActions = async () => ((await api(node, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[]).map((e) => e.action);

  it('creates a queue, closed, with a unique URL made from its name, and logs it', async () => {
    const created = await api(node, 'POST', '/api/admin/queues', { name: 'Billing Help' }, admin);
    expect(created.status).toBe(201);
    queue = created.body;
    expect(queue).toMatchObject({ name: 'Billing Help', slug: 'billing-help', open: false, chatUrl: `${node.url}/chat/billing-help`, openChats: 0 });
    const again = (await api(node, 'POST', '/api/admin/queues', { name: 'Billing help!' }, admin)).body as AdminQueueDetail;
    expect(again.slug).toBe('billing-help-2');
    const [entry] = (await api(node, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[];
    expect(entry).toMatchObject({ action: 'queue.created', actorName: 'Alex Admin', entityName: 'Billing help!' });
    expect((await api(node, 'POST', '/api/admin/queues', { name: ' ' }, admin)).body.error.fields).toHaveProperty('name');
  });

  it('saves Data Collection fields in order and the customer meets the new form at once', async () => {
    const dataCollection = {
      enabled: true,
      fields: [
        { id: 'name', label: 'Your name', type: 'text', required: true },
        { id: 'topic', label: 'Topic', type: 'select', required: false, options: ['Invoice', 'Refund'] },
        { id: 'details', label: 'Details', type: 'textarea', required: false },
      ],
    };
    const saved = await api(node, 'PUT', `${path()}/data-collection`, { dataCollection }, admin);
    expect(saved.status).toBe(200);
    await api(node, 'PATCH', `${path()}/general`, { name: 'Billing Help', open: true, agentDisplay: 'default', waitingMessages: ['Hi!'], showEstimatedWait: false, maxWaiting: 5, maxWaitSeconds: 120 }, admin);
    const view = (await api(node, 'GET', '/api/public/queues/billing-help')).body as PublicQueueView;
    expect(view.form?.map((f) => f.label)).toEqual(['Your name', 'Topic', 'Details']);
    expect(view).toMatchObject({ waitingMessages: ['Hi!'], showEstimatedWait: false, agentDisplay: 'default', maxWaitSeconds: 120 });
  });

  it('refuses invalid settings at the field and saves nothing of them', async () => {
    const before = (await api(node, 'GET', path(), undefined, admin)).body as AdminQueueDetail;
    const auditBefore = (await auditActions()).length;
    const badHours = await api(
      node,
      'PUT',
      `${path()}/working-hours`,
      {
        workingHours: hours({
          timeZone: 'Mars/Olympus',
          weekly: [
            { day: 1, start: '09:00', end: '17:00', overnight: false },
            { day: 2, start: '17:00', end: '09:00', overnight: false },
            { day: 3, start: '10:00', end: '10:00', overnight: false },
          ],
        }),
      },
      admin,
    );
    expect(badHours.status).toBe(400);
    expect(badHours.body.error.fields).toEqual({
      'workingHours.timeZone': expect.stringMatching(/time zone/),
      'workingHours.weekly.1.end': expect.stringMatching(/before the start/),
      'workingHours.weekly.2.end': expect.stringMatching(/differ/),
    });
    const badSelect = await api(node, 'PUT', `${path()}/data-collection`, { dataCollection: { enabled: true, fields: [{ id: 'x', label: 'X', type: 'select', required: true, options: [] }] } }, admin);
    expect(badSelect.body.error.fields).toEqual({ 'dataCollection.fields.0.options': 'A select field needs at least one option.' });
    const offline = { leaveMessage: { enabled: true, email: 'not-an-address' }, callback: { enabled: false } };
    const badEmail = await api(node, 'PUT', `${path()}/offline`, { offline, closedMessage: 'Closed', noAgentsMessage: 'Away' }, admin);
    expect(badEmail.body.error.fields).toEqual({ 'offline.leaveMessage.email': 'Enter a valid email address.' });
    const noEmail = await api(node, 'PUT', `${path()}/offline`, { offline: { ...offline, leaveMessage: { enabled: true, email: '' } }, closedMessage: '', noAgentsMessage: '' }, admin);
    expect(noEmail.body.error.fields).toEqual({ 'offline.leaveMessage.email': 'Enter the address that receives left messages.' });
    const after = (await api(node, 'GET', path(), undefined, admin)).body as AdminQueueDetail;
    expect(after).toEqual(before);
    expect((await auditActions()).length).toBe(auditBefore);
  });

  it('closes by its working hours: the customer sees the offline options, the hours and when it opens next', async () => {
    const offline = { leaveMessage: { enabled: true, email: 'billing@demo.example' }, callback: { enabled: false } };
    expect((await api(node, 'PUT', `${path()}/offline`, { offline, closedMessage: 'Billing is closed.', noAgentsMessage: 'Nobody here.' }, admin)).status).toBe(200);
    // Only an overnight Sunday interval, and a holiday.
    const saved = await api(node, 'PUT', `${path()}/working-hours`, { workingHours: hours({ weekly: [{ day: 0, start: '22:00', end: '02:00', overnight: true }], exceptions: [{ date: '2030-01-01', label: 'New Year', intervals: [] }] }) }, admin);
    expect(saved.status).toBe(200);
    const detail = saved.body as AdminQueueDetail;
    const view = (await api(node, 'GET', '/api/public/queues/billing-help')).body as PublicQueueView;
    if (!detail.openNow) {
      expect(view).toMatchObject({ screen: 'closed', closedReason: 'closed', closedMessage: 'Billing is closed.', offline: { leaveMessage: true, callback: false } });
      expect(view.hours?.lines.find((l) => l.day === 'Sunday')?.ranges).toEqual(['22:00–02:00 (next day)']);
      expect(view.hours?.opensNextAt).toBe(detail.opensNextAt);
      expect(new Date(view.hours?.opensNextAt ?? 0).getUTCDay()).toBe(0); // 22:00 Paris is 20:00 or 21:00 UTC, still Sunday
    }
    // Always closed vs always open, whatever today is: hours off opens it.
    await api(node, 'PUT', `${path()}/working-hours`, { workingHours: hours({ enabled: false }) }, admin);
    expect(((await api(node, 'GET', path(), undefined, admin)).body as AdminQueueDetail).openNow).toBe(true);
  });

  it('assigns agents, and tells waiting customers at once when the queue is closed', async () => {
    const detail = (await api(node, 'GET', path(), undefined, admin)).body as AdminQueueDetail;
    const sophie = detail.agents.find((a) => a.displayName === 'Sophie');
    expect(sophie?.assigned).toBe(false);
    const assigned = await api(node, 'PUT', `${path()}/agents`, { agentIds: [sophie?.id] }, admin);
    expect((assigned.body as AdminQueueDetail).agents.find((a) => a.id === sophie?.id)?.assigned).toBe(true);
    const [foreign] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'max@other.example'");
    expect((await api(node, 'PUT', `${path()}/agents`, { agentIds: [foreign?.id] }, admin)).status).toBe(400);

    // Sophie is Available but full, so the customer waits.
    await db.query("UPDATE users SET capacity = 1 WHERE email = 'sophie@demo.example'");
    const agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'status:set', { status: 'available' });
    await db.query("UPDATE users SET capacity = 1 WHERE email = 'sophie@demo.example'");
    const blocker = (await api(node, 'POST', '/api/public/queues/billing-help/chats', { fields: { name: 'First' } })).body as StartChatResponse;
    await node.routingIdle();
    const started = (await api(node, 'POST', '/api/public/queues/billing-help/chats', { fields: { name: 'Ana' } })).body as StartChatResponse;
    expect(started.state).toMatchObject({ status: 'queued', queueClosed: false });
    expect(started.state.waitingSince).toBeTruthy();
    const customer = await connectCustomer(node, started.token);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    const told = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.queueClosed);
    const general = { name: 'Billing Help', open: false, agentDisplay: 'default', waitingMessages: ['Hi!'], showEstimatedWait: false };
    expect((await api(node, 'PATCH', `${path()}/general`, general, admin)).status).toBe(200);
    expect((await told).status).toBe('queued');

    // A queue with open chats cannot be deleted, and the error says why.
    const refused = await api(node, 'DELETE', path(), undefined, admin);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/2 open chats/);
    customer.disconnect();
    agent.disconnect();
    for (const token of [started.token, blocker.token]) {
      const socket = await connectCustomer(node, token);
      await call<Result>(socket, 'chat:end', {});
      socket.disconnect();
    }
  });

  it('tells waiting customers when the queue closes by its hours, without any save', async () => {
    await db.query("UPDATE users SET capacity = 1, status = 'offline' WHERE email = 'sophie@demo.example'");
    const agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'status:set', { status: 'available' });
    await api(node, 'PATCH', `${path()}/general`, { name: 'Billing Help', open: true, agentDisplay: 'default', waitingMessages: ['Hi!'], showEstimatedWait: false }, admin);
    // Sophie is busy with her one chat, so Bo waits.
    const first = (await api(node, 'POST', '/api/public/queues/billing-help/chats', { fields: { name: 'First' } })).body as StartChatResponse;
    await node.routingIdle();
    await call(agent, 'offer:accept', { chatId: first.chatId });
    const bo = (await api(node, 'POST', '/api/public/queues/billing-help/chats', { fields: { name: 'Bo' } })).body as StartChatResponse;
    const customer = await connectCustomer(node, bo.token);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    const told = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.queueClosed);
    await new Promise((r) => setTimeout(r, 1500)); // the sweeper has seen the queue open
    // Time passes into a holiday: the same as the hours closing, with no save to announce it.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }).format(new Date());
    await updateQueueConfig(db, 'billing-help', (c) => ({ ...c, workingHours: { ...c.workingHours, enabled: true, timeZone: 'UTC', exceptions: [{ date: today, label: 'Holiday', intervals: [] }] } }));
    expect((await told).status).toBe('queued');
    for (const token of [bo.token, first.token]) {
      const socket = await connectCustomer(node, token);
      await call<Result>(socket, 'chat:end', {});
      socket.disconnect();
    }
    customer.disconnect();
    agent.disconnect();
    await updateQueueConfig(db, 'billing-help', (c) => ({ ...c, workingHours: { ...c.workingHours, enabled: false, exceptions: [] } }));
  });

  it('duplicates a queue with its settings and agents, and deletes it', async () => {
    const copy = await api(node, 'POST', `${path()}/duplicate`, { name: 'Billing Help (copy)' }, admin);
    expect(copy.status).toBe(201);
    const detail = copy.body as AdminQueueDetail;
    expect(detail.slug).toBe('billing-help-copy');
    expect(detail.form.fields.map((f) => f.id)).toEqual(['name', 'topic', 'details']);
    expect(detail.agents.filter((a) => a.assigned).map((a) => a.displayName)).toEqual(['Sophie']);
    // A message a customer left is not deleted with the queue while nobody has handled it.
    expect((await api(node, 'POST', '/api/public/queues/billing-help-copy/messages', { email: 'cy@example.com', message: 'Refund?' })).status).toBe(201);
    const withItem = await api(node, 'DELETE', `/api/admin/queues/${detail.id}`, undefined, admin);
    expect(withItem.status).toBe(409);
    expect(withItem.body.error.message).toMatch(/1 open message/);
    await db.query("UPDATE offline_items SET status = 'done' WHERE queue_id = $1", [detail.id]);
    expect((await api(node, 'DELETE', `/api/admin/queues/${detail.id}`, undefined, admin)).status).toBe(204);
    expect((await api(node, 'GET', '/api/public/queues/billing-help-copy')).status).toBe(404);
    // Deleted, not destroyed: what was handled in the queue is kept, and its address can be used again.
    const [kept] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offline_items WHERE queue_id = $1', [detail.id]);
    expect(kept?.n).toBe(1);
    const listed = (await api(node, 'GET', '/api/admin/queues', undefined, admin)).body.queues as Array<{ slug: string }>;
    expect(listed.map((q) => q.slug)).not.toContain('billing-help-copy');
    const again = await api(node, 'POST', `${path()}/duplicate`, { name: 'Billing Help (copy)' }, admin);
    expect((again.body as AdminQueueDetail).slug).toBe('billing-help-copy');
    expect((await api(node, 'DELETE', `/api/admin/queues/${(again.body as AdminQueueDetail).id}`, undefined, admin)).status).toBe(204);
    const [chatsBefore] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chats WHERE queue_id = $1', [queue.id]);
    expect(chatsBefore?.n).toBeGreaterThan(0);
    expect((await api(node, 'DELETE', path(), undefined, admin)).status).toBe(204);
    // The chats of the deleted queue (their transcripts) are all still there.
    const [chatsAfter] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chats WHERE queue_id = $1', [queue.id]);
    expect(chatsAfter?.n).toBe(chatsBefore?.n);
    expect(await auditActions()).toEqual(expect.arrayContaining(['queue.deleted', 'queue.duplicated', 'queue.agents', 'queue.general', 'queue.working-hours', 'queue.offline', 'queue.data-collection']));
  });

  it('records who changed what in the audit log', async () => {
    const entries = (await api(node, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[];
    const hoursChange = entries.find((e) => e.action === 'queue.working-hours');
    expect(hoursChange?.actorName).toBe('Alex Admin');
    expect(hoursChange?.changes.map((c) => c.path)).toContain('workingHours.enabled');
  });

  describe('people', () => {
    let person: PersonView;

    it('creates an agent who can then sign in, and refuses a taken email at the field', async () => {
      const created = await api(node, 'POST', '/api/admin/people', { email: 'Lea@Demo.example', displayName: 'Léa', role: 'agent', capacity: 2, password: 'first-pass-1' }, admin);
      expect(created.status).toBe(201);
      person = created.body;
      expect(person).toMatchObject({ email: 'lea@demo.example', displayName: 'Léa', role: 'agent', capacity: 2, active: true, pictureUrl: null });
      await signIn(node, 'lea@demo.example', 'first-pass-1');
      const taken = await api(node, 'POST', '/api/admin/people', { email: 'sophie@demo.example', displayName: 'X', role: 'agent', capacity: 1, password: 'whatever-1' }, admin);
      expect(taken.status).toBe(409);
      expect(taken.body.error.fields.email).toBe('This email address cannot be used. Please choose another one.');
      const bad = await api(node, 'POST', '/api/admin/people', { email: 'x', displayName: '', role: 'boss', capacity: 0, password: 'short' }, admin);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(['capacity', 'displayName', 'email', 'password', 'role']);
    });

    it('edits name and capacity, and resets the password', async () => {
      const edited = await api(node, 'PATCH', `/api/admin/people/${person.id}`, { email: 'lea@demo.example', displayName: 'Léa M.', role: 'agent', capacity: 4 }, admin);
      expect(edited.body).toMatchObject({ displayName: 'Léa M.', capacity: 4 });
      expect((await api(node, 'POST', `/api/admin/people/${person.id}/password`, { password: 'second-pass-2' }, admin)).status).toBe(204);
      await expect(signIn(node, 'lea@demo.example', 'first-pass-1')).rejects.toThrow(/401/);
      await signIn(node, 'lea@demo.example', 'second-pass-2');
      const self = await api(node, 'PATCH', `/api/admin/people/${(await meId())}`, { email: 'admin@demo.example', displayName: 'Alex Admin', role: 'agent', capacity: 3 }, admin);
      expect(self.body.error.fields.role).toMatch(/own admin role/);
    });

    async function meId(): Promise<string> {
      return ((await api(node, 'GET', '/api/auth/me', undefined, admin)).body.me as { id: string }).id;
    }

    it('uploads a picture checked by content and resized to a 256×256 avatar', async () => {
      const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#0f766e' } }).png().toBuffer();
      const uploaded = await api(node, 'PUT', `/api/admin/people/${person.id}/picture`, { data: png.toString('base64') }, admin);
      expect(uploaded.status).toBe(200);
      const url = (uploaded.body as PersonView).pictureUrl;
      expect(url).toMatch(new RegExp(`^/api/public/avatars/${person.id}\\?v=`));
      const image = await fetch(`${node.url}${url}`);
      expect(image.headers.get('content-type')).toBe('image/webp');
      const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([256, 256]);

      const notAnImage = await api(node, 'PUT', `/api/admin/people/${person.id}/picture`, { data: Buffer.from('<svg onload="alert(1)"/>').toString('base64') }, admin);
      expect(notAnImage.body.error.fields.picture).toMatch(/PNG, JPEG or WebP/);
      const huge = Buffer.concat([png.subarray(0, 16), Buffer.alloc(2 * 1024 * 1024)]);
      const tooBig = await api(node, 'PUT', `/api/admin/people/${person.id}/picture`, { data: huge.toString('base64') }, admin);
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.error.fields.picture ?? tooBig.body.error.fields.data).toMatch(/2 MB/);
      const removed = await api(node, 'DELETE', `/api/admin/people/${person.id}/picture`, undefined, admin);
      expect((removed.body as PersonView).pictureUrl).toBeNull();
    });

    it('deactivates an agent: they cannot sign in and their chat goes back in line, keeping its place', async () => {
      const [support] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
      await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) SELECT $1, id, client_id FROM users WHERE id = $2', [support?.id, person.id]);
      // Léa alone is Available, so the chat is hers.
      await db.query("UPDATE users SET capacity = 3, status = 'offline' WHERE email = 'sophie@demo.example'");
      const leaCookie = await signIn(node, 'lea@demo.example', 'second-pass-2');
      const lea = await connectAgent(node, leaCookie);
      await call(lea, 'status:set', { status: 'available' });
      const fields = { first_name: 'Bo', last_name: 'Lind', email: 'bo@example.com', inquiry: 'Sales' };
      const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields })).body as StartChatResponse;
      await node.routingIdle();
      const [offered] = await db.query<{ status: string; agent_id: string; queued_at: Date }>('SELECT status, agent_id, queued_at FROM chats WHERE id = $1', [started.chatId]);
      expect(offered).toMatchObject({ status: 'offered', agent_id: person.id });
      await call(lea, 'offer:accept', { chatId: started.chatId });

      const customer = await connectCustomer(node, started.token);
      await call(customer, 'chat:sync', { afterSeq: 0 });
      const backInLine = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'queued');
      const deactivated = await api(node, 'POST', `/api/admin/people/${person.id}/deactivate`, undefined, admin);
      expect(deactivated.body).toMatchObject({ active: false, status: 'offline' });
      expect((await backInLine).position).toBe(1);
      const [returned] = await db.query<{ status: string; agent_id: string | null; queued_at: Date }>('SELECT status, agent_id, queued_at FROM chats WHERE id = $1', [started.chatId]);
      expect(returned?.agent_id).toBeNull();
      expect(returned?.status === 'queued' || returned?.status === 'offered').toBe(true); // Sophie may be offered it at once
      expect(new Date(returned?.queued_at ?? 0).getTime()).toBe(new Date(offered?.queued_at ?? 0).getTime());
      await expect(signIn(node, 'lea@demo.example', 'second-pass-2')).rejects.toThrow(/401/);
      expect((await api(node, 'GET', '/api/auth/me', undefined, leaCookie)).status).toBe(401);
      expect((await api(node, 'POST', `/api/admin/people/${await meId()}/deactivate`, undefined, admin)).status).toBe(400);
      customer.disconnect();
      lea.disconnect();
      expect(await auditActions()).toEqual(expect.arrayContaining(['person.created', 'person.updated', 'person.password_reset', 'person.picture_uploaded', 'person.deactivated']));
    });
  });

  it('adds an agent with their queues in one save, changes them from the person, and refuses a queue of another client without saving anything', async () => {
    const [support] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    const [otherQueue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'other-support'");
    const base = { email: 'nora@demo.example', displayName: 'Nora', role: 'agent', capacity: 2, password: 'first-pass-1' };

    const refused = await api(node, 'POST', '/api/admin/people', { ...base, queueIds: [support!.id, otherQueue!.id] }, admin);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty('queueIds');
    expect(await db.query("SELECT 1 FROM users WHERE email = 'nora@demo.example'")).toEqual([]);
    const malformed = await api(node, 'POST', '/api/admin/people', { ...base, queueIds: ['not-a-queue'] }, admin);
    expect(malformed.body.error.fields).toHaveProperty(['queueIds.0']);

    const created = await api(node, 'POST', '/api/admin/people', { ...base, queueIds: [support!.id] }, admin);
    expect(created.status).toBe(201);
    const nora = created.body as PersonView;
    expect(nora).toMatchObject({ queues: ['Support'], queueIds: [support!.id] });
    const [createdEntry] = (await api(node, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[];
    expect(createdEntry).toMatchObject({ action: 'person.created', entityName: 'Nora' });
    expect(JSON.stringify(createdEntry)).toContain('Support');

    // Left out, the queues stay; given, they are the whole list; a role that answers none clears them.
    const renamed = (await api(node, 'PATCH', `/api/admin/people/${nora.id}`, { ...base, password: undefined, displayName: 'Nora B.' }, admin)).body as PersonView;
    expect(renamed.queueIds).toEqual([support!.id]);
    const cleared = (await api(node, 'PATCH', `/api/admin/people/${nora.id}`, { ...base, password: undefined, displayName: 'Nora B.', queueIds: [] }, admin)).body as PersonView;
    expect(cleared.queues).toEqual([]);
    const [updatedEntry] = (await api(node, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[];
    expect(updatedEntry).toMatchObject({ action: 'person.updated' });
    expect(JSON.stringify(updatedEntry)).toContain('queues');
    await api(node, 'PATCH', `/api/admin/people/${nora.id}`, { ...base, password: undefined, queueIds: [support!.id] }, admin);
    const supervisor = (await api(node, 'PATCH', `/api/admin/people/${nora.id}`, { ...base, password: undefined, role: 'supervisor', queueIds: [support!.id] }, admin)).body as PersonView;
    expect(supervisor.queueIds).toEqual([]);
  });

  it("keeps each client's admins to their own queues and people", async () => {
    const other = await signIn(node, 'admin@other.example');
    const [demoQueue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    const [sophie] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'");
    expect((await api(node, 'PUT', `/api/admin/queues/${demoQueue?.id}/working-hours`, { workingHours: hours() }, other)).status).toBe(404);
    expect((await api(node, 'DELETE', `/api/admin/queues/${demoQueue?.id}`, undefined, other)).status).toBe(404);
    expect((await api(node, 'POST', `/api/admin/queues/${demoQueue?.id}/duplicate`, { name: 'Mine' }, other)).status).toBe(404);
    expect((await api(node, 'POST', `/api/admin/people/${sophie?.id}/deactivate`, undefined, other)).status).toBe(404);
    expect((await api(node, 'POST', `/api/admin/people/${sophie?.id}/password`, { password: 'taken-over-1' }, other)).status).toBe(404);
    const people = (await api(node, 'GET', '/api/admin/people', undefined, other)).body.people as PersonView[];
    expect(people.map((p) => p.email).sort()).toEqual(['admin@other.example', 'max@other.example']);
    expect((await api(node, 'GET', '/api/admin/audit', undefined, other)).body.entries).toEqual([]);
    const agent = await signIn(node, 'sophie@demo.example');
    expect((await api(node, 'GET', '/api/admin/people', undefined, agent)).status).toBe(403);
  });
});
