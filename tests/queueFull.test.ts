/**
 * Issue 11 rough edge: the queue-full screen says one true thing. A full line (maxWaiting customers
 * waiting) is neither closed nor unstaffed: the public view says `queue_full` before anyone sends the
 * form, with neither of the queue's closed / no-agents messages, and Send is refused the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { OfferView, PublicQueueView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { agentOnline, FORM } from './support/endedChat.js';
import { api, type AgentSocket, nextEvent, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('a full line on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    const admin = await signIn(node, 'admin@demo.example');
    const [support] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    expect((await api(node, 'PATCH', `/api/admin/queues/${support!.id}/general`, { maxWaiting: 1 }, admin)).status).toBe(200);
    // One seat: the first customer takes it, the second waits in line.
    await db.query("UPDATE users SET capacity = 1 WHERE email = 'sophie@demo.example'");
    sophie = await agentOnline(node, 'sophie@demo.example');
  });
  afterAll(async () => {
    sophie?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const view = async () => (await api(node, 'GET', '/api/public/queues/support')).body as PublicQueueView;

  it('offers the form while the line has room, then says the line is full, and nothing else, once it has none', async () => {
    expect(await view()).toMatchObject({ screen: 'form', closedReason: null });
    // Sophie is offered the first customer; the second waits in line, which fills it.
    const offered = nextEvent<OfferView>(sophie, 'offer');
    expect((await api(node, 'POST', '/api/public/queues/support/chats', { fields: FORM })).status).toBe(201);
    await offered;
    expect((await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...FORM, first_name: 'Bea' } })).status).toBe(201);

    const full = await view();
    expect(full).toMatchObject({ screen: 'closed', closedReason: 'queue_full', closedMessage: '' });
    const refused = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...FORM, first_name: 'Cy' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.id).toBe('queue_full');
  });

  it('says nobody is available, not that the line is full, when nobody is', async () => {
    sophie.disconnect();
    await db.query("UPDATE users SET status = 'away' WHERE email = 'sophie@demo.example'");
    expect(await view()).toMatchObject({ screen: 'closed', closedReason: 'no_agents', closedMessage: 'All our agents are away right now.' });
  });
});
