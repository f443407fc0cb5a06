/**
 * The message hot path (issue 9): a message stored in one statement (a retry
 * or a racing copy bumps no sequence and leaves no hole), the sender answered
 * by its ack alone while its other tabs get the event, agent typing authorised
 * by the chat's room without the database, and socket handshakes that still
 * refuse forged tokens and ended sessions.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentIdentity } from '../src/app/agentChats.js';
import { endChat } from '../src/app/chatEnder.js';
import { acceptOffer } from '../src/app/offerResponder.js';
import { startChat } from '../src/app/chatStarter.js';
import type { Deps } from '../src/app/deps.js';
import { AppError } from '../src/app/errors.js';
import { announceReturns, returnChatsToLine } from '../src/app/lineReturns.js';
import { STORE_MESSAGES_SQL } from '../src/app/messageBatch.js';
import { messageBatching, sendMessage } from '../src/app/messageSender.js';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatEventView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { type CountingDb, countingDb } from './support/countingDb.js';
import {
  api,
  call,
  connectAgent,
  connectCustomer,
  nextEvent,
  signIn,
  startTestNode,
  type AgentSocket,
  type CustomerSocket,
} from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
/**
 * A chat start's round trips (src/app/chatStarter.ts): the queue, its statistics (staffing and
 * what the estimate is made of, read once), the join (one statement), the customer's state, the
 * first estimate kept. 9 before the join was one statement (BEGIN, the queue's lock, the statement,
 * COMMIT); 6 while staffing and the line's statistics were read apart.
 */
const START_ROUND_TRIPS = 5;
/**
 * An accept's round trips (src/app/offerResponder.ts): BEGIN, the chat locked, its status with its
 * chat.started webhook (one statement), the "has joined" line with its seq (one statement), the agent's
 * view (events, notes), COMMIT; then the customer's state (in conversation: no line to read) and
 * the agent's state.
 */
const ACCEPT_ROUND_TRIPS = 9;
type Sent = Result<{ event: ChatEventView }>;

/** The chat's sequence and its events' seqs: every seq up to last_seq has exactly one event. */
async function sequenceOf(db: Db, chatId: string): Promise<{ lastSeq: number; seqs: number[] }> {
  const [chat] = await db.query<{ last_seq: number }>('SELECT last_seq FROM chats WHERE id = $1', [chatId]);
  const rows = await db.query<{ seq: number }>('SELECT seq FROM chat_events WHERE chat_id = $1 ORDER BY seq', [chatId]);
  return { lastSeq: chat!.last_seq, seqs: rows.map((r) => r.seq) };
}
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Every chat:event a socket receives. */
function received(socket: Socket): ChatEventView[] {
  const events: ChatEventView[] = [];
  socket.on('chat:event', (e: ChatEventView) => events.push(e));
  return events;
}

/**
 * Sends a probe message from `from` and waits until every socket of `to` has it. Frames on one
 * connection keep their order, so whatever was published to them before (an echo) has arrived too.
 */
let probes = 0;
async function probe(to: Array<CustomerSocket | AgentSocket>, from: (clientMsgId: string) => Promise<Sent>): Promise<void> {
  const clientMsgId = `probe-${++probes}`;
  const arrived = to.map((socket) => nextEvent<ChatEventView>(socket, 'chat:event', (e) => e.clientMsgId === clientMsgId));
  expect((await from(clientMsgId)).ok).toBe(true);
  await Promise.all(arrived);
}

