/**
 * Issue 11 rough edge: customer screens follow changes live. A page at a queue's chat URL that has not
 * started a chat (form, closed, no agents) is told `queue:changed` on /visitor when what the public view
 * says may have changed — an agent becomes Available or goes Away, an admin saves a tab or changes the
 * queue's agents — and only for its own queue; the view says when the working hours next turn; a chat
 * under way gets its state again when the picture policy changes. The page then reads the view
 * (tests of the screens themselves: e2e/liveScreens.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { ChatStateView, PublicQueueView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { agentOnline, conversation } from './support/endedChat.js';
import { api, type AgentSocket, call, connectAgent, connectVisitor, nextEvent, signIn, startTestNode, type VisitorSocket } from './support/testNode.js';

/** Resolves true when the socket hears `queue:changed` within `ms`, false otherwise. */
const hears = (socket: VisitorSocket, ms = 1500) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      socket.off('queue:changed', heard);
      resolve(false);
    }, ms);
    const heard = () => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('queue:changed', heard);
  });

describe.each(backends())('pages before a chat follow their queue on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let supportId: string;
  let support: VisitorSocket;
  let elsewhereView: VisitorSocket;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    admin = await signIn(node, 'admin@demo.example');
    supportId = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'"))[0]!.id;
    support = await connectVisitor(node, 'support');
    // A queue Sophie does not answer.
    const elsewhere = await api(node, 'POST', '/api/admin/queues', { name: 'Elsewhere' }, admin);
    elsewhereView = await connectVisitor(node, elsewhere.body.slug as string);
  });
  afterAll(async () => {
    support?.disconnect();
    elsewhereView?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('refuses a page of a malformed address at the door, and answers an event it sends', async () => {
    for (const slug of ['Not A Slug', '', 'x'.repeat(64)]) {
      expect(await connectVisitor(node, slug).then(() => 'connected', (error: Error) => error.message)).toBe('not_found');
    }
    // A well-formed address of no queue reads nothing at the door; the page's read of the queue says 404.
    const nowhere = await connectVisitor(node, 'no-such-queue');
    nowhere.disconnect();
    expect((await api(node, 'GET', '/api/public/queues/no-such-queue')).status).toBe(404);
    expect(await call<Result>(support, 'queue:changed', {})).toMatchObject({ ok: false, error: { id: 'not_found' } });
  });

  it('tells the queue’s pages when an agent of it becomes Available and goes Away, not another queue’s', async () => {
    const sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    try {
      const told = hears(support);
      const otherTold = hears(elsewhereView);
      expect((await call<Result>(sophie, 'status:set', { status: 'available' })).ok).toBe(true);
      expect(await told).toBe(true);
      expect(await otherTold).toBe(false);
      // What the page reads then: the form, an agent being there.
      expect(((await api(node, 'GET', '/api/public/queues/support')).body as PublicQueueView).screen).toBe('form');
      const away = hears(support);
      expect((await call<Result>(sophie, 'status:set', { status: 'away' })).ok).toBe(true);
      expect(await away).toBe(true);
      expect(((await api(node, 'GET', '/api/public/queues/support')).body as PublicQueueView).closedReason).toBe('no_agents');
    } finally {
      sophie.disconnect();
    }
  });

  it('tells the queue’s pages when an admin adds a field, closes the queue or changes its agents', async () => {
    const form = (await api(node, 'GET', `/api/admin/queues/${supportId}`, undefined, admin)).body.form as { enabled: boolean; fields: unknown[] };
    const fieldAdded = hears(support);
    const fields = [...form.fields, { id: 'order', label: 'Order number', type: 'text', required: true }];
    expect((await api(node, 'PUT', `/api/admin/queues/${supportId}/data-collection`, { dataCollection: { enabled: true, fields } }, admin)).status).toBe(200);
    expect(await fieldAdded).toBe(true);
    const closed = hears(support);
    expect((await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { open: false }, admin)).status).toBe(200);
    expect(await closed).toBe(true);
    expect((await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { open: true }, admin)).status).toBe(200);
    const agents = hears(support);
    expect((await api(node, 'PUT', `/api/admin/queues/${supportId}/agents`, { agentIds: [] }, admin)).status).toBe(200);
    expect(await agents).toBe(true);
  });

  it('tells the pages at a queue’s old address when it moves, and at its address when it is deleted', async () => {
    const moved = hears(support);
    expect((await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { slug: 'help' }, admin)).status).toBe(200);
    expect(await moved).toBe(true);
    const atNew = await connectVisitor(node, 'help');
    const back = hears(atNew);
    const backAtOld = hears(support);
    expect((await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { slug: 'support' }, admin)).status).toBe(200);
    expect([await back, await backAtOld]).toEqual([true, true]);
    atNew.disconnect();
    const gone = await api(node, 'POST', '/api/admin/queues', { name: 'Short Lived' }, admin);
    const page = await connectVisitor(node, gone.body.slug as string);
    const deleted = hears(page);
    expect((await api(node, 'DELETE', `/api/admin/queues/${gone.body.id as string}`, undefined, admin)).status).toBe(204);
    expect(await deleted).toBe(true);
    page.disconnect();
  });

  it('says when the working hours next turn, and nothing while the switch is off', async () => {
    const weekly = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '09:00', end: '17:00' }));
    const hours = { enabled: true, timeZone: 'UTC', weekly, exceptions: [], showOnClosedScreen: false };
    expect((await api(node, 'PUT', `/api/admin/queues/${supportId}/working-hours`, { workingHours: hours }, admin)).status).toBe(200);
    const view = (await api(node, 'GET', '/api/public/queues/support')).body as PublicQueueView;
    const at = new Date(view.hoursChangeAt!);
    expect(at.getTime()).toBeGreaterThan(Date.now());
    expect(at.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect([9, 17]).toContain(at.getUTCHours());
    expect(at.getUTCMinutes()).toBe(0);
    expect((await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { open: false }, admin)).status).toBe(200);
    expect(((await api(node, 'GET', '/api/public/queues/support')).body as PublicQueueView).hoursChangeAt).toBeNull();
  });
});

describe.each(backends())('the agent’s picture in a chat under way on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    sophie = await agentOnline(node, 'sophie@demo.example');
  });
  afterAll(async () => {
    sophie?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('follows the queue’s picture policy at once: default image, no image, the agent’s picture', async () => {
    const { customer } = await conversation(node, sophie, ['Hello', 'Hi Ana']);
    try {
      const admin = await signIn(node, 'admin@demo.example');
      const [queue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
      const policy = async (agentDisplay: string) => {
        const told = nextEvent<ChatStateView>(customer, 'chat:state');
        expect((await api(node, 'PATCH', `/api/admin/queues/${queue!.id}/general`, { agentDisplay }, admin)).status).toBe(200);
        return (await told).agent;
      };
      expect(await policy('default')).toEqual({ name: 'Sophie', pictureUrl: '/static/default-avatar.svg' });
      expect(await policy('none')).toEqual({ name: 'Sophie', pictureUrl: null });
      expect((await policy('picture'))?.pictureUrl).toMatch(/^\/api\/public\/avatars\//);
    } finally {
      customer.disconnect();
    }
  });
});
