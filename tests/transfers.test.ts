/**
 * Transfers (src/app/transfers.ts, transferAnswers.ts): an agent hands a chat to another agent (offered
 * with a countdown; the sender keeps the chat until the answer; the receiver's seat is held) or to
 * another queue (the front of its line, the customer's wait kept), with a note. Real nodes over HTTP and
 * Socket.IO, on PGlite and PostgreSQL; across two nodes through Redis when REDIS_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import { seatsUsedSql } from '../src/app/seats.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { AgentSnapshot } from '../src/protocol/events.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { TransferTargetsView, TransferView } from '../src/protocol/transfers.js';
import type { AgentChatHeader, AgentChatView, ChatEventView, ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, nextEvent, said, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
const WAIT_MS = 30_000;

type Sync = Result<{ state: ChatStateView; events: ChatEventView[] }>;
type Requested = Result<{ transfer: TransferView }>;

interface World {
  db: Db;
  clientId: string;
  supportId: string;
  billingId: string;
  open: Array<{ disconnect(): unknown }>;
}

async function addAgent(w: World, email: string, name: string, queueIds: string[], capacity = 3): Promise<string> {
  const id = newId();
  await w.db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity) VALUES ($1, $2, $3, $4, 'agent', $5, $6)", [
    id,
    w.clientId,
    email,
    await hashPassword('demo1234'),
    name,
    capacity,
  ]);
  for (const q of queueIds) await w.db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [q, id, w.clientId]);
  return id;
}

/** A world on one database: the demo client, a Billing queue (Bea), Marc beside Sophie in Support. */
async function buildWorld(db: Db): Promise<World> {
  const [support] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
  const w: World = { db, clientId: support!.client_id, supportId: support!.id, billingId: newId(), open: [] };
  await db.query("INSERT INTO queues (id, client_id, slug, name, config) SELECT $1, client_id, 'billing', 'Billing', config FROM queues WHERE id = $2", [
    w.billingId,
    w.supportId,
  ]);
  await addAgent(w, 'marc@demo.example', 'Marc', [w.supportId]);
  await addAgent(w, 'bea@demo.example', 'Bea', [w.billingId], 1);
  return w;
}

async function agentOnline(w: World, node: RunningNode, email: string, status: 'available' | 'away' = 'available'): Promise<AgentSocket> {
  const socket = await connectAgent(node, await signIn(node, email));
  w.open.push(socket);
  await call(socket, 'console:snapshot', {});
  expect((await call<Result>(socket, 'status:set', { status })).ok).toBe(true);
  return socket;
}

