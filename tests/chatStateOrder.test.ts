/**
 * A customer's page is told its chat's state by several writers, each reading the row at its own
 * moment: a place broadcast that read the chat while it was offered could reach the page after the
 * accept's "active" (seen on PostgreSQL with two nodes: the customer, connected, was shown "Connecting
 * you" until the next change). Every change of status or agent counts in the row (migration 32) and
 * the page keeps the newest (web/customer/chatState.ts). Runs on PGlite and, when DATABASE_URL is set,
 * on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerState, waitingStates } from '../src/app/chatViews.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatEventView, ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { isCurrent } from '../web/customer/chatState.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const FORM = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

describe.each(backends())('the order of a chat state on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let agent: AgentSocket;
  let customer: CustomerSocket;
  let chat: StartChatResponse;
  let queueId: string;
  let staleOffered: ChatStateView;
  let active: ChatStateView;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'status:set', { status: 'available' });
    [{ id: queueId }] = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'")) as [{ id: string }];
  });
  afterAll(async () => {
    agent?.disconnect();
    customer?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('counts the offer, so a place read while offered is older than the accept', async () => {
    const offered = nextEvent<OfferView>(agent, 'offer');
    chat = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: FORM })).body as StartChatResponse;
    customer = await connectCustomer(node, chat.token);
    await offered;
    // What a place broadcast reads of the line while the chat is offered, published late.
    const line = await waitingStates(db, queueId);
    staleOffered = line.find((state) => state.chatId === chat.chatId) as ChatStateView;
    expect(staleOffered.status).toBe('offered');
    expect(staleOffered.version).toBeGreaterThan(chat.state.version);

    const told = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'active');
    const accepted = await call<Result>(agent, 'offer:accept', { chatId: chat.chatId });
    expect(accepted.ok).toBe(true);
    active = await told;
    expect(active.version).toBeGreaterThan(staleOffered.version);
  });

  it('lets the page keep "active" when the stale place arrives after it', () => {
    expect(isCurrent(staleOffered, active)).toBe(false);
    expect(isCurrent(active, staleOffered)).toBe(true);
    // The first state a page learns is always taken.
    expect(isCurrent(staleOffered, null)).toBe(true);
  });

  it('does not count messages: they change nothing the state shows', async () => {
    const sent = await call<Result<{ event: ChatEventView }>>(customer, 'message:send', { clientMsgId: 'order-1', body: 'Hello' });
    expect(sent.ok).toBe(true);
    const now = await customerState(db, chat.chatId);
    expect(now.version).toBe(active.version);
    // The same change read again (a sync's answer) still replaces what is shown.
    expect(isCurrent(now, active)).toBe(true);
  });

  it('counts the end, so no earlier state can follow it on the page', async () => {
    const ended = nextEvent<ChatStateView>(customer, 'chat:state', (s) => s.status === 'ended');
    const result = await call<Result>(customer, 'chat:end', {});
    expect(result.ok).toBe(true);
    const last = await ended;
    expect(last.version).toBeGreaterThan(active.version);
    expect(isCurrent(active, last)).toBe(false);
  });
});
