/**
 * Nobody stranded: an agent whose console vanishes mid-chat, an agent
 * deactivated mid-chat, and a chat stuck open that an admin ends from the
 * portal. Real nodes over HTTP and Socket.IO, on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newId, newToken } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { AdminQueueDetail, AuditEntryView, OpenChatView } from '../src/protocol/admin.js';
import type { Result } from '../src/protocol/errors.js';
import type { AgentSnapshot } from '../src/protocol/events.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { AgentChatHeader, AgentChatView, ChatEventView, ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, call, connectAgent, connectCustomer, nextEvent, said, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
/** Generous: the sweeper runs every 200 ms and presence lasts 5 s, but CI machines can be slow. */
const EXPIRY_WAIT_MS = 45_000;
/** Events that follow a request at once, on a loaded machine. */
const EVENT_WAIT_MS = 30_000;

type Sync = Result<{ state: ChatStateView; events: ChatEventView[] }>;

describe.each(backends())('stranded chats on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let clientId: string;
  let supportId: string;
  const open: Array<{ disconnect(): unknown }> = [];

  async function addAgent(email: string, name: string): Promise<string> {
    const id = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, 'agent', $5)", [
      id,
      clientId,
      email,
      await hashPassword('demo1234'),
      name,
    ]);
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [supportId, id, clientId]);
    return id;
  }

  async function agentOnline(email: string): Promise<AgentSocket> {
    const socket = await connectAgent(node, await signIn(node, email));
    open.push(socket);
    await call(socket, 'console:snapshot', {});
    const set = await call<Result>(socket, 'status:set', { status: 'available' });
    expect(set.ok).toBe(true);
    return socket;
  }

  /** A customer in conversation with the agent: started, offered, accepted, a message each way. */
  async function chatWith(agent: AgentSocket, say: string): Promise<{ started: StartChatResponse; customer: CustomerSocket }> {
    const offered = nextEvent<OfferView>(agent, 'offer', () => true, EVENT_WAIT_MS);
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    expect((await offered).chatId).toBe(started.chatId);
    expect((await call<Result>(agent, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
    const customer = await connectCustomer(node, started.token);
    open.push(customer);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    expect((await call<Result>(customer, 'message:send', { clientMsgId: `c-${say}`, body: `Customer: ${say}` })).ok).toBe(true);
    expect((await call<Result>(agent, 'message:send', { chatId: started.chatId, clientMsgId: `a-${say}`, body: `Agent: ${say}` })).ok).toBe(true);
    return { started, customer };
  }

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    // Presence lasts 5 s without a heartbeat (renewed every ~1.7 s while connected); the sweeper looks every 200 ms.
    node = await startTestNode(db, { presenceTtlSeconds: 5, sweepIntervalMs: 200 });
    const [support] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    supportId = support!.id;
    clientId = support!.client_id;
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('returns a vanished agent’s chat to the head of the line: the customer is told, the next agent gets the whole transcript', async () => {
    const marcId = await addAgent('marc@demo.example', 'Marc');
    const sophie = await agentOnline('sophie@demo.example');
    const { started, customer } = await chatWith(sophie, 'first');
    const [before] = await db.query<{ queued_at: Date }>('SELECT queued_at FROM chats WHERE id = $1', [started.chatId]);
    // An offline item in Sophie's hands goes back to the pool too.
    const itemId = newId();
    const [sophieRow] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'");
    await db.query(
      "INSERT INTO offline_items (id, client_id, queue_id, kind, email, message, assigned_to) VALUES ($1, $2, $3, 'message', 'bo@example.com', 'Call me', $4)",
      [itemId, clientId, supportId, sophieRow!.id],
    );

    const told = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.system === 'agent_disconnected', EXPIRY_WAIT_MS);
    const backInLine = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'queued', EXPIRY_WAIT_MS);
    sophie.disconnect(); // her browser vanishes: no heartbeat any more
    const notice = await told;
    expect(notice.line).toEqual({ id: 'agent_disconnected', params: { name: 'Sophie' } });
    expect(said(notice)).toBe('Sophie was disconnected — we are connecting you to another agent');
    const waiting = await backInLine;
    expect(waiting.position).toBe(1);
    expect(waiting.agent).toBeNull();

    const [row] = await db.query<{ status: string; agent_id: string | null; queued_at: Date }>('SELECT status, agent_id, queued_at FROM chats WHERE id = $1', [started.chatId]);
    expect(row).toMatchObject({ status: 'queued', agent_id: null });
    expect(new Date(row!.queued_at).getTime()).toBe(new Date(before!.queued_at).getTime()); // kept its place
    const [sophieNow] = await db.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [sophieRow!.id]);
    expect(sophieNow?.status).toBe('offline');
    const [item] = await db.query<{ assigned_to: string | null; offered_to: string | null; status: string }>('SELECT assigned_to, offered_to, status FROM offline_items WHERE id = $1', [itemId]);
    expect(item).toMatchObject({ assigned_to: null, status: 'open' });
    expect(item?.offered_to).not.toBe(sophieRow!.id);

    // While waiting again the customer can still write; nothing is lost.
    expect((await call<Result>(customer, 'message:send', { clientMsgId: 'c-while-waiting', body: 'Customer: still here' })).ok).toBe(true);

    // Marc becomes Available: he is offered the chat, accepts, and reads everything from the start.
    const marc = await connectAgent(node, await signIn(node, 'marc@demo.example'));
    open.push(marc);
    const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === started.chatId, EVENT_WAIT_MS);
    await call(marc, 'status:set', { status: 'available' });
    await offered;
    const joined = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'active', EVENT_WAIT_MS);
    const accepted = await call<Result<{ chat: AgentChatView }>>(marc, 'offer:accept', { chatId: started.chatId });
    expect(accepted.ok).toBe(true);
    expect((await joined).agent?.name).toBe('Marc');
    const synced = await call<Result<{ chat: AgentChatHeader; events: ChatEventView[] }>>(marc, 'chat:sync', { chatId: started.chatId, afterSeq: 0 });
    if (!synced.ok) throw new Error(synced.error.message);
    const bodies = synced.events.map(said);
    for (const expected of ['Customer: first', 'Agent: first', 'Sophie was disconnected — we are connecting you to another agent', 'Customer: still here', 'Marc has joined the chat']) {
      expect(bodies).toContain(expected);
    }
    // The customer's own log has every event once, in order, without gaps.
    const mine = await call<Sync>(customer, 'chat:sync', { afterSeq: 0 });
    if (!mine.ok) throw new Error(mine.error.message);
    expect(mine.events.map((e) => e.seq)).toEqual(mine.events.map((_, i) => i + 1));
    expect(mine.events.filter((e) => e.kind === 'message').map((e) => e.body)).toEqual(['Customer: first', 'Agent: first', 'Customer: still here']);

    // Sophie comes back: her console no longer holds the chat.
    const back = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    open.push(back);
    const snap = await call<Result<{ snapshot: AgentSnapshot }>>(back, 'console:snapshot', {});
    if (!snap.ok) throw new Error(snap.error.message);
    expect(snap.snapshot.chats.map((c) => c.chatId)).not.toContain(started.chatId);
    expect(snap.snapshot.offers.map((o) => o.chatId)).not.toContain(started.chatId);
    expect((await call<Result>(back, 'message:send', { chatId: started.chatId, clientMsgId: 'late', body: 'Hello?' })).ok).toBe(false);

    await call(marc, 'chat:leave', { chatId: started.chatId });
    await db.query("UPDATE offline_items SET status = 'done' WHERE id = $1", [itemId]);
    await db.query('DELETE FROM queue_agents WHERE user_id = $1', [marcId]);
    marc.disconnect();
    back.disconnect();
  });

  it('tells the customer why they are back in line when their agent is deactivated, and keeps the conversation', async () => {
    const leaId = await addAgent('lea@demo.example', 'Léa');
    await db.query("UPDATE users SET status = 'offline' WHERE email <> 'lea@demo.example'");
    const lea = await agentOnline('lea@demo.example');
    const { customer } = await chatWith(lea, 'second');
    const told = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.system === 'agent_removed', EVENT_WAIT_MS);
    const backInLine = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'queued', EVENT_WAIT_MS);
    const admin = await signIn(node, 'admin@demo.example');
    expect((await api(node, 'POST', `/api/admin/people/${leaId}/deactivate`, undefined, admin)).status).toBe(200);
    expect(said(await told)).toBe('Léa is no longer available — we are connecting you to another agent');
    expect((await backInLine).position).toBe(1);
    const mine = await call<Sync>(customer, 'chat:sync', { afterSeq: 0 });
    if (!mine.ok) throw new Error(mine.error.message);
    expect(mine.events.filter((e) => e.kind === 'message').map((e) => e.body)).toEqual(['Customer: second', 'Agent: second']);
    // Nobody else is Available: it ends by the customer's own End Chat, so the queue is free for the next test.
    expect((await call<Result>(customer, 'chat:end', {})).ok).toBe(true);
  });

  it('lets an admin see and end a stuck chat: both sides told, audited, and the queue can then be deleted', async () => {
    const admin = await signIn(node, 'admin@demo.example');
    const created = await api(node, 'POST', '/api/admin/queues', { name: 'Returns' }, admin);
    const queue = created.body as AdminQueueDetail;
    // An orphaned chat: in progress with Sophie, who is long gone, in a queue now closed.
    const [sophie] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'");
    const chatId = newId();
    const token = newToken();
    await db.query(
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, offered_at, accepted_at)
       VALUES ($1, $2, $3, $4, 'active', 'Stuck Stan', '{"fields": [], "values": {}}', $5, now(), now())`,
      [chatId, clientId, queue.id, hashToken(token), sophie!.id],
    );
    await db.query("UPDATE users SET status = 'away', presence_expires_at = now() + interval '1 hour' WHERE id = $1", [sophie!.id]);
    const refused = await api(node, 'DELETE', `/api/admin/queues/${queue.id}`, undefined, admin);
    expect(refused.status).toBe(409);

    const listed = (await api(node, 'GET', '/api/admin/chats', undefined, admin)).body.chats as OpenChatView[];
    const stuck = listed.find((c) => c.chatId === chatId);
    expect(stuck).toMatchObject({ customerName: 'Stuck Stan', queueId: queue.id, queueName: 'Returns', agentName: 'Sophie', status: 'active' });
    expect(Number.isNaN(Date.parse(stuck!.since))).toBe(false);
    expect(Number.isNaN(Date.parse(stuck!.lastActivityAt))).toBe(false);

    // An agent may not; another client's admin finds nothing.
    const agentCookie = await signIn(node, 'sophie@demo.example');
    expect((await api(node, 'GET', '/api/admin/chats', undefined, agentCookie)).status).toBe(403);
    expect((await api(node, 'POST', `/api/admin/chats/${chatId}/end`, undefined, agentCookie)).status).toBe(403);
    await createClient(db, { name: 'Other Co', slug: 'other-co', adminEmail: 'admin@other.example' });
    const other = await signIn(node, 'admin@other.example');
    expect(((await api(node, 'GET', '/api/admin/chats', undefined, other)).body.chats as OpenChatView[]).map((c) => c.chatId)).not.toContain(chatId);
    expect((await api(node, 'POST', `/api/admin/chats/${chatId}/end`, undefined, other)).status).toBe(404);
    expect((await api(node, 'POST', '/api/admin/chats/not-a-uuid/end', undefined, admin)).status).toBe(400);
    const [stillOpen] = await db.query<{ status: string }>('SELECT status FROM chats WHERE id = $1', [chatId]);
    expect(stillOpen?.status).toBe('active');

    // Both sides are connected when the admin ends it.
    const customer = await connectCustomer(node, token);
    open.push(customer);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    const console = await connectAgent(node, agentCookie);
    open.push(console);
    await call(console, 'console:snapshot', {});
    const customerTold = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.system === 'ended_by_admin', EVENT_WAIT_MS);
    const customerEnded = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'ended', EVENT_WAIT_MS);
    const agentTold = nextEvent<ChatEventView>(console, 'chat:event', (e) => e.chatId === chatId && e.system === 'ended_by_admin', EVENT_WAIT_MS);
    const agentEnded = nextEvent<{ chatId: string; status: string }>(console, 'chat:state', (s) => s.chatId === chatId && s.status === 'ended', EVENT_WAIT_MS);
    expect((await api(node, 'POST', `/api/admin/chats/${chatId}/end`, undefined, admin)).status).toBe(204);
    expect(said(await customerTold)).toBe('This chat was ended by an administrator');
    expect((await customerEnded).endedBy).toBe('system');
    expect(said(await agentTold)).toBe('This chat was ended by an administrator');
    await agentEnded;
    // Ending it again changes nothing and adds no second line.
    expect((await api(node, 'POST', `/api/admin/chats/${chatId}/end`, undefined, admin)).status).toBe(204);
    const lines = await db.query("SELECT 1 FROM chat_events WHERE chat_id = $1 AND system_type = 'ended_by_admin'", [chatId]);
    expect(lines).toHaveLength(1);

    const after = (await api(node, 'GET', '/api/admin/chats', undefined, admin)).body.chats as OpenChatView[];
    expect(after.map((c) => c.chatId)).not.toContain(chatId);
    const audit = (await api(node, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[];
    const entry = audit.find((e) => e.action === 'chat.ended');
    expect(entry).toMatchObject({ entityType: 'chat', entityId: chatId, entityName: 'Stuck Stan', actorName: 'Alex Admin' });
    expect(entry?.changes).toEqual([{ path: 'status', from: 'active', to: 'ended' }]);

    expect((await api(node, 'DELETE', `/api/admin/queues/${queue.id}`, undefined, admin)).status).toBe(204);
  });
});