describe.each(backends())('message hot path on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let counter: CountingDb;
  let drop: () => Promise<void>;
  let sophieCookie: string;
  let sophie: AgentSocket;
  let marc: AgentSocket;
  const open: Array<{ disconnect(): unknown }> = [];

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    counter = countingDb(db);
    // No sweep or heartbeat within the test: the database round trips of one operation can be counted.
    node = await startTestNode(counter, { sweepIntervalMs: 60_000, presenceTtlSeconds: 600, agentRecheckMs: 3_600_000 });
    const [support] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    // Marc works in the same client and queue but stays Away: every chat goes to Sophie.
    const marcId = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, 'marc@demo.example', $3, 'agent', 'Marc')", [
      marcId,
      support!.client_id,
      await hashPassword('demo1234'),
    ]);
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [support!.id, marcId, support!.client_id]);
    sophieCookie = await signIn(node, 'sophie@demo.example');
    sophie = await connectAgent(node, sophieCookie);
    marc = await connectAgent(node, await signIn(node, 'marc@demo.example'));
    open.push(sophie, marc);
    await call(sophie, 'console:snapshot', {});
    await call(marc, 'console:snapshot', {});
    expect((await call<Result>(sophie, 'status:set', { status: 'available' })).ok).toBe(true);
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  async function offeredChat(): Promise<StartChatResponse> {
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    expect((await offered).chatId).toBe(started.chatId);
    return started;
  }

  async function activeChat(): Promise<{ chatId: string; token: string; customer: CustomerSocket }> {
    const started = await offeredChat();
    expect((await call<Result>(sophie, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
    const customer = await connectCustomer(node, started.token);
    open.push(customer);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    return { chatId: started.chatId, token: started.token, customer };
  }

  const end = (chatId: string) => call<Result>(sophie, 'chat:leave', { chatId });

  it('stores a retried clientMsgId once: the same event, no sequence bump, no hole', async () => {
    const { chatId, customer } = await activeChat();
    const first = await call<Sent>(customer, 'message:send', { clientMsgId: 'r1', body: 'Once' });
    if (!first.ok) throw new Error(first.error.message);
    const { lastSeq } = await sequenceOf(db, chatId);
    expect(lastSeq).toBe(first.event.seq);
    for (let i = 0; i < 3; i++) {
      const retry = await call<Sent>(customer, 'message:send', { clientMsgId: 'r1', body: 'Once' });
      expect(retry.ok && retry.event).toEqual(first.event);
      const agentRetry = await call<Sent>(sophie, 'message:send', { chatId, clientMsgId: 'r1', body: 'Agent once' });
      expect(agentRetry.ok).toBe(true);
    }
    // r1 by the agent is the agent's own message (unique per author): stored once, then retried twice.
    const next = await call<Sent>(customer, 'message:send', { clientMsgId: 'r2', body: 'Next' });
    expect(next.ok && next.event.seq).toBe(lastSeq + 2);
    const after = await sequenceOf(db, chatId);
    expect(after.seqs).toEqual(oneToN(after.lastSeq));
    expect((await db.query("SELECT 1 FROM chat_events WHERE chat_id = $1 AND client_msg_id = 'r1'", [chatId])).length).toBe(2);
    await end(chatId);
  });

  it('stores pipelined messages in the order sent, and refuses one whose predecessor is not stored', async () => {
    const { chatId, customer } = await activeChat();
    // Sent back to back without waiting: each names the one before it, as the browsers' outboxes do.
    const sends = Array.from({ length: 8 }, (_, i) =>
      call<Sent>(customer, 'message:send', { clientMsgId: `p${i}`, body: `Pipelined ${i}`, ...(i > 0 ? { after: `p${i - 1}` } : {}) }),
    );
    const agentSends = Array.from({ length: 4 }, (_, i) =>
      call<Sent>(sophie, 'message:send', { chatId, clientMsgId: `q${i}`, body: `Agent ${i}`, ...(i > 0 ? { after: `q${i - 1}` } : {}) }),
    );
    const answers = await Promise.all(sends);
    const agentAnswers = await Promise.all(agentSends);
    const seqsOf = (list: Sent[]) => list.map((a) => (a.ok ? a.event.seq : -1));
    const increasing = (seqs: number[]) => seqs.every((seq, i) => seq > 0 && (i === 0 || seq > seqs[i - 1]!));
    expect(increasing(seqsOf(answers))).toBe(true);
    expect(increasing(seqsOf(agentAnswers))).toBe(true);

    // The predecessor never arrived (it failed): the message waits for it rather than overtaking it.
    const early = await call<Sent>(customer, 'message:send', { clientMsgId: 'x2', body: 'Second', after: 'x1' });
    expect(!early.ok && early.error.id).toBe('out_of_order');
    const agentEarly = await call<Sent>(sophie, 'message:send', { chatId, clientMsgId: 'y2', body: 'Second', after: 'y1' });
    expect(!agentEarly.ok && agentEarly.error.id).toBe('out_of_order');
    const before = await sequenceOf(db, chatId);
    const first = await call<Sent>(customer, 'message:send', { clientMsgId: 'x1', body: 'First', after: 'p7' });
    const second = await call<Sent>(customer, 'message:send', { clientMsgId: 'x2', body: 'Second', after: 'x1' });
    expect(first.ok && second.ok && second.event.seq).toBe(first.ok && first.event.seq + 1);
    // A retry of a stored message is acknowledged whatever it names as its predecessor.
    const retry = await call<Sent>(customer, 'message:send', { clientMsgId: 'x2', body: 'Second', after: 'never-sent' });
    expect(retry.ok && retry.event).toEqual(second.ok && second.event);
    const after = await sequenceOf(db, chatId);
    expect(after.lastSeq).toBe(before.lastSeq + 2);
    expect(after.seqs).toEqual(oneToN(after.lastSeq));
    await end(chatId);
  });

  it('keeps one event, one seq and no hole when copies of one clientMsgId race', async () => {
    const { chatId, token, customer } = await activeChat();
    const tabs = [customer, ...(await Promise.all([1, 2, 3].map(() => connectCustomer(node, token))))];
    open.push(...tabs);
    for (let round = 0; round < 15; round++) {
      // Eight copies at once (two per tab, as a page resending on reconnect might), with the agent writing too.
      const copies = tabs.flatMap((tab) => [1, 2].map(() => call<Sent>(tab, 'message:send', { clientMsgId: `race-${round}`, body: `Race ${round}` })));
      const agentLine = call<Sent>(sophie, 'message:send', { chatId, clientMsgId: `agent-${round}`, body: `Agent ${round}` });
      const answers = await Promise.all(copies);
      expect((await agentLine).ok).toBe(true);
      const seqs = new Set(answers.map((a) => (a.ok ? a.event.seq : `refused: ${a.error.message}`)));
      expect([...seqs]).toHaveLength(1);
      expect(typeof [...seqs][0]).toBe('number');
    }
    const { lastSeq, seqs } = await sequenceOf(db, chatId);
    expect(seqs).toEqual(oneToN(lastSeq));
    const stored = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM chat_events WHERE chat_id = $1 AND client_msg_id LIKE 'race-%'", [chatId]);
    expect(stored[0]?.n).toBe(15);
    for (const tab of tabs.slice(1)) tab.disconnect();
    await end(chatId);
  });

  it('answers the sending socket by its ack alone; the sender’s other tabs and the other side get the event once', async () => {
    const { chatId, token, customer } = await activeChat();
    const customerTab2 = await connectCustomer(node, token);
    const sophieTab2 = await connectAgent(node, sophieCookie);
    open.push(customerTab2, sophieTab2);
    await call(sophieTab2, 'console:snapshot', {});
    const seen = { customer: received(customer), customerTab2: received(customerTab2), sophie: received(sophie), sophieTab2: received(sophieTab2) };

    const fromCustomer = await call<Sent>(customer, 'message:send', { clientMsgId: 'mine-c', body: 'From the first tab' });
    expect(fromCustomer.ok && fromCustomer.event.body).toBe('From the first tab');
    const fromAgent = await call<Sent>(sophie, 'message:send', { chatId, clientMsgId: 'mine-a', body: 'From the console' });
    expect(fromAgent.ok && fromAgent.event.body).toBe('From the console');
    // Both senders' later probes reach every socket but their own: any copy of mine-c or mine-a came before.
    await probe([customer, customerTab2, sophieTab2], (id) => call<Sent>(sophie, 'message:send', { chatId, clientMsgId: id, body: 'probe' }));
    await probe([customer, sophie, sophieTab2], (id) => call<Sent>(customerTab2, 'message:send', { clientMsgId: id, body: 'probe' }));

    const count = (events: ChatEventView[], id: string) => events.filter((e) => e.clientMsgId === id).length;
    expect(count(seen.customer, 'mine-c')).toBe(0);
    expect(count(seen.customerTab2, 'mine-c')).toBe(1);
    expect(count(seen.sophie, 'mine-c')).toBe(1);
    expect(count(seen.sophieTab2, 'mine-c')).toBe(1);
    expect(count(seen.sophie, 'mine-a')).toBe(0);
    expect(count(seen.sophieTab2, 'mine-a')).toBe(1);
    expect(count(seen.customer, 'mine-a')).toBe(1);
    expect(count(seen.customerTab2, 'mine-a')).toBe(1);
    customerTab2.disconnect();
    sophieTab2.disconnect();
    await end(chatId);
  });
  it('relays an agent’s typing only while the chat is theirs and active, without the database', async () => {
    const { chatId, customer } = await activeChat();
    const typings: Array<{ name: string; typing: boolean }> = [];
    customer.on('typing', (t: { name: string; typing: boolean }) => typings.push(t));
    /** Typing from `agent`; then a customer round trip, which any typing frame published before precedes. */
    const typeAs = async (agent: AgentSocket, id = chatId) => {
      const result = await call<Result>(agent, 'typing', { chatId: id, typing: true });
      await call(customer, 'chat:sync', { afterSeq: 0 });
      return result;
    };

    expect((await typeAs(sophie)).ok).toBe(true);
    expect(typings).toEqual([expect.objectContaining({ name: 'Sophie', typing: true })]);
    // Keystrokes cost the database nothing (this node's sweep and heartbeat are minutes apart).
    const before = counter.counts.roundTrips;
    for (let i = 0; i < 10; i++) expect((await call<Result>(sophie, 'typing', { chatId, typing: i % 2 === 0 })).ok).toBe(true);
    expect(counter.counts.roundTrips - before).toBe(0);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    typings.length = 1;

    // Never his: another agent of the same client, and a chat id nobody has.
    const marcTries = await typeAs(marc);
    expect(!marcTries.ok && marcTries.error.id).toBe('forbidden');
    const unknown = await typeAs(sophie, '00000000-0000-4000-8000-000000000000');
    expect(!unknown.ok && unknown.error.id).toBe('forbidden');
    expect(typings).toHaveLength(1);

    // Returned to the line (her console vanished, as the sweeper decides): it is re-offered to her, not hers yet.
    const reoffered = nextEvent<OfferView>(sophie, 'offer', (o) => o.chatId === chatId);
    const returned = await node.deps.db.transaction((tx) => returnChatsToLine(tx, [chatId], 'agent_gone'));
    await announceReturns(node.deps, returned);
    await reoffered;
    const whileReturned = await typeAs(sophie);
    expect(!whileReturned.ok && whileReturned.error.id).toBe('forbidden');
    // A sync of the offered chat does not subscribe the console to it either.
    expect((await call<Result>(sophie, 'chat:sync', { chatId, afterSeq: 0 })).ok).toBe(true);
    const afterSync = await typeAs(sophie);
    expect(!afterSync.ok && afterSync.error.id).toBe('forbidden');
    expect(typings).toHaveLength(1);

    // Accepted again: hers; ended: not any more.
    expect((await call<Result>(sophie, 'offer:accept', { chatId })).ok).toBe(true);
    expect((await typeAs(sophie)).ok).toBe(true);
    expect(typings).toHaveLength(2);
    expect((await end(chatId)).ok).toBe(true);
    const afterEnd = await typeAs(sophie);
    expect(!afterEnd.ok && afterEnd.error.id).toBe('forbidden');
    expect(typings).toHaveLength(2);
  });

  /** Chats started and left waiting (customers may write while they wait): their customers' messages need no agent. */
  async function waitingChats(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(((await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse).chatId);
    return ids;
  }
  async function agentIdentity(email: string): Promise<AgentIdentity> {
    const [row] = await db.query<{ id: string; client_id: string; display_name: string }>('SELECT id, client_id, display_name FROM users WHERE email = $1', [email]);
    return { userId: row!.id, clientId: row!.client_id, displayName: row!.display_name };
  }
  const customerSends = (deps: Deps, chatId: string, clientMsgId: string) => sendMessage(deps, { kind: 'customer', chatId }, { clientMsgId, body: clientMsgId });
  /** What a send answers: its seq, or the refusal's id. */
  const answerOf = (sent: Promise<ChatEventView>) => sent.then((e) => e.seq, (error: unknown) => (error instanceof AppError ? error.id : String(error)));
  async function expectContiguous(chatIds: string[]): Promise<void> {
    for (const chatId of chatIds) {
      const { lastSeq, seqs } = await sequenceOf(db, chatId);
      expect(seqs).toEqual(oneToN(lastSeq));
    }
  }
  const endAll = (chatIds: string[]) => Promise.all(chatIds.map((chatId) => endChat(node.deps, { kind: 'customer', chatId })));

  it('stores messages arriving together in a few statements (group commit): all acknowledged, seqs contiguous, each sender’s order kept', async () => {
    const { chatId: active, customer } = await activeChat();
    const sophieId = await agentIdentity('sophie@demo.example');
    const chats = await waitingChats(16);
    counter.reset();
    const batchesBefore = messageBatching(node.deps.db).batches;
    const sends: Array<Promise<ChatEventView>> = [];
    for (let round = 0; round < 3; round++) {
      for (const chatId of chats) sends.push(customerSends(node.deps, chatId, `burst-${round}`));
      sends.push(customerSends(node.deps, active, `c-${round}`));
      sends.push(sendMessage(node.deps, { kind: 'agent', agent: sophieId, chatId: active }, { clientMsgId: `a-${round}`, body: `a-${round}` }));
    }
    const events = await Promise.all(sends);
    const counts = counter.reset();
    expect(events).toHaveLength(3 * 18);
    // 54 messages one statement each before; now a batch per round or so, and not one transaction.
    // Only the message statements are counted: the node's own background work (presence, the leader's
    // ticks) may run a statement in the same moment on a slow machine.
    const stored = counts.sql.filter((sql) => sql === STORE_MESSAGES_SQL).length;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThanOrEqual(events.length / 3);
    expect(stored).toBe(messageBatching(node.deps.db).batches - batchesBefore);
    await expectContiguous([...chats, active]);
    // One sender's messages are stored in the order they were sent.
    for (const chatId of chats) {
      const rows = await db.query<{ body: string }>('SELECT body FROM chat_events WHERE chat_id = $1 ORDER BY seq', [chatId]);
      expect(rows.map((r) => r.body).filter((b) => b.startsWith('burst-'))).toEqual(['burst-0', 'burst-1', 'burst-2']);
    }
    const activeRows = await db.query<{ body: string }>("SELECT body FROM chat_events WHERE chat_id = $1 AND kind = 'message' ORDER BY seq", [active]);
    expect(activeRows.map((r) => r.body).filter((b) => b.startsWith('c-'))).toEqual(['c-0', 'c-1', 'c-2']);
    expect(activeRows.map((r) => r.body).filter((b) => b.startsWith('a-'))).toEqual(['a-0', 'a-1', 'a-2']);
    customer.disconnect();
    await end(active);
    await endAll(chats);
  });

  it('answers a retry, an ended chat and someone else’s chat within a batch as it does alone, and fails no other message', async () => {
    const { chatId: active, customer } = await activeChat();
    const { chatId: ended, customer: endedCustomer } = await activeChat();
    await end(ended);
    const marcId = await agentIdentity('marc@demo.example');
    const marcSends = (clientMsgId: string) => sendMessage(node.deps, { kind: 'agent', agent: marcId, chatId: active }, { clientMsgId, body: 'not mine' });
    const first = await customerSends(node.deps, active, 'd1');
    // Alone, one at a time: the answers the batch must give too.
    // A NUL character PostgreSQL refuses in text: it must fail its own message only, not its batch.
    const poisoned = (clientMsgId: string) => sendMessage(node.deps, { kind: 'customer', chatId: active }, { clientMsgId, body: 'nul \u0000 here' });
    const alone = [
      await answerOf(customerSends(node.deps, active, 'd1')),
      await answerOf(customerSends(node.deps, ended, 'e0')),
      await answerOf(marcSends('m0')),
      await answerOf(poisoned('p0')),
    ];
    expect(alone.slice(0, 3)).toEqual([first.seq, 'chat_ended', 'forbidden']);
    expect(typeof alone[3]).toBe('string');
    const chats = await waitingChats(6);
    const innocents = chats.map((chatId) => answerOf(customerSends(node.deps, chatId, 'innocent')));
    const together = await Promise.all([
      answerOf(customerSends(node.deps, active, 'd1')),
      answerOf(customerSends(node.deps, ended, 'e1')),
      answerOf(marcSends('m1')),
      answerOf(poisoned('p1')),
      ...innocents,
      answerOf(customerSends(node.deps, active, 'd2')),
    ]);
    expect(together.slice(0, 4)).toEqual(alone);
    expect(together.slice(4).every((answer) => typeof answer === 'number')).toBe(true);
    expect(together.at(-1)).toBe(first.seq + 1);
    await expectContiguous([...chats, active, ended]);
    customer.disconnect();
    endedCustomer.disconnect();
    await end(active);
    await endAll(chats);
  });

  it('stores the other messages of a batch undone by a racing copy from another node one by one: none lost, no hole', async () => {
    const chats = await waitingChats(9);
    const [raced, ...others] = chats as [string, ...string[]];
    // Two group commits on one database, as two nodes have.
    const nodeA = { ...node.deps, db: countingDb(db) };
    const nodeB = { ...node.deps, db: countingDb(db) };
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all([
        answerOf(customerSends(nodeA, raced, `race-${round}`)),
        answerOf(customerSends(nodeB, raced, `race-${round}`)),
        ...others.map((chatId, i) => answerOf(customerSends(i % 2 ? nodeA : nodeB, chatId, `other-${round}`))),
      ]);
      expect(answers[0]).toBe(answers[1]);
      expect(answers.every((answer) => typeof answer === 'number')).toBe(true);
    }
    await expectContiguous(chats);
    const [stored] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_events WHERE chat_id = ANY($1::uuid[]) AND client_msg_id IS NOT NULL', [chats]);
    expect(stored?.n).toBe(10 * chats.length);
    await endAll(chats);
  });

  it('starts a chat with one statement and no transaction between its reads and its answer', async () => {
    // The start alone (no routing pass after it). No lock is taken outside the statement that checks
    // maxWaiting and writes the chat, and no transaction holds one across round trips.
    // Counted on a Db of its own: what else the node is doing (routing after earlier tests) is not counted.
    const own = countingDb(db);
    const offers: OfferView[] = [];
    const collect = (offer: OfferView) => offers.push(offer);
    sophie.on('offer', collect);
    const started = await startChat({ ...node.deps, db: own, kickRouter: () => undefined }, { slug: 'support', fields: form });
    const counts = own.reset();
    expect(counts.transactions).toBe(0);
    expect(counts.sql.filter((sql) => /INSERT INTO chats\b/.test(sql))).toHaveLength(1);
    expect(counts.sql.some((sql) => /FOR (NO KEY )?UPDATE/.test(sql) && !/INSERT INTO chats\b/.test(sql))).toBe(false);
    expect(counts.roundTrips).toBe(START_ROUND_TRIPS);
    expect(started.state.status).toBe('queued');
    const [first] = await db.query<{ system_type: string }>('SELECT system_type FROM chat_events WHERE chat_id = $1 AND seq = 1', [started.chatId]);
    expect(first?.system_type).toBe('queued');
    // Routed as any start is (a pass this node was running anyway may take it first), then ended: the
    // next test's offers are its own.
    const offered = offers.some((o) => o.chatId === started.chatId) || nextEvent<OfferView>(sophie, 'offer', (o) => o.chatId === started.chatId);
    sophie.off('offer', collect);
    const [{ queue_id: queueId }] = (await db.query<{ queue_id: string }>('SELECT queue_id FROM chats WHERE id = $1', [started.chatId])) as [{ queue_id: string }];
    node.deps.kickRouter([queueId]);
    await offered;
    await endChat(node.deps, { kind: 'customer', chatId: started.chatId });
  });

  it('accepts an offer in one transaction whose "has joined" line is one statement', async () => {
    const started = await offeredChat();
    const [me] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM users WHERE email = 'sophie@demo.example'");
    // Counted on a Db of its own, as the start above: only the accept's own round trips.
    const own = countingDb(db);
    const view = await acceptOffer({ ...node.deps, db: own }, { userId: me!.id, clientId: me!.client_id, displayName: 'Sophie' }, started.chatId);
    const counts = own.reset();
    expect(view.events.map((e) => e.system)).toEqual(['queued', 'agent_joined']);
    // The seq and the event together: no statement bumps the seq alone.
    expect(counts.sql.filter((sql) => /UPDATE chats SET last_seq/.test(sql) && !/INSERT INTO chat_events/.test(sql))).toHaveLength(0);
    expect(counts.transactions).toBe(1);
    expect(counts.roundTrips).toBe(ACCEPT_ROUND_TRIPS);
    await endChat(node.deps, { kind: 'customer', chatId: started.chatId });
  });

  it('refuses a forged chat token and an ended session at the handshake; a valid token marks its customer present', async () => {
    await expect(connectCustomer(node, 'f'.repeat(43))).rejects.toThrow(/unauthorized/);
    const { chatId, token, customer } = await activeChat();
    await expect(connectCustomer(node, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).rejects.toThrow(/unauthorized/);

    await db.query("UPDATE chats SET customer_present_until = now() - interval '1 hour' WHERE id = $1", [chatId]);
    const again = await connectCustomer(node, token);
    open.push(again);
    const [present] = await db.query<{ present: boolean }>('SELECT customer_present_until > now() AS present FROM chats WHERE id = $1', [chatId]);
    expect(present?.present).toBe(true);

    // An ended chat still opens (its page shows the transcript) but its customer is not marked present.
    await end(chatId);
    customer.disconnect();
    again.disconnect();
    const [before] = await db.query<{ at: Date }>('SELECT customer_present_until AS at FROM chats WHERE id = $1', [chatId]);
    const late = await connectCustomer(node, token);
    const [afterEnd] = await db.query<{ at: Date }>('SELECT customer_present_until AS at FROM chats WHERE id = $1', [chatId]);
    expect(afterEnd?.at).toEqual(before?.at);
    late.disconnect();

    const cookie = await signIn(node, 'marc@demo.example');
    const console1 = await connectAgent(node, cookie);
    console1.disconnect();
    expect((await api(node, 'POST', '/api/auth/logout', {}, cookie)).status).toBe(204);
    await expect(connectAgent(node, cookie)).rejects.toThrow(/unauthorized/);
  });
});

describe.runIf(process.env.REDIS_URL && process.env.DATABASE_URL)('the sender left out of the echo across nodes (Redis adapter)', () => {
  const backend = backends().at(-1)!;
  let nodes: RunningNode[] = [];
  let db: Db;
  let drop: () => Promise<void>;
  const open: Array<{ disconnect(): unknown }> = [];

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    nodes = [await startTestNode(db, { redisUrl: process.env.REDIS_URL }), await startTestNode(db, { redisUrl: process.env.REDIS_URL, seedDemo: false })];
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    for (const node of nodes) await node.close();
    await db?.close();
    await drop?.();
  });

  it('gives the sender’s tab on the other node the event, and the sending tab none', async () => {
    const [a, b] = nodes as [RunningNode, RunningNode];
    const cookie = await signIn(a, 'sophie@demo.example');
    const sophie = await connectAgent(b, cookie);
    open.push(sophie);
    await call(sophie, 'console:snapshot', {});
    await call(sophie, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const started = (await api(a, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    await offered;
    expect((await call<Result>(sophie, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
    const sophieOnA = await connectAgent(a, cookie);
    const tabOnA = await connectCustomer(a, started.token);
    const tabOnB = await connectCustomer(b, started.token);
    open.push(sophieOnA, tabOnA, tabOnB);
    await call(sophieOnA, 'console:snapshot', {});
    const seen = { tabOnA: received(tabOnA), tabOnB: received(tabOnB), sophie: received(sophie), sophieOnA: received(sophieOnA) };

    expect((await call<Sent>(tabOnA, 'message:send', { clientMsgId: 'x-c', body: 'From node A' })).ok).toBe(true);
    expect((await call<Sent>(sophie, 'message:send', { chatId: started.chatId, clientMsgId: 'x-a', body: 'From node B' })).ok).toBe(true);
    await probe([tabOnA, tabOnB, sophieOnA], (id) => call<Sent>(sophie, 'message:send', { chatId: started.chatId, clientMsgId: id, body: 'probe' }));
    await probe([tabOnA, sophie, sophieOnA], (id) => call<Sent>(tabOnB, 'message:send', { clientMsgId: id, body: 'probe' }));

    const count = (events: ChatEventView[], id: string) => events.filter((e) => e.clientMsgId === id).length;
    expect([count(seen.tabOnA, 'x-c'), count(seen.tabOnB, 'x-c'), count(seen.sophie, 'x-c'), count(seen.sophieOnA, 'x-c')]).toEqual([0, 1, 1, 1]);
    expect([count(seen.sophie, 'x-a'), count(seen.sophieOnA, 'x-a'), count(seen.tabOnA, 'x-a'), count(seen.tabOnB, 'x-a')]).toEqual([0, 1, 1, 1]);
  });
});
