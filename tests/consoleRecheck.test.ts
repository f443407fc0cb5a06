/**
 * The console recheck (src/transport/realtime/agentRooms.ts): each node
 * re-derives its agent consoles' chat rooms and sessions from the database,
 * for when the commands that normally keep them (sent between nodes over the
 * bus) were lost. Here the database is changed behind the consoles' backs, as
 * another node would have while the bus was down, and the recheck is run by
 * hand; the fault test (tests/faults/redisOutage.test.ts) does it for real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayAgentTyping } from '../src/app/typing.js';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { roomChanges } from '../src/transport/realtime/agentRooms.js';
import { backends } from './support/backends.js';
import { type CountingDb, countingDb } from './support/countingDb.js';
import { type AgentSocket, api, call, connectAgent, connectCustomer, type CustomerSocket, nextEvent, signIn, startTestNode, tolerateRoutingErrors } from './support/testNode.js';

describe('roomChanges', () => {
  it('leaves the chat rooms not wanted, joins the missing ones, and never touches other rooms', () => {
    expect(roomChanges(['user:u', 'client:c', 'chat:a', 'chat:b', 'abc'], ['chat:b', 'chat:c'])).toEqual({ leave: ['chat:a'], join: ['chat:c'] });
    expect(roomChanges(['user:u', 'chat:a'], ['chat:a'])).toEqual({ leave: [], join: [] });
    expect(roomChanges(['user:u', 'client:c'], [])).toEqual({ leave: [], join: [] });
  });
});

describe.each(backends())('console recheck on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let counter: CountingDb;
  let drop: () => Promise<void>;
  /** The database refuses every statement while set (an outage, as the node sees it). */
  let databaseDown = false;
  let sophieId: string;
  let sophie: AgentSocket;
  let sophieTab: AgentSocket;
  let marc: AgentSocket;
  const open: Array<{ disconnect(): unknown }> = [];

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    counter = countingDb(db);
    const flaky: Db = {
      ...counter,
      query: (sql, params) => (databaseDown ? Promise.reject(new Error('database down (test)')) : counter.query(sql, params)),
    };
    // Nothing periodic within the test: the recheck runs when the test says, and its statements can be counted.
    node = await startTestNode(flaky, { sweepIntervalMs: 60_000, presenceTtlSeconds: 600, agentRecheckMs: 3_600_000 });
    tolerateRoutingErrors(node);
    const [support] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    const marcId = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, 'marc@demo.example', $3, 'agent', 'Marc')", [
      marcId,
      support!.client_id,
      await hashPassword('demo1234'),
    ]);
    const [row] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'");
    sophieId = row!.id;
    const cookie = await signIn(node, 'sophie@demo.example');
    sophie = await connectAgent(node, cookie);
    sophieTab = await connectAgent(node, cookie); // her second tab
    marc = await connectAgent(node, await signIn(node, 'marc@demo.example'));
    open.push(sophie, sophieTab, marc);
    for (const socket of [sophie, sophieTab, marc]) await call(socket, 'console:snapshot', {});
    expect((await call<Result>(sophie, 'status:set', { status: 'available' })).ok).toBe(true);
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  async function activeChat(): Promise<{ chatId: string; customer: CustomerSocket }> {
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', {
      fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' },
    })).body as StartChatResponse;
    expect((await offered).chatId).toBe(started.chatId);
    expect((await call<Result>(sophie, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
    const customer = await connectCustomer(node, started.token);
    open.push(customer);
    await call(customer, 'chat:sync', { afterSeq: 0 });
    return { chatId: started.chatId, customer };
  }

  /** Whether a typing hint of the customer reaches the agent socket (a sync round trip on that socket follows it). */
  async function customerTypingReaches(customer: CustomerSocket, agent: AgentSocket, chatId: string): Promise<boolean> {
    let seen = false;
    const listener = (t: { chatId: string }) => void (t.chatId === chatId && (seen = true));
    agent.on('typing', listener);
    expect((await call<Result>(customer, 'typing', { typing: true })).ok).toBe(true);
    // Frames on one connection keep their order: an answer on the agent's socket comes after a typing frame published before it.
    await call(agent, 'chat:history', { chatId, beforeSeq: 1, limit: 1 });
    agent.off('typing', listener);
    return seen;
  }

  it('re-derives the rooms of every console of the node in one statement, and leaves a chat no longer hers', async () => {
    const { chatId, customer } = await activeChat();
    expect(await customerTypingReaches(customer, sophie, chatId)).toBe(true);
    expect((await call<Result>(sophie, 'typing', { chatId, typing: true })).ok).toBe(true);

    // Another node ended it; the room's close never arrived.
    await db.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = 'system' WHERE id = $1", [chatId]);
    const told = nextEvent(sophie, 'resync', () => true, 5000);
    counter.reset();
    expect(await node.recheckConsoles()).toBe(true);
    // Three consoles, two agents: one statement.
    expect(counter.counts.statements).toBe(1);
    await told;
    expect(await customerTypingReaches(customer, sophie, chatId)).toBe(false);
    expect(await customerTypingReaches(customer, sophieTab, chatId)).toBe(false);
    const refused = await call<Result>(sophie, 'typing', { chatId, typing: true });
    expect(!refused.ok && refused.error.id).toBe('forbidden');
    expect(sophie.connected && sophieTab.connected && marc.connected).toBe(true);

    // And joins a chat that became hers elsewhere (the attach never arrived): both her tabs.
    await db.query("UPDATE chats SET status = 'active', ended_at = NULL, ended_by = NULL WHERE id = $1", [chatId]);
    expect(await node.recheckConsoles()).toBe(true);
    expect(await customerTypingReaches(customer, sophie, chatId)).toBe(true);
    expect(await customerTypingReaches(customer, sophieTab, chatId)).toBe(true);
    expect(await customerTypingReaches(customer, marc, chatId)).toBe(false);
    expect((await call<Result>(sophie, 'chat:leave', { chatId })).ok).toBe(true);
  });

  it('leaves alone a room that changed while its database read was on the way (the next recheck decides)', async () => {
    const { chatId, customer } = await activeChat();
    await db.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = 'system' WHERE id = $1", [chatId]);
    expect(await node.recheckConsoles()).toBe(true);
    expect(await customerTypingReaches(customer, sophie, chatId)).toBe(false);
    // A recheck starts; before its answer comes, an accept on this node (or another, through the adapter) joins the room.
    const pending = node.recheckConsoles();
    node.deps.publish.attachAgentToChat(sophieId, chatId);
    expect(await pending).toBe(true);
    expect(await customerTypingReaches(customer, sophie, chatId)).toBe(true);
    // The next one reads after the change and decides.
    expect(await node.recheckConsoles()).toBe(true);
    expect(await customerTypingReaches(customer, sophie, chatId)).toBe(false);
  });

  it('changes nothing and disconnects nobody while the database is away, and works again when it is back', async () => {
    const { chatId, customer } = await activeChat();
    await db.query('DELETE FROM sessions WHERE user_id = $1', [sophieId]);
    databaseDown = true;
    try {
      expect(await node.recheckConsoles()).toBe(false);
    } finally {
      databaseDown = false;
    }
    expect(sophie.connected && sophieTab.connected).toBe(true);
    expect(await customerTypingReaches(customer, sophie, chatId)).toBe(true);

    // Back: her sessions were ended elsewhere (signed out, deactivated, password changed): both tabs close
    // as a sign-out does ('io server disconnect': the console asks whether it is still signed in).
    const closed = [sophie, sophieTab].map((socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)));
    expect(await node.recheckConsoles()).toBe(true);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(marc.connected).toBe(true);
    await db.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = 'system' WHERE id = $1", [chatId]);
    // She signs in again for what follows.
    sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    open.push(sophie);
    await call(sophie, 'console:snapshot', {});
  });

  it('asks the database about agent typing while the rooms cannot be believed', async () => {
    const { chatId } = await activeChat();
    const [user] = await db.query<{ client_id: string }>('SELECT client_id FROM users WHERE id = $1', [sophieId]);
    const agent = { userId: sophieId, clientId: user!.client_id, displayName: 'Sophie' };
    counter.reset();
    await relayAgentTyping(node.deps, agent, chatId, true, { follows: true, trusted: true });
    expect(counter.counts.statements).toBe(0);
    await relayAgentTyping(node.deps, agent, chatId, true, { follows: true, trusted: false });
    expect(counter.counts.statements).toBe(1);
    await db.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = 'system' WHERE id = $1", [chatId]);
    await expect(relayAgentTyping(node.deps, agent, chatId, true, { follows: true, trusted: false })).rejects.toMatchObject({ id: 'forbidden' });
    await expect(relayAgentTyping(node.deps, agent, chatId, true, { follows: false, trusted: true })).rejects.toMatchObject({ id: 'forbidden' });
  });
});
