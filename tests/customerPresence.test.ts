/**
 * Nothing lost, nobody stranded: a waiting customer who closes the page and
 * does not come back within the grace period leaves the line (abandoned,
 * never offered, the customers behind move up); one who comes back in time,
 * on any node, keeps their place; an active chat whose customer is gone ends
 * for the agent; a chat silent for its queue's inactivity timeout is warned,
 * then closed, unless someone writes. The sweeper runs by hand here (long
 * interval) so each step is observed in order; due times are moved back in
 * the database instead of waiting minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../src/app/sweeper.js';
import type { Db } from '../src/db/db.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { Result } from '../src/protocol/errors.js';
import type { AgentStateView, ChatEventView, ChatStateView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { updateQueueConfig } from './support/factories.js';
import { api, call, connectAgent, connectCustomer, nextEvent, said, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const GRACE_SECONDS = 2;
const FORM = { first_name: 'Zoe', last_name: 'Martin', email: 'zoe@example.com', inquiry: 'Billing' };

type Sync = Result<{ state: ChatStateView; events: ChatEventView[] }>;

describe.each(backends())('customer presence and inactivity on $name', (backend) => {
  let node: RunningNode;
  let other: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;
  const customers: CustomerSocket[] = [];

  async function join(firstName: string): Promise<{ chatId: string; token: string; socket: CustomerSocket }> {
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: { ...FORM, first_name: firstName } })).body as StartChatResponse;
    const socket = await connectCustomer(node, started.token);
    customers.push(socket);
    return { chatId: started.chatId, token: started.token, socket };
  }

  async function stateOf(socket: CustomerSocket): Promise<ChatStateView> {
    const synced = await call<Sync>(socket, 'chat:sync', { afterSeq: 0 });
    if (!synced.ok) throw new Error(synced.error.message);
    return synced.state;
  }

  async function chatRow(chatId: string) {
    const [row] = await db.query<{ status: string; ended_by: string | null; offered_at: Date | null; agent_id: string | null }>(
      'SELECT status, ended_by, offered_at, agent_id FROM chats WHERE id = $1',
      [chatId],
    );
    return row!;
  }

  /** Waits (generously) until the database says the customer has been gone past the grace period. */
  async function untilGone(chatId: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const [row] = await db.query<{ gone: boolean }>('SELECT customer_present_until < now() - make_interval(secs => $2) AS gone FROM chats WHERE id = $1', [
        chatId,
        GRACE_SECONDS,
      ]);
      if (row?.gone) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the customer never counted as gone');
  }

  async function activeChat(firstName: string) {
    await call(sophie, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const customer = await join(firstName);
    expect((await offered).chatId).toBe(customer.chatId);
    await call(sophie, 'offer:accept', { chatId: customer.chatId });
    return customer;
  }

  async function systemEvents(chatId: string, type: string): Promise<Array<{ body: string }>> {
    return db.query('SELECT body FROM chat_events WHERE chat_id = $1 AND system_type = $2 ORDER BY seq', [chatId, type]);
  }

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    const overrides = { customerGraceSeconds: GRACE_SECONDS, presenceTtlSeconds: 5, sweepIntervalMs: 60_000 };
    node = await startTestNode(db, overrides);
    other = await startTestNode(db, overrides);
    // One seat, so that exactly one chat is offered at a time.
    await db.query("UPDATE users SET capacity = 1 WHERE email = 'sophie@demo.example'");
    sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(sophie, 'status:set', { status: 'away' });
  }, 180_000);
  afterAll(async () => {
    for (const socket of customers) socket.disconnect();
    sophie?.disconnect();
    await other?.close();
    await node?.close();
    await db?.close();
    await drop?.();
  }, 180_000);

  it('takes a waiting customer gone past the grace out of line: never offered, abandoned, the next one moves up', async () => {
    // Sophie's one seat is taken, so the others wait (a queue with nobody Available takes no chats).
    const busy = await activeChat('Zed');
    const ana = await join('Ana');
    const ben = await join('Ben');
    const cleo = await join('Cleo');
    expect((await stateOf(cleo.socket)).position).toBe(3);

    ana.socket.disconnect();
    await untilGone(ana.chatId);
    // Ana is first in line but gone: when Sophie's seat frees, the router passes her by and offers Ben.
    const offered = nextEvent<OfferView>(sophie, 'offer');
    await call(sophie, 'chat:leave', { chatId: busy.chatId });
    expect((await offered).chatId).toBe(ben.chatId);
    expect(await chatRow(ana.chatId)).toMatchObject({ status: 'queued', offered_at: null, agent_id: null });

    const cleoMovesUp = nextEvent<ChatStateView>(cleo.socket, 'chat:state', (s) => s.position === 1);
    await sweepOnce(node.deps);
    expect(await chatRow(ana.chatId)).toMatchObject({ status: 'ended', ended_by: 'abandoned', offered_at: null });
    expect((await cleoMovesUp).status).toBe('queued');
    // Visible as abandoned in the data, for reports.
    const [counted] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM chats WHERE id = $1 AND ended_by = 'abandoned'", [ana.chatId]);
    expect(counted?.n).toBe(1);

    await call(ben.socket, 'chat:end', {});
    await call(cleo.socket, 'chat:end', {});
  });

  it('withdraws an offer whose customer is gone past the grace', async () => {
    await call(sophie, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const dan = await join('Dan');
    expect((await offered).chatId).toBe(dan.chatId);
    const withdrawn = nextEvent<{ chatId: string }>(sophie, 'offer:withdrawn', (w) => w.chatId === dan.chatId);
    dan.socket.disconnect();
    await untilGone(dan.chatId);
    await sweepOnce(node.deps);
    await withdrawn;
    expect(await chatRow(dan.chatId)).toMatchObject({ status: 'ended', ended_by: 'abandoned' });
    await call(sophie, 'status:set', { status: 'away' });
  });

  it('keeps the place of a customer who comes back within the grace, on another node', async () => {
    const busy = await activeChat('Yan');
    const eva = await join('Eva');
    const finn = await join('Finn');
    eva.socket.disconnect();
    const back = await connectCustomer(other, eva.token);
    customers.push(back);
    // Longer than the grace since Eva left the first node; she came back on the second.
    await new Promise((r) => setTimeout(r, (GRACE_SECONDS + 1) * 1000));
    await sweepOnce(node.deps);
    expect(await chatRow(eva.chatId)).toMatchObject({ status: 'queued' });
    expect((await stateOf(back)).position).toBe(1);
    expect((await stateOf(finn.socket)).position).toBe(2);
    await call(back, 'chat:end', {});
    await call(finn.socket, 'chat:end', {});
    await call(sophie, 'chat:leave', { chatId: busy.chatId });
  });

  it('ends an active chat whose customer is gone past the grace: the agent reads it and the seat is free', async () => {
    const gus = await activeChat('Gus');
    const line = nextEvent<ChatEventView>(sophie, 'chat:event', (e) => e.chatId === gus.chatId && e.system === 'customer_left');
    const ended = nextEvent<{ chatId: string; endedBy: string | null }>(sophie, 'chat:state', (s) => s.chatId === gus.chatId);
    const freed = nextEvent<AgentStateView>(sophie, 'agent:state', (s) => s.activeChats === 0);
    gus.socket.disconnect();
    await untilGone(gus.chatId);
    await sweepOnce(node.deps);
    expect(said(await line)).toBe('Gus Martin left the chat');
    expect((await ended).endedBy).toBe('customer_gone');
    expect((await freed).activeChats).toBe(0);
    expect(await chatRow(gus.chatId)).toMatchObject({ status: 'ended', ended_by: 'customer_gone' });
    // The freed seat takes the next customer.
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const hana = await join('Hana');
    expect((await offered).chatId).toBe(hana.chatId);
    await call(sophie, 'offer:decline', { chatId: hana.chatId });
    await call(sophie, 'status:set', { status: 'away' });
    await call(hana.socket, 'chat:end', {});
  });

  it('warns the customer of a silent chat once, then closes it for both sides', async () => {
    const ivy = await activeChat('Ivy');
    await db.query("UPDATE chats SET accepted_at = now() - interval '570 seconds', last_message_at = now() - interval '570 seconds' WHERE id = $1", [ivy.chatId]);
    const warning = nextEvent<ChatEventView>(ivy.socket, 'chat:event', (e) => e.system === 'inactivity_warning');
    await sweepOnce(node.deps);
    expect(said(await warning)).toBe('This chat will close in 1 minute if there is no new message.');
    await sweepOnce(node.deps);
    expect(await systemEvents(ivy.chatId, 'inactivity_warning')).toHaveLength(1);
    expect(await chatRow(ivy.chatId)).toMatchObject({ status: 'active' });

    await db.query("UPDATE chats SET accepted_at = now() - interval '630 seconds', last_message_at = now() - interval '630 seconds' WHERE id = $1", [ivy.chatId]);
    const toCustomer = nextEvent<ChatEventView>(ivy.socket, 'chat:event', (e) => e.system === 'inactivity_closed');
    const toAgent = nextEvent<ChatEventView>(sophie, 'chat:event', (e) => e.chatId === ivy.chatId && e.system === 'inactivity_closed');
    const agentState = nextEvent<{ chatId: string; endedBy: string | null }>(sophie, 'chat:state', (s) => s.chatId === ivy.chatId);
    const customerState = nextEvent<ChatStateView>(ivy.socket, 'chat:state', (s) => s.status === 'ended');
    await sweepOnce(node.deps);
    expect(said(await toCustomer)).toBe('The chat was closed after 10 minutes without messages.');
    expect(said(await toAgent)).toBe('The chat was closed after 10 minutes without messages.');
    expect((await agentState).endedBy).toBe('inactivity');
    expect((await customerState).endedBy).toBe('inactivity');
    // Fires once, even when swept again (or by another node).
    await sweepOnce(other.deps);
    expect(await systemEvents(ivy.chatId, 'inactivity_closed')).toHaveLength(1);
    expect(await chatRow(ivy.chatId)).toMatchObject({ status: 'ended', ended_by: 'inactivity' });
    await call(sophie, 'status:set', { status: 'away' });
  });

  it('restarts the inactivity timeout on any new message', async () => {
    const jay = await activeChat('Jay');
    await db.query("UPDATE chats SET accepted_at = now() - interval '570 seconds', last_message_at = now() - interval '570 seconds' WHERE id = $1", [jay.chatId]);
    await sweepOnce(node.deps);
    expect(await systemEvents(jay.chatId, 'inactivity_warning')).toHaveLength(1);

    const sent = await call<Result<{ event: ChatEventView }>>(jay.socket, 'message:send', { clientMsgId: 'jay-1', body: 'Still here!' });
    expect(sent.ok).toBe(true);
    // Only the accept is long ago now: the message restarted the clock.
    await db.query("UPDATE chats SET accepted_at = now() - interval '2 hours' WHERE id = $1", [jay.chatId]);
    await sweepOnce(node.deps);
    expect(await chatRow(jay.chatId)).toMatchObject({ status: 'active' });
    expect(await systemEvents(jay.chatId, 'inactivity_closed')).toHaveLength(0);

    // An agent's message restarts it too, and a later silence warns again.
    await db.query("UPDATE chats SET last_message_at = now() - interval '570 seconds' WHERE id = $1", [jay.chatId]);
    const answered = await call<Result<{ event: ChatEventView }>>(sophie, 'message:send', { chatId: jay.chatId, clientMsgId: 'agent-1', body: 'Take your time.' });
    expect(answered.ok, JSON.stringify(answered)).toBe(true);
    await sweepOnce(node.deps);
    expect(await systemEvents(jay.chatId, 'inactivity_warning')).toHaveLength(1);
    await db.query("UPDATE chats SET last_message_at = now() - interval '570 seconds' WHERE id = $1", [jay.chatId]);
    await sweepOnce(node.deps);
    expect(await systemEvents(jay.chatId, 'inactivity_warning')).toHaveLength(2);
    await call(jay.socket, 'chat:end', {});
    await call(sophie, 'status:set', { status: 'away' });
  });

  it('never closes a chat of a queue whose inactivity timeout is off', async () => {
    await updateQueueConfig(db, 'support', (c) => ({ ...c, inactivityTimeoutMinutes: 0 }));
    try {
      const kim = await activeChat('Kim');
      await db.query("UPDATE chats SET accepted_at = now() - interval '2 days', last_message_at = now() - interval '2 days' WHERE id = $1", [kim.chatId]);
      await sweepOnce(node.deps);
      await sweepOnce(node.deps);
      expect(await chatRow(kim.chatId)).toMatchObject({ status: 'active' });
      expect(await systemEvents(kim.chatId, 'inactivity_warning')).toHaveLength(0);
      await call(kim.socket, 'chat:end', {});
      await call(sophie, 'status:set', { status: 'away' });
    } finally {
      await updateQueueConfig(db, 'support', (c) => ({ ...c, inactivityTimeoutMinutes: 10 }));
    }
  });

  it('validates the inactivity timeout at its field in General Settings', async () => {
    const admin = await signIn(node, 'admin@demo.example');
    const [queue] = await db.query<{ id: string; name: string }>("SELECT id, name FROM queues WHERE slug = 'support'");
    const base = { name: queue!.name, open: true, agentDisplay: 'picture', waitingMessages: ['Hello'], showEstimatedWait: true };
    const path = `/api/admin/queues/${queue!.id}/general`;
    for (const bad of [-1, 1441, 2.5]) {
      const refused = await api(node, 'PATCH', path, { ...base, inactivityTimeoutMinutes: bad }, admin);
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toHaveProperty('inactivityTimeoutMinutes');
    }
    const saved = await api(node, 'PATCH', path, { ...base, inactivityTimeoutMinutes: 15 }, admin);
    expect(saved.status).toBe(200);
    expect(saved.body.inactivityTimeoutMinutes).toBe(15);
    const off = await api(node, 'PATCH', path, { ...base, inactivityTimeoutMinutes: 0 }, admin);
    expect(off.body.inactivityTimeoutMinutes).toBe(0);
  });
});
