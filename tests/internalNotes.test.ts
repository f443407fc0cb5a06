/**
 * Internal notes (src/app/chatNotes.ts): an agent, a supervisor or an admin writes a staff-only note on a
 * chat. The chat's agent and the watchers get it live; it stays with the chat through a transfer and in
 * the agent's history; the admin's customer-data export carries it apart and erasure deletes it. The
 * customer never receives it by any path: live room, chat:sync, a reconnect, the transcript. Real nodes
 * over HTTP and Socket.IO, on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { AgentSnapshot } from '../src/protocol/events.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { CustomerDataExport } from '../src/protocol/privacy.js';
import type { ChatNoteView } from '../src/protocol/staffNotes.js';
import type { WatchedChat } from '../src/protocol/supervisor.js';
import type { TransferView } from '../src/protocol/transfers.js';
import type { AgentChatView, ChatEventView, ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import {
  api,
  call,
  connectAgent,
  connectCustomer,
  connectSupervisor,
  nextEvent,
  signIn,
  startTestNode,
  type AgentSocket,
  type CustomerSocket,
  type SupervisorSocket,
} from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
const WAIT_MS = 20_000;
/** Every note body carries this, so one search finds any leak to the customer. */
const SECRET = 'STAFFONLY';

type Sync = Result<{ state: ChatStateView; events: ChatEventView[] }>;
type Added = Result<{ note: ChatNoteView }>;

