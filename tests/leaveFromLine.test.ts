/**
 * Issue 11 rough edge: a customer waiting in line who leaves a message or asks for a callback from the
 * waiting screen (the page sends their chat token) leaves the line with it — one way to be answered,
 * not two. Only a wait ends: a chat an agent took goes on. A bad token is refused and stores nothing;
 * without a token (the closed screen) nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { CHAT_TOKEN_HEADER } from '../src/protocol/afterChat.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { agentOnline, FORM } from './support/endedChat.js';
import { api, type AgentSocket, call, connectCustomer, nextEvent, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('leaving a message from the line on $name', (backend) => {
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
    const offline = { offline: { leaveMessage: { enabled: true, email: 'support@demo.example' }, callback: { enabled: true } }, closedMessage: 'Closed.', noAgentsMessage: 'Away.' };
    expect((await api(node, 'PUT', `/api/admin/queues/${support!.id}/offline`, offline, admin)).status).toBe(200);
    // One seat: a second customer waits in line.
    await db.query("UPDATE users SET capacity = 1 WHERE email = 'sophie@demo.example'");
    sophie = await agentOnline(node, 'sophie@demo.example');
  });
  afterAll(async () => {
    sophie?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const start = async (first: string) => (await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...FORM, first_name: first } })).body as StartChatResponse;
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${node.url}/api/public/queues/support/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { [CHAT_TOKEN_HEADER]: token }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { id?: string; leftLine?: boolean; error?: { id: string } } };
  };
  const chat = async (id: string) => (await db.query<{ status: string; ended_by: string | null }>('SELECT status, ended_by FROM chats WHERE id = $1', [id]))[0]!;
  const items = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offline_items'))[0]!.n;

  it('ends the wait of a customer offered to an agent who leaves a message instead: the offer is withdrawn', async () => {
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const ana = await start('Ana');
    await offered;
    const withdrawn = nextEvent<{ chatId: string }>(sophie, 'offer:withdrawn', (w) => w.chatId === ana.chatId);
    const left = await post('messages', { email: 'ana@example.com', message: 'Call me later instead.' }, ana.token);
    expect(left).toMatchObject({ status: 201, body: { leftLine: true } });
    await withdrawn;
    expect(await chat(ana.chatId)).toEqual({ status: 'ended', ended_by: 'customer' });
    const [item] = await db.query<{ message: string }>('SELECT message FROM offline_items WHERE id = $1', [left.body.id]);
    expect(item?.message).toBe('Call me later instead.');
    // The message is work for Sophie's one seat like a chat: answered, the seat is free again.
    const answered = await api(node, 'POST', `/api/agent/offline-items/${left.body.id}/reply`, { body: 'Sure.' }, await signIn(node, 'sophie@demo.example'));
    expect(answered.status).toBe(200);
  });

  it('ends the wait of a customer in line who asks for a callback, and tells their page; a chat under way goes on', async () => {
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const bea = await start('Bea');
    expect((await call<Result>(sophie, 'offer:accept', { chatId: (await offered).chatId })).ok).toBe(true);
    const cy = await start('Cy');
    expect(cy.state.status).toBe('queued');
    const cyPage = await connectCustomer(node, cy.token);
    try {
      const ended = nextEvent<ChatStateView>(cyPage, 'chat:state', (s) => s.status === 'ended');
      const callback = await post('callbacks', { name: 'Cy', phone: '+33 6 12 34 56 78', preferredTime: 'Tonight' }, cy.token);
      expect(callback).toMatchObject({ status: 201, body: { leftLine: true } });
      expect((await ended).endedBy).toBe('customer');
    } finally {
      cyPage.disconnect();
    }
    // Bea is talking to Sophie: her message is taken, her chat goes on.
    const during = await post('messages', { email: 'bea@example.com', message: 'Also this.' }, bea.token);
    expect(during).toMatchObject({ status: 201, body: { leftLine: false } });
    expect((await chat(bea.chatId)).status).toBe('active');
  });

  it('refuses a malformed or unknown chat token, storing nothing; without one nothing else changes', async () => {
    const before = await items();
    for (const token of ['short', 'x'.repeat(43)]) {
      const refused = await post('messages', { email: 'dan@example.com', message: 'Hello' }, token);
      expect(refused.status).toBe(401);
      expect(refused.body.error?.id).toBe('unauthorized');
    }
    expect(await items()).toBe(before);
    const closedScreen = await post('messages', { email: 'dan@example.com', message: 'Hello' });
    expect(closedScreen).toMatchObject({ status: 201, body: { leftLine: false } });
  });
});
