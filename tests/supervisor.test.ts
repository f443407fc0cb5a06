/**
 * The supervisor live view: the board's figures as queues and agents change,
 * pushed (not polled) and coalesced; who may open it; watching a chat
 * read-only; whispers that reach the agent and never the customer. Real
 * nodes over HTTP and Socket.IO, on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { AgentSnapshot } from '../src/protocol/events.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { BoardView, QueueFigures, WatchedChat, WhisperView } from '../src/protocol/supervisor.js';
import type { ChatEventView, ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
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

describe.each(backends())('supervisor live view on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let clientId: string;
  let supportId: string;
  let sophieId: string;
  let sup: SupervisorSocket;
  let agent: AgentSocket;
  const open: Array<{ disconnect(): unknown }> = [];

  async function addPerson(client: string, email: string, role: string, name: string): Promise<string> {
    const id = newId();
    await db.query('INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      client,
      email,
      await hashPassword('demo1234'),
      role,
      name,
    ]);
    return id;
  }

  async function supervisor(email: string): Promise<SupervisorSocket> {
    const socket = await connectSupervisor(node, await signIn(node, email));
    open.push(socket);
    return socket;
  }

  const support = (board: BoardView): QueueFigures => board.queues.find((q) => q.queueId === supportId)!;
  const sophie = (board: BoardView) => board.agents.find((a) => a.userId === sophieId)!;
  /** The next pushed board that satisfies `match`. */
  const pushed = (match: (board: BoardView) => boolean) => nextEvent<BoardView>(sup, 'board', match, WAIT_MS);

  async function startChat(): Promise<StartChatResponse> {
    const started = await api(node, 'POST', '/api/public/queues/support/chats', { fields: form });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    return started.body as StartChatResponse;
  }

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    const [row] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    supportId = row!.id;
    clientId = row!.client_id;
    sophieId = (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'"))[0]!.id;
    // One seat: a second customer waits while she is Available (a queue with nobody Available takes nobody in).
    await db.query('UPDATE users SET capacity = 1 WHERE id = $1', [sophieId]);
    await addPerson(clientId, 'sue@demo.example', 'supervisor', 'Sue');
    const other = await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: 'admin@other.example', agentEmail: 'max@other.example' });
    await addPerson(other.clientId, 'sam@other.example', 'supervisor', 'Sam');
    sup = await supervisor('sue@demo.example');
    agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    open.push(agent);
    await call(agent, 'console:snapshot', {});
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('refuses agents and anonymous callers at the door; admins and supervisors get their own board', async () => {
    const refused = (connect: Promise<unknown>) => connect.then(() => 'connected', (error: Error) => error.message);
    expect(await refused(connectSupervisor(node, await signIn(node, 'sophie@demo.example')))).toBe('forbidden');
    expect(await refused(connectSupervisor(node, await signIn(node, 'max@other.example')))).toBe('forbidden');
    expect(await refused(connectSupervisor(node, ''))).toBe('unauthorized');

    const admin = await supervisor('admin@demo.example');
    const board = await call<Result<{ board: BoardView }>>(admin, 'board:get', {});
    expect(board.ok && board.board.queues.map((q) => q.name)).toEqual(['After Hours', 'Support']);
    expect(board.ok && board.board.agents.map((a) => a.displayName)).toEqual(['Sophie']);
  });

  it("shows another client's supervisor nothing of this client", async () => {
    const sam = await supervisor('sam@other.example');
    const result = await call<Result<{ board: BoardView }>>(sam, 'board:get', {});
    expect(result.ok).toBe(true);
    const text = JSON.stringify(result);
    for (const marker of [supportId, sophieId, clientId, 'Sophie', 'Support']) expect(text).not.toContain(marker);
    const set = await call<Result>(agent, 'status:set', { status: 'available' });
    expect(set, 'set').toMatchObject({ ok: true });
    const waiting = pushed((b) => support(b).waiting === 1);
    const started = await startChat();
    await waiting;
    const watch = await call<Result>(sam, 'chat:watch', { chatId: started.chatId });
    expect(watch.ok ? 'ok' : watch.error.id).toBe('not_found');
    const whisper = await call<Result>(sam, 'whisper:send', { chatId: started.chatId, clientMsgId: 'w-x', body: 'Psst' });
    expect(whisper.ok ? 'ok' : whisper.error.id).toBe('not_found');
    // Nothing of the demo client is pushed to them either.
    let leaked = false;
    sam.on('board', (board) => (leaked ||= JSON.stringify(board).includes(supportId)));
    const customer = await connectCustomer(node, started.token);
    open.push(customer);
    await call(customer, 'chat:end', {});
    await pushed((b) => support(b).waiting === 0);
    expect(leaked).toBe(false);
    await call(agent, 'status:set', { status: 'away' });
  });

  it('pushes the figures as agents and customers change them', async () => {
    await db.query('DELETE FROM chats WHERE client_id = $1', [clientId]);
    const initial = await call<Result<{ board: BoardView }>>(sup, 'board:get', {});
    expect(initial.ok).toBe(true);
    if (!initial.ok) return;
    expect(support(initial.board)).toMatchObject({ waiting: 0, inProgress: 0, answeredToday: 0, abandonedToday: 0, serviceLevel: null, serviceLevelSeconds: 60 });
    expect(sophie(initial.board).state).toBe('away');

    // Sophie becomes Available: pushed, with the time of the change.
    const available = pushed((b) => sophie(b).state === 'available');
    const before = Date.now();
    expect((await call<Result>(agent, 'status:set', { status: 'available' })).ok).toBe(true);
    const afterAvailable = await available;
    expect(new Date(sophie(afterAvailable).stateSince).getTime()).toBeGreaterThan(before - 5_000);

    // A customer is offered to her, she accepts: in progress, answered in target.
    const offered = nextEvent<OfferView>(agent, 'offer', () => true, WAIT_MS);
    const answeredBoard = pushed((b) => support(b).inProgress === 1 && support(b).waiting === 0);
    const first = await startChat();
    await offered;
    expect((await call<Result>(agent, 'offer:accept', { chatId: first.chatId })).ok).toBe(true);
    const answered = await answeredBoard;
    expect(support(answered)).toMatchObject({ answeredToday: 1, answeredInTargetToday: 1, serviceLevel: 1, abandonment: 0 });
    expect(sophie(answered)).toMatchObject({ inHand: 1, capacity: 1 });
    expect(answered.chats.map((c) => [c.customerName, c.agentName, c.status])).toEqual([['Ana Silva', 'Sophie', 'active']]);

    // Her one seat is taken: a second customer waits, then gives up.
    const waitingBoard = pushed((b) => support(b).waiting === 1);
    const second = await startChat();
    const waiting = await waitingBoard;
    expect(support(waiting).oldestWaitingSince).not.toBeNull();
    expect(waiting.chats.find((c) => c.chatId === second.chatId)?.status).toBe('queued');
    const customer = await connectCustomer(node, second.token);
    open.push(customer);
    const gaveUp = pushed((b) => support(b).abandonedToday === 1);
    await call(customer, 'chat:end', {});
    expect(support(await gaveUp)).toMatchObject({ waiting: 0, oldestWaitingSince: null, answeredToday: 1, abandonedToday: 1, serviceLevel: 0.5, abandonment: 0.5 });

    // A third customer waited two minutes before being answered: outside the 60 s target.
    const third = await startChat();
    await db.query("UPDATE chats SET queued_at = now() - interval '120 seconds' WHERE id = $1", [third.chatId]);
    const offeredThird = nextEvent<OfferView>(agent, 'offer', (o) => o.chatId === third.chatId, WAIT_MS);
    await call(agent, 'chat:leave', { chatId: first.chatId });
    await offeredThird;
    const late = pushed((b) => support(b).answeredToday === 2);
    await call(agent, 'offer:accept', { chatId: third.chatId });
    expect(support(await late)).toMatchObject({ answeredInTargetToday: 1, abandonedToday: 1, inProgress: 1 });

    // A target of 3 minutes counts it in: the setting from General Settings.
    const admin = await signIn(node, 'admin@demo.example');
    const detail = (await api(node, 'GET', `/api/admin/queues/${supportId}`, undefined, admin)).body as { name: string; open: boolean; agentDisplay: string; waitingMessages: string[] };
    const general = { name: detail.name, open: detail.open, agentDisplay: detail.agentDisplay, waitingMessages: detail.waitingMessages, showEstimatedWait: true };
    const refused = await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { ...general, serviceLevelSeconds: 2 }, admin);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty('serviceLevelSeconds');
    const retargeted = pushed((b) => support(b).serviceLevelSeconds === 180);
    const saved = await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { ...general, serviceLevelSeconds: 180 }, admin);
    expect(saved.status).toBe(200);
    expect(saved.body.serviceLevelSeconds).toBe(180);
    expect(support(await retargeted)).toMatchObject({ answeredInTargetToday: 2 });

    // She ends the third chat too: two handled today.
    const handled = pushed((b) => sophie(b).handledToday === 2 && support(b).inProgress === 0);
    await call(agent, 'chat:leave', { chatId: third.chatId });
    expect(sophie(await handled).inHand).toBe(0);

    // Left messages and callback requests waiting, on the closed queue.
    const leftBoard = pushed((b) => b.queues.some((q) => q.name === 'After Hours' && q.messagesWaiting === 1 && q.callbacksWaiting === 1));
    expect((await api(node, 'POST', '/api/public/queues/after-hours/messages', { email: 'ana@example.com', message: 'Hello' })).status).toBe(201);
    expect((await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 'Ana', phone: '+33 6 12 34 56 78', preferredTime: 'Today' })).status).toBe(201);
    const left = await leftBoard;
    expect(left.queues.find((q) => q.name === 'After Hours')).toMatchObject({ open: false, newcomerEstimateSeconds: null });

    // "Not responding" (set by the sweeper when an offer times out) reads as its own state.
    await db.query("UPDATE users SET status = 'away', away_reason = 'not_responding' WHERE id = $1", [sophieId]);
    const read = await call<Result<{ board: BoardView }>>(sup, 'board:get', {});
    expect(read.ok && sophie(read.board).state).toBe('not_responding');
  });

  it('coalesces a burst of changes into a few pushes', async () => {
    const boards: BoardView[] = [];
    const listener = (board: BoardView) => boards.push(board);
    sup.on('board', listener);
    const started = Date.now();
    for (let i = 0; i < 30; i++) await call(agent, 'status:set', { status: i % 2 ? 'away' : 'available' });
    await new Promise((r) => setTimeout(r, 1500));
    sup.off('board', listener);
    const seconds = (Date.now() - started) / 1000;
    // At most one read per 500 ms (plus the first at once and one in flight at the end).
    expect(boards.length).toBeLessThanOrEqual(Math.ceil(seconds * 2) + 2);
    // The last push says where it ended: Away (the 30th change).
    expect(sophie(boards[boards.length - 1]!).state).toBe('away');
  });

  it('opens a chat read-only with its live transcript; a whisper reaches the agent and never the customer', async () => {
    await call(agent, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(agent, 'offer', () => true, WAIT_MS);
    const started = await startChat();
    await offered;
    await call(agent, 'offer:accept', { chatId: started.chatId });
    const customer: CustomerSocket = await connectCustomer(node, started.token);
    open.push(customer);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    const customerGot: string[] = [];
    customer.onAny((event: string, ...args: unknown[]) => customerGot.push(`${event} ${JSON.stringify(args)}`));

    const watched = await call<Result<WatchedChat>>(sup, 'chat:watch', { chatId: started.chatId });
    expect(watched.ok).toBe(true);
    if (!watched.ok) return;
    expect(watched.chat).toMatchObject({ customerName: 'Ana Silva', agentName: 'Sophie', status: 'active' });

    // Live: the customer's message and the agent's reply arrive at the watcher.
    const heard = nextEvent<ChatEventView>(sup, 'chat:event', (e) => e.body === 'My invoice is wrong', WAIT_MS);
    await call(customer, 'message:send', { clientMsgId: 'c1', body: 'My invoice is wrong' });
    expect((await heard).chatId).toBe(started.chatId);
    const reply = nextEvent<ChatEventView>(sup, 'chat:event', (e) => e.body === 'Let me check', WAIT_MS);
    await call(agent, 'message:send', { chatId: started.chatId, clientMsgId: 'a1', body: 'Let me check' });
    await reply;

    // A supervisor writes nothing into the chat: the agent-side events refuse them.
    const asAgent = await connectAgent(node, await signIn(node, 'sue@demo.example'));
    open.push(asAgent);
    const sent = await call<Result>(asAgent, 'message:send', { chatId: started.chatId, clientMsgId: 's1', body: 'Hi' });
    expect(sent.ok ? 'ok' : sent.error.id).toBe('forbidden');

    // The whisper: to the agent, to the watchers, stored once per id, never to the customer.
    const toAgent = nextEvent<WhisperView>(agent, 'chat:whisper', () => true, WAIT_MS);
    const toWatcher = nextEvent<WhisperView>(sup, 'chat:whisper', () => true, WAIT_MS);
    const whisper = await call<Result<{ whisper: WhisperView }>>(sup, 'whisper:send', { chatId: started.chatId, clientMsgId: 'w1', body: 'Offer the 10% refund' });
    expect(whisper.ok).toBe(true);
    expect(await toAgent).toMatchObject({ chatId: started.chatId, authorName: 'Sue', body: 'Offer the 10% refund', afterSeq: expect.any(Number) as number });
    expect((await toWatcher).body).toBe('Offer the 10% refund');
    const again = await call<Result<{ whisper: WhisperView }>>(sup, 'whisper:send', { chatId: started.chatId, clientMsgId: 'w1', body: 'Offer the 10% refund' });
    expect(again.ok && whisper.ok && again.whisper.id).toBe(whisper.ok && whisper.whisper.id);
    expect((await db.query('SELECT 1 FROM whispers WHERE chat_id = $1', [started.chatId])).length).toBe(1);
    const empty = await call<Result>(sup, 'whisper:send', { chatId: started.chatId, clientMsgId: 'w2', body: '   ' });
    expect(!empty.ok && empty.error.fields).toHaveProperty('body');

    // The agent's console keeps it across a reload; the customer's sync never has it.
    const snapshot = await call<Result<{ snapshot: AgentSnapshot }>>(agent, 'console:snapshot', {});
    expect(snapshot.ok && snapshot.snapshot.whispers?.map((w) => w.body)).toEqual(['Offer the 10% refund']);
    const sync = await call<Result<{ state: ChatStateView; events: ChatEventView[] }>>(customer, 'chat:sync', { afterSeq: 0 });
    expect(JSON.stringify(sync)).not.toContain('refund');
    const transcript = await api(node, 'POST', '/api/admin/privacy/export', { email: 'ana@example.com' }, await signIn(node, 'admin@demo.example'));
    expect(JSON.stringify(transcript.body)).not.toContain('refund');
    await new Promise((r) => setTimeout(r, 300));
    expect(customerGot.filter((line) => line.includes('refund'))).toEqual([]);

    // A re-watch carries the whisper; once the chat ended a whisper is refused.
    const rewatched = await call<Result<WatchedChat>>(sup, 'chat:watch', { chatId: started.chatId });
    expect(rewatched.ok && rewatched.whispers.map((w) => w.body)).toEqual(['Offer the 10% refund']);
    const endedState = nextEvent<{ chatId: string; status: string }>(sup, 'chat:state', (s) => s.status === 'ended', WAIT_MS);
    await call(agent, 'chat:leave', { chatId: started.chatId });
    await endedState;
    const late = await call<Result>(sup, 'whisper:send', { chatId: started.chatId, clientMsgId: 'w3', body: 'Too late' });
    expect(late.ok ? 'ok' : late.error.id).toBe('chat_ended');
  });

  it('pages back through a long chat: the newest page first, then "Show earlier messages" page by page, the viewer\'s client only', async () => {
    await call(agent, 'status:set', { status: 'available' });
    const started = await startChat();
    // 130 messages after the "queued" line: the watch shows the newest 50, paging brings the rest in order.
    await db.query(
      `INSERT INTO chat_events (chat_id, seq, client_id, kind, author, author_name, body, client_msg_id)
       SELECT $1, 1 + n, $2, 'message', 'customer', 'Ana Silva', 'Line ' || n, 'p' || n FROM generate_series(1, 130) n`,
      [started.chatId, clientId],
    );
    await db.query('UPDATE chats SET last_seq = 131 WHERE id = $1', [started.chatId]);
    const watched = await call<Result<WatchedChat>>(sup, 'chat:watch', { chatId: started.chatId });
    if (!watched.ok) throw new Error(watched.error.message);
    expect(watched.hasOlder).toBe(true);
    expect(watched.events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 82 + i));
    type Page = Result<{ events: ChatEventView[]; hasOlder: boolean }>;
    const seen = [...watched.events];
    let hasOlder = watched.hasOlder;
    while (hasOlder) {
      const page = await call<Page>(sup, 'chat:history', { chatId: started.chatId, beforeSeq: seen[0]!.seq });
      if (!page.ok) throw new Error(page.error.message);
      expect(page.events.length).toBeGreaterThan(0);
      seen.unshift(...page.events);
      hasOlder = page.hasOlder;
    }
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: 131 }, (_, i) => i + 1));
    // Another client's supervisor learns nothing; a bad page request names its field.
    const sam = await supervisor('sam@other.example');
    const theirs = await call<Page>(sam, 'chat:history', { chatId: started.chatId, beforeSeq: 100 });
    expect(theirs.ok ? 'ok' : theirs.error.id).toBe('not_found');
    const bad = await call<Page>(sup, 'chat:history', { chatId: started.chatId, beforeSeq: 0 });
    expect(!bad.ok && bad.error.fields).toHaveProperty('beforeSeq');
    await call(agent, 'status:set', { status: 'away' });
  });
});