describe.each(backends())('internal notes on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;
  let marc: AgentSocket;
  let sup: SupervisorSocket;
  let marcId: string;
  const open: Array<{ disconnect(): unknown }> = [];

  async function addPerson(email: string, role: string, name: string, queueId?: string): Promise<string> {
    const [support] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    const id = newId();
    await db.query('INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      support!.client_id,
      email,
      await hashPassword('demo1234'),
      role,
      name,
    ]);
    if (queueId) await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queueId, id, support!.client_id]);
    return id;
  }

  async function agentOnline(email: string, status: 'available' | 'away'): Promise<AgentSocket> {
    const socket = await connectAgent(node, await signIn(node, email));
    open.push(socket);
    await call(socket, 'console:snapshot', {});
    expect((await call<Result>(socket, 'status:set', { status })).ok).toBe(true);
    return socket;
  }

  /** Everything the customer's socket receives, as text. */
  function recorder(customer: CustomerSocket): string[] {
    const got: string[] = [];
    customer.onAny((event: string, ...args: unknown[]) => got.push(`${event} ${JSON.stringify(args)}`));
    return got;
  }

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    const [support] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    marcId = await addPerson('marc@demo.example', 'agent', 'Marc', support!.id);
    await addPerson('sue@demo.example', 'supervisor', 'Sue');
    sophie = await agentOnline('sophie@demo.example', 'available');
    marc = await agentOnline('marc@demo.example', 'away');
    sup = await connectSupervisor(node, await signIn(node, 'sue@demo.example'));
    open.push(sup);
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('reaches staff only, travels with a transfer, stays in history and export, and never reaches the customer', async () => {
    const offered = nextEvent<OfferView>(sophie, 'offer', () => true, WAIT_MS);
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    await offered;
    expect((await call<Result>(sophie, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
    const customer = await connectCustomer(node, started.token);
    open.push(customer);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    const customerGot = recorder(customer);
    expect((await call<Result>(customer, 'message:send', { clientMsgId: 'c1', body: 'My order 1042 is late' })).ok).toBe(true);
    expect((await call<Result>(sup, 'chat:watch', { chatId: started.chatId })).ok).toBe(true);

    // The agent's note: acknowledged, pushed to the watchers, stored once per id; bad input changes nothing.
    const toWatcher = nextEvent<ChatNoteView>(sup, 'chat:note', () => true, WAIT_MS);
    const added = await call<Added>(sophie, 'note:add', { chatId: started.chatId, clientMsgId: 'n1', body: `${SECRET} VIP customer, be generous` });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.note).toMatchObject({ chatId: started.chatId, authorName: 'Sophie', authorRole: 'agent', afterSeq: expect.any(Number) as number });
    expect((await toWatcher).id).toBe(added.note.id);
    const again = await call<Added>(sophie, 'note:add', { chatId: started.chatId, clientMsgId: 'n1', body: `${SECRET} VIP customer, be generous` });
    expect(again.ok && again.note.id).toBe(added.note.id);
    const empty = await call<Added>(sophie, 'note:add', { chatId: started.chatId, clientMsgId: 'n2', body: '   ' });
    expect(!empty.ok && empty.error.fields).toHaveProperty('body');
    const tooLong = await call<Added>(sophie, 'note:add', { chatId: started.chatId, clientMsgId: 'n3', body: 'x'.repeat(2001) });
    expect(!tooLong.ok && tooLong.error.fields).toHaveProperty('body');
    // Marc is not on this chat: his console may not write on it.
    const intruder = await call<Added>(marc, 'note:add', { chatId: started.chatId, clientMsgId: 'n4', body: `${SECRET} nosy` });
    expect(intruder.ok ? 'ok' : intruder.error.id).toBe('forbidden');
    expect((await db.query('SELECT 1 FROM chat_notes WHERE chat_id = $1', [started.chatId])).length).toBe(1);

    // A supervisor's note from the live view reaches the agent live.
    const toSophie = nextEvent<ChatNoteView>(sophie, 'chat:note', (n) => n.authorName === 'Sue', WAIT_MS);
    const supNote = await call<Added>(sup, 'note:add', { chatId: started.chatId, clientMsgId: 's1', body: `${SECRET} refund approved up to 20%` });
    expect(supNote.ok && supNote.note.authorRole).toBe('supervisor');
    expect((await toSophie).body).toContain('refund approved');

    // The console's reload carries both; the live view's watch too.
    const snapshot = await call<Result<{ snapshot: AgentSnapshot }>>(sophie, 'console:snapshot', {});
    expect(snapshot.ok && snapshot.snapshot.notes?.map((n) => n.authorName)).toEqual(['Sophie', 'Sue']);
    const watched = await call<Result<WatchedChat>>(sup, 'chat:watch', { chatId: started.chatId });
    expect(watched.ok && watched.notes.length).toBe(2);

    // The customer: nothing live, nothing on sync, nothing after a reconnect.
    await new Promise((r) => setTimeout(r, 300));
    expect(customerGot.filter((line) => line.includes(SECRET))).toEqual([]);
    const sync = await call<Sync>(customer, 'chat:sync', { afterSeq: 0 });
    expect(sync.ok).toBe(true);
    expect(JSON.stringify(sync)).not.toContain(SECRET);
    customer.disconnect();
    const back = await connectCustomer(node, started.token);
    open.push(back);
    const backGot = recorder(back);
    const resync = await call<Sync>(back, 'chat:sync', { afterSeq: 0 });
    expect(resync.ok && resync.events.some((e) => e.body === 'My order 1042 is late')).toBe(true);
    expect(JSON.stringify(resync)).not.toContain(SECRET);

    // Transferred to Marc: the notes come with the chat.
    await call(marc, 'status:set', { status: 'available' });
    const transferOffered = nextEvent<OfferView>(marc, 'offer', (o) => Boolean(o.transferId), WAIT_MS);
    const asked = await call<Result<{ transfer: TransferView }>>(sophie, 'transfer:request', { chatId: started.chatId, to: { kind: 'agent', agentId: marcId }, note: '' });
    if (!asked.ok) throw new Error(asked.error.message);
    await transferOffered;
    const accepted = await call<Result<{ chat: AgentChatView }>>(marc, 'transfer:accept', { transferId: asked.transfer.id });
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(accepted.chat.notes?.map((n) => n.authorName)).toEqual(['Sophie', 'Sue']);
    // Marc's own note, then his reload: all three.
    expect((await call<Added>(marc, 'note:add', { chatId: started.chatId, clientMsgId: 'm1', body: `${SECRET} called the warehouse` })).ok).toBe(true);
    const marcSnapshot = await call<Result<{ snapshot: AgentSnapshot }>>(marc, 'console:snapshot', {});
    expect(marcSnapshot.ok && marcSnapshot.snapshot.notes?.map((n) => n.authorName)).toEqual(['Sophie', 'Sue', 'Marc']);
    // Sophie no longer holds the chat: she may not write on it from her console.
    const late = await call<Added>(sophie, 'note:add', { chatId: started.chatId, clientMsgId: 'n9', body: `${SECRET} late` });
    expect(late.ok ? 'ok' : late.error.id).toBe('forbidden');

    // Ended: Marc's history transcript shows the notes; the customer's last sync still has none.
    const ended = nextEvent<ChatStateView>(back, 'chat:state', (s) => s.status === 'ended', WAIT_MS);
    await call(marc, 'chat:leave', { chatId: started.chatId });
    await ended;
    const marcCookie = await signIn(node, 'marc@demo.example');
    const history = await api(node, 'GET', `/api/agent/history/${started.chatId}`, undefined, marcCookie);
    expect(history.status).toBe(200);
    expect((history.body as { chat: AgentChatView }).chat.notes?.length).toBe(3);
    const finalSync = await call<Sync>(back, 'chat:sync', { afterSeq: 0 });
    expect(JSON.stringify(finalSync)).not.toContain(SECRET);
    await new Promise((r) => setTimeout(r, 300));
    expect(backGot.filter((line) => line.includes(SECRET))).toEqual([]);

    // The admin's export: notes apart from the transcript (events); erasure deletes them.
    const adminCookie = await signIn(node, 'admin@demo.example');
    const exported = await api(node, 'POST', '/api/admin/privacy/export', { email: 'ana@example.com' }, adminCookie);
    const chat = (exported.body as CustomerDataExport).chats.find((c) => c.chatId === started.chatId)!;
    expect(JSON.stringify(chat.events)).not.toContain(SECRET);
    expect(chat.staffNotes.map((n) => n.authorName)).toEqual(['Sophie', 'Sue', 'Marc']);
    expect((await api(node, 'POST', '/api/admin/privacy/erase', { email: 'ana@example.com' }, adminCookie)).status).toBe(200);
    expect((await db.query('SELECT 1 FROM chat_notes WHERE chat_id = $1', [started.chatId])).length).toBe(0);
  });

  it("refuses a note on another client's chat and notes of an unknown chat", async () => {
    const unknown = await call<Added>(sophie, 'note:add', { chatId: newId(), clientMsgId: 'x1', body: 'Hello' });
    expect(unknown.ok ? 'ok' : unknown.error.id).toBe('not_found');
    const bad = await call<Added>(sophie, 'note:add', { chatId: 'not-a-uuid', clientMsgId: 'x2', body: 'Hello' });
    expect(!bad.ok && bad.error.fields).toHaveProperty('chatId');
  });
});