/** A customer of `slug` in conversation with `agent` (who must be the one offered the chat). */
async function chatWith(w: World, node: RunningNode, agent: AgentSocket, say: string, slug = 'support'): Promise<{ chatId: string; customer: CustomerSocket }> {
  const offered = nextEvent<OfferView>(agent, 'offer', (o) => !o.transferId, WAIT_MS);
  const started = (await api(node, 'POST', `/api/public/queues/${slug}/chats`, { fields: form })).body as StartChatResponse;
  expect((await offered).chatId).toBe(started.chatId);
  expect((await call<Result>(agent, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
  const customer = await connectCustomer(node, started.token);
  w.open.push(customer);
  await call(customer, 'chat:sync', { afterSeq: 0 });
  expect((await call<Result>(customer, 'message:send', { clientMsgId: `c-${say}`, body: `Customer: ${say}` })).ok).toBe(true);
  expect((await call<Result>(agent, 'message:send', { chatId: started.chatId, clientMsgId: `a-${say}`, body: `Agent: ${say}` })).ok).toBe(true);
  return { chatId: started.chatId, customer };
}

async function idOf(db: Db, email: string): Promise<string> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  return row!.id;
}

async function request(agent: AgentSocket, chatId: string, to: { kind: 'agent'; agentId: string } | { kind: 'queue'; queueId: string }, note = ''): Promise<TransferView> {
  const answer = await call<Requested>(agent, 'transfer:request', { chatId, to, note });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.transfer;
}

async function endAsCustomer(customer: CustomerSocket): Promise<void> {
  expect((await call<Result>(customer, 'chat:end', {})).ok).toBe(true);
}

describe.each(backends())('transfers on $name', (backend) => {
  let node: RunningNode;
  let w: World;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;
  let marc: AgentSocket;

  beforeAll(async () => {
    const opened = await backend.open();
    drop = opened.drop;
    // Offers (transfers too) time out after 5 s; the sweeper looks every 200 ms.
    node = await startTestNode(opened.db, { offerTimeoutSeconds: 5, sweepIntervalMs: 200 });
    w = await buildWorld(opened.db);
    sophie = await agentOnline(w, node, 'sophie@demo.example');
    // Marc stays Away until a test needs him, so Support's chats go to Sophie.
    marc = await agentOnline(w, node, 'marc@demo.example', 'away');
  });
  afterAll(async () => {
    for (const socket of w?.open ?? []) socket.disconnect();
    await node?.close();
    await w?.db.close();
    await drop?.();
  });

  it('to an agent, accepted: the sender keeps the chat until then, the receiver reads it whole with the note, the customer sees the line and the new agent', async () => {
    const { chatId, customer } = await chatWith(w, node, sophie, 'refund');
    // A webhook subscribed to chat.transferred gets the event in the transfer's transaction.
    const hookId = newId();
    await w.db.query("INSERT INTO webhooks (id, client_id, url, events, secret) VALUES ($1, $2, 'https://hooks.example.com/rc', '{chat.transferred}', 'whsec_test')", [
      hookId,
      w.clientId,
    ]);
    await call(marc, 'status:set', { status: 'available' });
    const marcId = await idOf(w.db, 'marc@demo.example');

    const targets = await call<Result<{ targets: TransferTargetsView }>>(sophie, 'transfer:targets', { chatId });
    if (!targets.ok) throw new Error(targets.error.message);
    expect(targets.targets.agents.find((a) => a.id === marcId)).toMatchObject({ name: 'Marc', status: 'available', activeChats: 0, capacity: 3 });
    expect(targets.targets.agents.some((a) => a.name === 'Sophie')).toBe(false);
    expect(targets.targets.queues.map((q) => q.name)).toEqual(['After Hours', 'Billing']);

    const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === chatId, WAIT_MS);
    const transfer = await request(sophie, chatId, { kind: 'agent', agentId: marcId }, 'Wants a refund for order 1042');
    expect(transfer).toMatchObject({ state: 'offered', reason: null, to: { kind: 'agent', id: marcId, name: 'Marc' } });
    const offer = await offered;
    expect(offer).toMatchObject({ transferId: transfer.id, transfer: { fromName: 'Sophie', note: 'Wants a refund for order 1042' }, customerName: 'Ana Silva' });
    expect(Date.parse(offer.expiresAt) - Date.parse(offer.offeredAt)).toBe(5_000);

    // Pending: still Sophie's (the customer is never left with nobody); Marc's seat is held; one transfer at a time.
    const [pending] = await w.db.query<{ status: string; agent_id: string }>('SELECT status, agent_id FROM chats WHERE id = $1', [chatId]);
    expect(pending).toMatchObject({ status: 'active', agent_id: await idOf(w.db, 'sophie@demo.example') });
    const heard = nextEvent<ChatEventView>(sophie, 'chat:event', (e) => e.body === 'Customer: still there?', WAIT_MS);
    expect((await call<Result>(customer, 'message:send', { clientMsgId: 'c-pending', body: 'Customer: still there?' })).ok).toBe(true);
    await heard;
    const again = await call<Requested>(sophie, 'transfer:request', { chatId, to: { kind: 'agent', agentId: marcId }, note: '' });
    expect(again.ok ? again.transfer : again.error.id).toBe('conflict');
    const marcSnapshot = await call<Result<{ snapshot: AgentSnapshot }>>(marc, 'console:snapshot', {});
    if (!marcSnapshot.ok) throw new Error(marcSnapshot.error.message);
    expect(marcSnapshot.snapshot.offers.map((o) => o.transferId)).toEqual([transfer.id]);
    const sophieSnapshot = await call<Result<{ snapshot: AgentSnapshot }>>(sophie, 'console:snapshot', {});
    if (!sophieSnapshot.ok) throw new Error(sophieSnapshot.error.message);
    expect(sophieSnapshot.snapshot.transfers?.map((t) => t.id)).toEqual([transfer.id]);

    const told = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.system === 'transferred', WAIT_MS);
    const newAgent = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.agent?.name === 'Marc', WAIT_MS);
    const done = nextEvent<TransferView>(sophie, 'transfer:updated', (t) => t.id === transfer.id, WAIT_MS);
    const accepted = await call<Result<{ chat: AgentChatView }>>(marc, 'transfer:accept', { transferId: transfer.id });
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(accepted.chat.transfer).toEqual({ fromName: 'Sophie', note: 'Wants a refund for order 1042' });
    expect(said(await told)).toBe('Sophie transferred you to Marc');
    const state = await newAgent;
    expect(state).toMatchObject({ status: 'active', agent: { name: 'Marc' } });
    expect((await done).state).toBe('accepted');

    // Nothing of the transcript is lost: Marc reads it whole, from seq 1, without gaps.
    const synced = await call<Result<{ chat: AgentChatHeader; events: ChatEventView[] }>>(marc, 'chat:sync', { chatId, afterSeq: 0 });
    if (!synced.ok) throw new Error(synced.error.message);
    expect(synced.events.map((e) => e.seq)).toEqual(synced.events.map((_, i) => i + 1));
    const bodies = synced.events.map(said);
    for (const line of ['Customer: refund', 'Agent: refund', 'Customer: still there?', 'Sophie transferred you to Marc']) expect(bodies).toContain(line);
    expect(synced.chat.transfer?.note).toBe('Wants a refund for order 1042');

    // Marc now writes to the customer; Sophie no longer can.
    const fromMarc = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.body === 'Marc here', WAIT_MS);
    expect((await call<Result>(marc, 'message:send', { chatId, clientMsgId: 'm-1', body: 'Marc here' })).ok).toBe(true);
    expect((await fromMarc).authorName).toBe('Marc');
    const refused = await call<Result>(sophie, 'message:send', { chatId, clientMsgId: 'a-late', body: 'me again' });
    expect(refused.ok ? 'ok' : refused.error.id).not.toBe('ok');

    const [row] = await w.db.query<{ state: string; note: string }>('SELECT state, note FROM chat_transfers WHERE id = $1', [transfer.id]);
    expect(row).toEqual({ state: 'accepted', note: 'Wants a refund for order 1042' });
    const [hook] = await w.db.query<{ payload: { type: string; data: { chat: { agent: { name: string } }; transfer: { from: { name: string }; to: { kind: string; name: string }; note: string } } } }>(
      "SELECT payload FROM webhook_deliveries WHERE webhook_id = $1 AND event = 'chat.transferred'",
      [hookId],
    );
    expect(hook?.payload.type).toBe('chat.transferred');
    expect(hook?.payload.data.chat.agent.name).toBe('Marc');
    expect(hook?.payload.data.transfer).toMatchObject({ from: { name: 'Sophie' }, to: { kind: 'agent', name: 'Marc' }, note: 'Wants a refund for order 1042' });
    await w.db.query('UPDATE webhooks SET active = false WHERE id = $1', [hookId]);

    await endAsCustomer(customer);
    await call(marc, 'status:set', { status: 'away' });

    // Sophie handled the chat before handing it over: it stays in her history, transcript and all.
    const sophieCookie = await signIn(node, 'sophie@demo.example');
    const history = (await api(node, 'GET', '/api/agent/history', undefined, sophieCookie)).body.chats as Array<{ chatId: string }>;
    expect(history.map((c) => c.chatId)).toContain(chatId);
    const opened = await api(node, 'GET', `/api/agent/history/${chatId}`, undefined, sophieCookie);
    expect(opened.status).toBe(200);
  });

  it('to an agent, declined or timed out: the sender keeps the chat and reads why', async () => {
    const { chatId, customer } = await chatWith(w, node, sophie, 'decline');
    await call(marc, 'status:set', { status: 'available' });
    const marcId = await idOf(w.db, 'marc@demo.example');

    const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === chatId, WAIT_MS);
    const first = await request(sophie, chatId, { kind: 'agent', agentId: marcId }, 'Please take this one');
    await offered;
    const declined = nextEvent<TransferView>(sophie, 'transfer:updated', (t) => t.id === first.id, WAIT_MS);
    expect((await call<Result>(marc, 'transfer:decline', { transferId: first.id })).ok).toBe(true);
    expect(await declined).toMatchObject({ state: 'refused', reason: 'declined' });
    // Declining twice, or accepting after declining, is refused.
    const late = await call<Result>(marc, 'transfer:accept', { transferId: first.id });
    expect(late.ok ? 'ok' : late.error.id).toBe('not_offered');

    // Marc lets the next one time out: Sophie reads it, Marc's offer goes and he is not set Away for it.
    const offeredAgain = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === chatId, WAIT_MS);
    const second = await request(sophie, chatId, { kind: 'agent', agentId: marcId });
    await offeredAgain;
    const withdrawn = nextEvent<{ chatId: string }>(marc, 'offer:withdrawn', (o) => o.chatId === chatId, WAIT_MS);
    const timedOut = nextEvent<TransferView>(sophie, 'transfer:updated', (t) => t.id === second.id, WAIT_MS);
    expect(await timedOut).toMatchObject({ state: 'refused', reason: 'timeout' });
    await withdrawn;
    const [marcRow] = await w.db.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [marcId]);
    expect(marcRow?.status).toBe('available');

    const [chat] = await w.db.query<{ status: string; agent_id: string }>('SELECT status, agent_id FROM chats WHERE id = $1', [chatId]);
    expect(chat).toEqual({ status: 'active', agent_id: await idOf(w.db, 'sophie@demo.example') });
    const mine = await call<Sync>(customer, 'chat:sync', { afterSeq: 0 });
    if (!mine.ok) throw new Error(mine.error.message);
    expect(mine.events.some((e) => e.system === 'transferred')).toBe(false);
    await endAsCustomer(customer);
    await call(marc, 'status:set', { status: 'away' });
  });

  it('refuses on the spot with the reason: away, full, yourself, unknown, closed or unstaffed queue, the same queue, an ended chat; and bad input by field', async () => {
    const { chatId, customer } = await chatWith(w, node, sophie, 'refusals');
    const marcId = await idOf(w.db, 'marc@demo.example');
    const sophieId = await idOf(w.db, 'sophie@demo.example');
    const [afterHours] = await w.db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'after-hours'");
    const reason = async (to: Parameters<typeof request>[2]) => {
      const t = await request(sophie, chatId, to);
      expect(t.id).toBeNull();
      return t.state === 'refused' ? t.reason : t.state;
    };
    expect(await reason({ kind: 'agent', agentId: marcId })).toBe('offline'); // Marc is Away
    expect(await reason({ kind: 'agent', agentId: sophieId })).toBe('yourself');
    expect(await reason({ kind: 'agent', agentId: newId() })).toBe('unknown_agent');
    expect(await reason({ kind: 'queue', queueId: newId() })).toBe('unknown_queue');
    expect(await reason({ kind: 'queue', queueId: w.supportId })).toBe('same_queue');
    expect(await reason({ kind: 'queue', queueId: afterHours!.id })).toBe('queue_closed');
    expect(await reason({ kind: 'queue', queueId: w.billingId })).toBe('no_agents'); // Bea is not signed in

    // Full: Marc has one seat, held by a transfer offered to him; a second transfer finds no seat.
    const other = await chatWith(w, node, sophie, 'second');
    await w.db.query('UPDATE users SET capacity = 1 WHERE id = $1', [marcId]);
    await call(marc, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === other.chatId, WAIT_MS);
    const holding = await request(sophie, other.chatId, { kind: 'agent', agentId: marcId });
    await offered;
    expect(await reason({ kind: 'agent', agentId: marcId })).toBe('at_capacity');
    // The held seat is a seat in use for the router too (src/app/seats.ts), so it offers him nothing meanwhile.
    const [seats] = await w.db.query<{ used: number }>(`SELECT ${seatsUsedSql('u')} AS used FROM users u WHERE u.id = $1`, [marcId]);
    expect(seats?.used).toBe(1);
    expect((await call<Result>(marc, 'transfer:decline', { transferId: holding.id })).ok).toBe(true);
    await w.db.query('UPDATE users SET capacity = 3 WHERE id = $1', [marcId]);
    await call(marc, 'status:set', { status: 'away' });
    await endAsCustomer(other.customer);

    // Bad input is refused by field, and nothing is stored.
    const tooLong = await call<Requested>(sophie, 'transfer:request', { chatId, to: { kind: 'agent', agentId: marcId }, note: 'x'.repeat(501) });
    expect(tooLong.ok ? null : tooLong.error).toMatchObject({ id: 'validation', fields: { note: expect.stringContaining('500') } });
    const noTarget = await call<Requested>(sophie, 'transfer:request', { chatId, to: { kind: 'team' }, note: '' });
    expect(noTarget.ok ? null : noTarget.error.id).toBe('validation');
    const [count] = await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_transfers WHERE chat_id = $1', [chatId]);
    expect(count?.n).toBe(0);

    await endAsCustomer(customer);
    expect(await reason({ kind: 'agent', agentId: marcId })).toBe('chat_ended');
  });

  it('refuses a pending transfer when the chat ends before the answer', async () => {
    const { chatId, customer } = await chatWith(w, node, sophie, 'ends');
    await call(marc, 'status:set', { status: 'available' });
    const marcId = await idOf(w.db, 'marc@demo.example');
    const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === chatId, WAIT_MS);
    const transfer = await request(sophie, chatId, { kind: 'agent', agentId: marcId });
    await offered;
    const withdrawn = nextEvent<{ chatId: string }>(marc, 'offer:withdrawn', (o) => o.chatId === chatId, WAIT_MS);
    const refused = nextEvent<TransferView>(sophie, 'transfer:updated', (t) => t.id === transfer.id, WAIT_MS);
    await endAsCustomer(customer);
    expect(await refused).toMatchObject({ state: 'refused', reason: 'chat_ended' });
    await withdrawn;
    const late = await call<Result>(marc, 'transfer:accept', { transferId: transfer.id });
    expect(late.ok ? 'ok' : late.error.id).toBe('not_offered');
    await call(marc, 'status:set', { status: 'away' });
  });

  it('withdrawn by the sender while offered: the receiver is told at once, the chat stays with the sender; a second answer finds it gone', async () => {
    const { chatId, customer } = await chatWith(w, node, sophie, 'withdraw');
    await call(marc, 'status:set', { status: 'available' });
    const marcId = await idOf(w.db, 'marc@demo.example');
    const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === chatId, WAIT_MS);
    const transfer = await request(sophie, chatId, { kind: 'agent', agentId: marcId }, 'Never mind');
    await offered;
    // Only the sender may withdraw it: Marc (the receiver) cannot, and nothing changes.
    const byMarc = await call<Requested>(marc, 'transfer:cancel', { transferId: transfer.id });
    expect(byMarc.ok ? 'ok' : byMarc.error.id).toBe('not_offered');
    const bad = await call<Requested>(sophie, 'transfer:cancel', { transferId: 'nope' });
    expect(bad.ok ? 'ok' : bad.error.fields).toHaveProperty('transferId');

    const withdrawn = nextEvent<{ chatId: string; transferId?: string; reason?: string }>(marc, 'offer:withdrawn', (o) => o.chatId === chatId, WAIT_MS);
    const cancelled = await call<Requested>(sophie, 'transfer:cancel', { transferId: transfer.id });
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    expect(cancelled.transfer).toMatchObject({ id: transfer.id, state: 'refused', reason: 'withdrawn' });
    expect(await withdrawn).toEqual({ chatId, transferId: transfer.id, reason: 'withdrawn' });
    // Marc's held seat is free, his offers list is empty; a late accept finds nothing.
    const late = await call<Result>(marc, 'transfer:accept', { transferId: transfer.id });
    expect(late.ok ? 'ok' : late.error.id).toBe('not_offered');
    const marcSnapshot = await call<Result<{ snapshot: AgentSnapshot }>>(marc, 'console:snapshot', {});
    if (!marcSnapshot.ok) throw new Error(marcSnapshot.error.message);
    expect(marcSnapshot.snapshot.offers.map((o) => o.chatId)).not.toContain(chatId);
    const [seat] = await w.db.query<{ used: number }>(`SELECT ${seatsUsedSql('u')} AS used FROM users u WHERE u.id = $1`, [marcId]);
    expect(seat?.used).toBe(0);
    // The chat is still Sophie's: she writes, the customer reads; no "transferred" line was stored.
    const [chat] = await w.db.query<{ agent_id: string }>('SELECT agent_id FROM chats WHERE id = $1', [chatId]);
    expect(chat?.agent_id).toBe(await idOf(w.db, 'sophie@demo.example'));
    expect((await call<Result>(sophie, 'message:send', { chatId, clientMsgId: 'a-still', body: 'Still with you' })).ok).toBe(true);
    const synced = await call<Sync>(customer, 'chat:sync', { afterSeq: 0 });
    if (!synced.ok) throw new Error(synced.error.message);
    expect(synced.events.some((e) => e.system === 'transferred')).toBe(false);
    // Withdrawing twice: the second finds it answered.
    const twice = await call<Requested>(sophie, 'transfer:cancel', { transferId: transfer.id });
    expect(twice.ok ? 'ok' : twice.error.id).toBe('not_offered');
    await endAsCustomer(customer);
    await call(marc, 'status:set', { status: 'away' });
  });

  it('withdraw racing the accept: exactly one wins, and the chat is where the winner says', async () => {
    const marcId = await idOf(w.db, 'marc@demo.example');
    const sophieId = await idOf(w.db, 'sophie@demo.example');
    const winners: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const { chatId, customer } = await chatWith(w, node, sophie, `race-${round}`);
      await call(marc, 'status:set', { status: 'available' });
      const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === chatId, WAIT_MS);
      const transfer = await request(sophie, chatId, { kind: 'agent', agentId: marcId });
      await offered;
      // Both at once; alternate who is sent first.
      const cancel = () => call<Requested>(sophie, 'transfer:cancel', { transferId: transfer.id });
      const accept = () => call<Result<{ chat: AgentChatView }>>(marc, 'transfer:accept', { transferId: transfer.id });
      let cancelled: Requested;
      let accepted: Result<{ chat: AgentChatView }>;
      if (round % 2) {
        const c = cancel();
        const a = accept();
        [cancelled, accepted] = await Promise.all([c, a]);
      } else {
        const a = accept();
        const c = cancel();
        [accepted, cancelled] = await Promise.all([a, c]);
      }
      expect([cancelled.ok, accepted.ok].filter(Boolean)).toHaveLength(1);
      const [row] = await w.db.query<{ state: string; reason: string | null }>('SELECT state, reason FROM chat_transfers WHERE id = $1', [transfer.id]);
      const [chat] = await w.db.query<{ agent_id: string }>('SELECT agent_id FROM chats WHERE id = $1', [chatId]);
      if (accepted.ok) {
        expect(row).toEqual({ state: 'accepted', reason: null });
        expect(chat?.agent_id).toBe(marcId);
        expect(cancelled.ok ? 'ok' : cancelled.error.id).toBe('conflict');
        winners.push('accept');
      } else {
        expect(row).toEqual({ state: 'refused', reason: 'withdrawn' });
        expect(chat?.agent_id).toBe(sophieId);
        expect(accepted.error.id).toBe('not_offered');
        winners.push('cancel');
      }
      await endAsCustomer(customer);
      await call(marc, 'status:set', { status: 'away' });
    }
    expect(winners).toHaveLength(4);
  });

  it('to a queue: the chat joins that line at the front keeping the wait, the customer is told, the next agent there gets it whole with the note', async () => {
    const bea = await agentOnline(w, node, 'bea@demo.example');
    // Bea's one seat is taken by a Billing chat, and another Billing customer waits.
    const busy = await chatWith(w, node, bea, 'busy', 'billing');
    const waiter = (await api(node, 'POST', '/api/public/queues/billing/chats', { fields: { ...form, first_name: 'Wes' } })).body as StartChatResponse;
    const { chatId, customer } = await chatWith(w, node, sophie, 'to-billing');
    const [before] = await w.db.query<{ queued_at: Date }>('SELECT queued_at FROM chats WHERE id = $1', [chatId]);

    const told = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.system === 'transferred', WAIT_MS);
    const waiting = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'queued', WAIT_MS);
    const transfer = await request(sophie, chatId, { kind: 'queue', queueId: w.billingId }, 'Invoice question, already verified');
    expect(transfer).toMatchObject({ state: 'accepted', to: { kind: 'queue', id: w.billingId, name: 'Billing' } });
    expect(said(await told)).toBe('Sophie transferred you to Billing');
    const state = await waiting;
    expect(state).toMatchObject({ status: 'queued', position: 1, agent: null, queueSlug: 'billing' });
    // The wait is kept (never shortened): the customer's waiting-since is their original one or earlier.
    expect(Date.parse(state.waitingSince!)).toBeLessThanOrEqual(new Date(before!.queued_at).getTime());
    const [wes] = await w.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM chats WHERE queue_id = $1 AND status = 'queued' AND queued_at < (SELECT queued_at FROM chats WHERE id = $2)`,
      [w.billingId, waiter.chatId],
    );
    expect(wes?.n).toBe(1); // Wes joined Billing first, but the transferred customer is ahead of him.
    // Sophie no longer has the chat.
    const stolen = await call<Result>(sophie, 'message:send', { chatId, clientMsgId: 'a-after', body: 'still mine?' });
    expect(stolen.ok).toBe(false);

    // Bea's seat frees: she is offered the transferred chat first, with Sophie's note.
    const offered = nextEvent<OfferView>(bea, 'offer', () => true, WAIT_MS);
    await endAsCustomer(busy.customer);
    const offer = await offered;
    expect(offer).toMatchObject({ chatId, queueName: 'Billing', transfer: { fromName: 'Sophie', note: 'Invoice question, already verified' } });
    expect(offer.transferId).toBeUndefined();
    const joined = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.agent?.name === 'Bea', WAIT_MS);
    const accepted = await call<Result<{ chat: AgentChatView }>>(bea, 'offer:accept', { chatId });
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(accepted.chat.transfer?.note).toBe('Invoice question, already verified');
    await joined;
    const bodies = accepted.chat.events.map(said);
    for (const line of ['Customer: to-billing', 'Agent: to-billing', 'Sophie transferred you to Billing', 'Bea has joined the chat']) expect(bodies).toContain(line);
    expect(accepted.chat.events.map((e) => e.seq)).toEqual(accepted.chat.events.map((_, i) => i + 1));
    await endAsCustomer(customer);
  });
});

const redisUrl = process.env.REDIS_URL;
const shared = backends().at(-1);

describe.runIf(redisUrl && shared?.name === 'postgres')('transfers across nodes through Redis', () => {
  let nodeA: RunningNode;
  let nodeB: RunningNode;
  let w: World;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await shared!.open();
    drop = opened.drop;
    nodeA = await startTestNode(opened.db, { redisUrl, offerTimeoutSeconds: 10 });
    nodeB = await startTestNode(opened.db, { redisUrl, seedDemo: false, offerTimeoutSeconds: 10 });
    w = await buildWorld(opened.db);
  });
  afterAll(async () => {
    for (const socket of w?.open ?? []) socket.disconnect();
    await nodeA?.close();
    await nodeB?.close();
    await w?.db.close();
    await drop?.();
  });

  it('moves a chat from an agent on one node to an agent on the other; the customer follows', async () => {
    const sophie = await agentOnline(w, nodeA, 'sophie@demo.example');
    const marc = await agentOnline(w, nodeB, 'marc@demo.example', 'away');
    const { chatId, customer } = await chatWith(w, nodeA, sophie, 'across');
    await call(marc, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(marc, 'offer', (o) => o.chatId === chatId, WAIT_MS);
    const transfer = await request(sophie, chatId, { kind: 'agent', agentId: await idOf(w.db, 'marc@demo.example') }, 'Across nodes');
    expect((await offered).transfer?.note).toBe('Across nodes');
    const done = nextEvent<TransferView>(sophie, 'transfer:updated', (t) => t.id === transfer.id, WAIT_MS);
    const newAgent = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.agent?.name === 'Marc', WAIT_MS);
    expect((await call<Result>(marc, 'transfer:accept', { transferId: transfer.id })).ok).toBe(true);
    expect((await done).state).toBe('accepted');
    await newAgent;
    // The customer on node A reaches Marc on node B.
    const atMarc = nextEvent<ChatEventView>(marc, 'chat:event', (e) => e.body === 'Customer: hello Marc', WAIT_MS);
    expect((await call<Result>(customer, 'message:send', { clientMsgId: 'c-marc', body: 'Customer: hello Marc' })).ok).toBe(true);
    await atMarc;
    await endAsCustomer(customer);
  });
});
