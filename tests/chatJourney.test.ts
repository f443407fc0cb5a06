/**
 * The customer's journey through the real HTTP API and Socket.IO gateway:
 * data collection, waiting, offer, accept, messages both ways, typing,
 * resume after a dropped connection, and both ways of ending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../src/protocol/errors.js';
import type { AgentSnapshot } from '../src/protocol/events.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { AgentChatView, ChatEventView, ChatStateView, OfferView, PublicQueueView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import type { Db } from '../src/db/db.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, nextEvent, said, signIn, startTestNode, type AgentSocket } from './support/testNode.js';

const validForm = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

describe.each(backends())('chat journey on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let agent: AgentSocket;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
  });
  afterAll(async () => {
    agent?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('shows the no-agents screen while nobody is Available', async () => {
    const { status, body } = await api(node, 'GET', '/api/public/queues/support');
    expect(status).toBe(200);
    expect((body as PublicQueueView).screen).toBe('closed');
    expect((body as PublicQueueView).closedReason).toBe('no_agents');
  });

  it('shows the Data Collection form once an agent is Available', async () => {
    agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    const snap = await call<Result<{ snapshot: AgentSnapshot }>>(agent, 'console:snapshot', {});
    expect(snap.ok && snap.snapshot.me.displayName).toBe('Sophie');
    const set = await call<Result<{ state: { status: string } }>>(agent, 'status:set', { status: 'available' });
    expect(set.ok && set.state.status).toBe('available');
    const view = (await api(node, 'GET', '/api/public/queues/support')).body as PublicQueueView;
    expect(view.screen).toBe('form');
    expect(view.form?.map((f) => [f.label, f.required])).toEqual([
      ['First name', true],
      ['Last name', true],
      ['Email', true],
      ['Nature of inquiry', true],
    ]);
  });

  it('refuses an invalid form, naming each field, and stores nothing', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chats');
    const { status, body } = await api(node, 'POST', '/api/public/queues/support/chats', {
      fields: { ...validForm, first_name: '', email: 'not-an-email', inquiry: 'Lottery' },
    });
    expect(status).toBe(400);
    expect(body.error.id).toBe('validation');
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'first_name', 'inquiry']);
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chats');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses malformed bodies with a clear error', async () => {
    const notJson = await api(node, 'POST', '/api/public/queues/support/chats', '{"fields":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.id).toBe('validation');
    const wrongType = await api(node, 'POST', '/api/public/queues/support/chats', { fields: 'x' });
    expect(wrongType.status).toBe(400);
    const unknownQueue = await api(node, 'GET', '/api/public/queues/no-such-queue');
    expect(unknownQueue.status).toBe(404);
  });

  let chat: StartChatResponse;
  let accepted: AgentChatView;

  it('queues the customer, offers the chat to Sophie with the collected data, and connects them', async () => {
    const offered = nextEvent<OfferView>(agent, 'offer');
    const { status, body } = await api(node, 'POST', '/api/public/queues/support/chats', { fields: validForm });
    expect(status).toBe(201);
    chat = body as StartChatResponse;
    expect(chat.state.status).toMatch(/queued|offered/);
    expect(chat.state.position).toBe(1);
    // The answer to Send carries the place and the estimate: the page shows them at once, no push awaited.
    expect(chat.state.estimatedWaitSeconds).not.toBeNull();

    const customer = await connectCustomer(node, chat.token);
    const offer = await offered;
    expect(offer.chatId).toBe(chat.chatId);
    expect(offer.customerName).toBe('Ana Silva');
    expect(offer.customerData).toContainEqual({ label: 'Nature of inquiry', value: 'Billing' });

    const active = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'active');
    const result = await call<Result<{ chat: AgentChatView }>>(agent, 'offer:accept', { chatId: chat.chatId });
    expect(result.ok).toBe(true);
    if (result.ok) accepted = result.chat;
    const state = await active;
    expect(state.agent?.name).toBe('Sophie');
    expect(state.agent?.pictureUrl).toMatch(/^\/api\/public\/avatars\//);
    const picture = await fetch(`${node.url}${state.agent?.pictureUrl}`);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    customer.disconnect();
  });

  it('carries messages both ways in order, relays typing, and never stores a retry twice', async () => {
    const customer = await connectCustomer(node, chat.token);
    const typing = nextEvent<{ name: string; typing: boolean }>(customer, 'typing');
    agent.emit('typing', { chatId: chat.chatId, typing: true });
    expect(await typing).toMatchObject({ name: 'Sophie', typing: true, from: 'agent' });

    const agentTyping = nextEvent<{ name: string }>(agent, 'typing');
    customer.emit('typing', { typing: true });
    expect((await agentTyping).name).toBe('Ana Silva');

    const seenByCustomer = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.author === 'agent');
    const fromAgent = await call<Result<{ event: ChatEventView }>>(agent, 'message:send', { chatId: chat.chatId, clientMsgId: 'a1', body: 'Hello Ana, how can I help?' });
    expect(fromAgent.ok).toBe(true);
    expect((await seenByCustomer).body).toBe('Hello Ana, how can I help?');

    const seenByAgent = nextEvent<ChatEventView>(agent, 'chat:event', (e) => e.author === 'customer');
    const first = await call<Result<{ event: ChatEventView }>>(customer, 'message:send', { clientMsgId: 'c1', body: 'My invoice is wrong.' });
    const retry = await call<Result<{ event: ChatEventView }>>(customer, 'message:send', { clientMsgId: 'c1', body: 'My invoice is wrong.' });
    expect(first.ok && retry.ok && first.event.seq === retry.event.seq).toBe(true);
    expect((await seenByAgent).body).toBe('My invoice is wrong.');

    const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM chat_events WHERE chat_id = $1 AND client_msg_id = 'c1'", [chat.chatId]);
    expect(rows[0]?.n).toBe(1);
    customer.disconnect();
  });

  it('refuses bad socket payloads with a clear error and keeps the chat whole', async () => {
    const customer = await connectCustomer(node, chat.token);
    const empty = await call<Result>(customer, 'message:send', { clientMsgId: 'c2', body: '   ' });
    expect(!empty.ok && empty.error.id).toBe('validation');
    const huge = await call<Result>(customer, 'message:send', { clientMsgId: 'c3', body: 'x'.repeat(5000) });
    expect(!huge.ok && huge.error.fields?.body).toMatch(/at most 4000/);
    const garbage = await call<Result>(customer, 'message:send', 42);
    expect(garbage.ok).toBe(false);
    const foreign = await call<Result>(agent, 'message:send', { chatId: '00000000-0000-4000-8000-000000000000', clientMsgId: 'x', body: 'hi' });
    expect(!foreign.ok && foreign.error.id).toBe('not_found');
    customer.disconnect();
  });

  it('resumes after a dropped connection with the whole history, nothing doubled', async () => {
    const customer = await connectCustomer(node, chat.token);
    const all = await call<Result<{ events: ChatEventView[]; state: ChatStateView }>>(customer, 'chat:sync', { afterSeq: 0 });
    if (!all.ok) throw new Error('sync failed');
    const seqs = all.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(all.events.map(said)).toEqual(
      expect.arrayContaining(['Sophie has joined the chat', 'Hello Ana, how can I help?', 'My invoice is wrong.']),
    );
    const tail = await call<Result<{ events: ChatEventView[] }>>(customer, 'chat:sync', { afterSeq: seqs.at(-2) ?? 0 });
    expect(tail.ok && tail.events.map((e) => e.seq)).toEqual(seqs.slice(-1));
    customer.disconnect();
    expect(accepted.customerName).toBe('Ana Silva');
  });

  it('tells the customer "Sophie has left the chat" when the agent leaves first', async () => {
    const customer = await connectCustomer(node, chat.token);
    const left = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.system === 'agent_left');
    const ended = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'ended');
    const result = await call<Result>(agent, 'chat:leave', { chatId: chat.chatId });
    expect(result.ok).toBe(true);
    const leftLine = await left;
    expect(leftLine.line).toEqual({ id: 'agent_left', params: { name: 'Sophie' } });
    expect(said(leftLine)).toBe('Sophie has left the chat');
    expect((await ended).endedBy).toBe('agent');
    const late = await call<Result>(customer, 'message:send', { clientMsgId: 'late', body: 'hello?' });
    expect(!late.ok && late.error.id).toBe('chat_ended');
    customer.disconnect();
  });

  it('ends the chat for both sides when the customer clicks End Chat', async () => {
    const offered = nextEvent<OfferView>(agent, 'offer');
    const second = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: validForm })).body as StartChatResponse;
    await offered;
    await call(agent, 'offer:accept', { chatId: second.chatId });
    const customer = await connectCustomer(node, second.token);
    const agentSees = nextEvent<{ chatId: string; status: string; endedBy: string }>(agent, 'chat:state', (s) => s.chatId === second.chatId);
    const leftEvent = nextEvent<ChatEventView>(agent, 'chat:event', (e) => e.chatId === second.chatId && e.system === 'customer_left');
    const result = await call<Result>(customer, 'chat:end', {});
    expect(result.ok).toBe(true);
    expect(await agentSees).toMatchObject({ status: 'ended', endedBy: 'customer' });
    expect(said(await leftEvent)).toBe('Ana Silva has left the chat');
    customer.disconnect();
  });

  it('refuses a customer socket without a valid chat token', async () => {
    await expect(connectCustomer(node, 'x'.repeat(43))).rejects.toThrow(/unauthorized/);
  });

  it('gives a declined chat to the line again, not straight back to the agent who declined it', async () => {
    const offered = nextEvent<OfferView>(agent, 'offer');
    const third = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: validForm })).body as StartChatResponse;
    await offered;
    expect((await call<Result>(agent, 'offer:decline', { chatId: third.chatId })).ok).toBe(true);
    // Sophie is the only agent: the chat waits (for someone else, or the decline cooldown: tests/declineCooldown.test.ts).
    await node.routingIdle();
    const [row] = await db.query<{ status: string }>('SELECT status FROM chats WHERE id = $1', [third.chatId]);
    expect(row?.status).toBe('queued');
    const customer = await connectCustomer(node, third.token);
    await call(customer, 'chat:end', {});
    customer.disconnect();
  });
});
