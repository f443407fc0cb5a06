/**
 * A console catches up by deltas and pages old history on demand: the
 * snapshot carries each chat's newest page (all chats' events in one
 * statement), or only what follows the seq the console says it holds;
 * chat:sync answers the events after a seq, bounded; chat:history pages back
 * through the agent's own chats, complete and in order, and refuses others'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { AgentSnapshot } from '../src/protocol/events.js';
import { CHAT_DELTA_EVENTS, CHAT_PAGE_EVENTS } from '../src/protocol/limits.js';
import type { AgentChatHeader, AgentChatView, ChatEventView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { countingDb } from './support/countingDb.js';
import { backends } from './support/backends.js';
import { createChatWithLog, createClient } from './support/factories.js';
import { call, connectAgent, signIn, startTestNode, type AgentSocket } from './support/testNode.js';

type Snapshot = Result<{ snapshot: AgentSnapshot }>;
type Sync = Result<{ chat: AgentChatHeader; events: ChatEventView[]; hasOlder: boolean }>;
type History = Result<{ events: ChatEventView[]; hasOlder: boolean }>;

const seqs = (events: ChatEventView[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.id}: ${result.error.message}`);
  return result;
}

describe.each(backends())('console catch-up and history on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let counter: ReturnType<typeof countingDb>;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;
  /** Sophie's chats: a long one, a short one, a very long one, one ended; Leo's; another client's. */
  const chats = { long: '', short: '', huge: '', ended: '', leos: '', foreign: '' };

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    counter = countingDb(db);
    node = await startTestNode(counter, { sweepIntervalMs: 3_600_000, agentRecheckMs: 3_600_000 });
    const [me] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM users WHERE email = 'sophie@demo.example'");
    const [queue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    const leoId = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, 'leo@demo.example', $3, 'agent', 'Leo')", [
      leoId,
      me!.client_id,
      await hashPassword('demo1234'),
    ]);
    const mine = { clientId: me!.client_id, queueId: queue!.id, agentId: me!.id };
    chats.long = await createChatWithLog(db, { ...mine, events: 120, customerName: 'Long' });
    chats.short = await createChatWithLog(db, { ...mine, events: 3, customerName: 'Short' });
    chats.huge = await createChatWithLog(db, { ...mine, events: CHAT_DELTA_EVENTS + 250, customerName: 'Huge' });
    chats.ended = await createChatWithLog(db, { ...mine, events: 70, status: 'ended', customerName: 'Ended' });
    chats.leos = await createChatWithLog(db, { ...mine, agentId: leoId, events: 10 });
    const other = await createClient(db, { name: 'Other Co', slug: 'other-q', adminEmail: 'boss@other.example', agentEmail: 'max@other.example' });
    chats.foreign = await createChatWithLog(db, { clientId: other.clientId, queueId: other.queueId, agentId: other.agentId!, events: 10 });
    sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
  });
  afterAll(async () => {
    sophie?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const chatIn = (snapshot: AgentSnapshot, chatId: string): AgentChatView => {
    const chat = snapshot.chats.find((c) => c.chatId === chatId);
    if (!chat) throw new Error(`chat ${chatId} not in the snapshot`);
    return chat;
  };

  it("gives each chat its newest page only, with hasOlder, all chats' events in one statement", async () => {
    counter.reset();
    const { snapshot } = ok(await call<Snapshot>(sophie, 'console:snapshot', {}));
    const eventStatements = counter.reset();
    expect(snapshot.chats.map((c) => c.customerName).sort()).toEqual(['Ended', 'Huge', 'Long', 'Short']);

    const long = chatIn(snapshot, chats.long);
    expect(seqs(long.events)).toEqual(range(120 - CHAT_PAGE_EVENTS + 1, 120));
    expect(long.hasOlder).toBe(true);
    const short = chatIn(snapshot, chats.short);
    expect(seqs(short.events)).toEqual([1, 2, 3]);
    expect(short.hasOlder).toBe(false);
    expect(chatIn(snapshot, chats.ended).events).toHaveLength(CHAT_PAGE_EVENTS);
    // One statement reads every chat's page (not one per chat), and no more rows than the pages.
    expect(eventStatements.sql.filter((sql) => sql.includes('chat_events'))).toHaveLength(1);
    expect(eventStatements.rows).toBeLessThan(4 * (CHAT_PAGE_EVENTS + 1) + 10);
  });

  it('gives a chat the console holds only what came after its seq, and the newest ones when too much came', async () => {
    const held = { [chats.long]: 115, [chats.short]: 3, [chats.huge]: 5 };
    const { snapshot } = ok(await call<Snapshot>(sophie, 'console:snapshot', { held }));
    const long = chatIn(snapshot, chats.long);
    expect(seqs(long.events)).toEqual(range(116, 120));
    expect(long.hasOlder).toBe(false);
    expect(chatIn(snapshot, chats.short).events).toEqual([]);
    const huge = chatIn(snapshot, chats.huge);
    expect(seqs(huge.events)).toEqual(range(250 + 1, CHAT_DELTA_EVENTS + 250));
    expect(huge.hasOlder).toBe(true);
    // A chat not named is new to the console: its newest page.
    expect(chatIn(snapshot, chats.ended).events).toHaveLength(CHAT_PAGE_EVENTS);
  });

  it('syncs only the delta, bounded, with the chat header', async () => {
    const delta = ok(await call<Sync>(sophie, 'chat:sync', { chatId: chats.long, afterSeq: 117 }));
    expect(seqs(delta.events)).toEqual([118, 119, 120]);
    expect(delta.hasOlder).toBe(false);
    expect(delta.chat).toMatchObject({ chatId: chats.long, customerName: 'Long', status: 'active' });
    expect(delta.chat).not.toHaveProperty('events');

    expect(ok(await call<Sync>(sophie, 'chat:sync', { chatId: chats.long, afterSeq: 120 })).events).toEqual([]);
    const far = ok(await call<Sync>(sophie, 'chat:sync', { chatId: chats.huge, afterSeq: 0 }));
    expect(seqs(far.events)).toEqual(range(251, CHAT_DELTA_EVENTS + 250));
    expect(far.hasOlder).toBe(true);
  });

  it('pages back through a whole log: complete, in order, no duplicates', async () => {
    for (const chatId of [chats.long, chats.ended]) {
      const { snapshot } = ok(await call<Snapshot>(sophie, 'console:snapshot', {}));
      let held = chatIn(snapshot, chatId).events;
      let hasOlder = true;
      while (hasOlder) {
        const page = ok(await call<History>(sophie, 'chat:history', { chatId, beforeSeq: held[0]!.seq }));
        expect(page.events.length).toBeLessThanOrEqual(CHAT_PAGE_EVENTS);
        held = [...page.events, ...held];
        hasOlder = page.hasOlder;
      }
      const total = chatId === chats.long ? 120 : 70;
      expect(seqs(held)).toEqual(range(1, total));
    }
    const small = ok(await call<History>(sophie, 'chat:history', { chatId: chats.long, beforeSeq: 11, limit: 4 }));
    expect(seqs(small.events)).toEqual([7, 8, 9, 10]);
    expect(small.hasOlder).toBe(true);
    const first = ok(await call<History>(sophie, 'chat:history', { chatId: chats.long, beforeSeq: 3, limit: 10 }));
    expect(seqs(first.events)).toEqual([1, 2]);
    expect(first.hasOlder).toBe(false);
  });

  it("refuses another agent's chat and another client's, without a word of them", async () => {
    const leos = await call<History>(sophie, 'chat:history', { chatId: chats.leos, beforeSeq: 5 });
    expect(!leos.ok && leos.error.id).toBe('forbidden');
    const foreign = await call<History>(sophie, 'chat:history', { chatId: chats.foreign, beforeSeq: 5 });
    expect(!foreign.ok && foreign.error.id).toBe('not_found');
    expect(JSON.stringify([leos, foreign])).not.toContain('A message of an ordinary length');
    const syncLeos = await call<Sync>(sophie, 'chat:sync', { chatId: chats.leos, afterSeq: 0 });
    expect(!syncLeos.ok && syncLeos.error.id).toBe('forbidden');
    // Naming someone else's chat as held brings nothing of it.
    const { snapshot } = ok(await call<Snapshot>(sophie, 'console:snapshot', { held: { [chats.leos]: 0, [chats.foreign]: 0 } }));
    expect(snapshot.chats.map((c) => c.chatId)).not.toContain(chats.leos);
    expect(snapshot.chats.map((c) => c.chatId)).not.toContain(chats.foreign);
  });

  it('answers bad input with a clear validation error', async () => {
    const bad: Array<[string, unknown]> = [
      ['chat:history', { chatId: 'nope', beforeSeq: 5 }],
      ['chat:history', { chatId: chats.long }],
      ['chat:history', { chatId: chats.long, beforeSeq: 0 }],
      ['chat:history', { chatId: chats.long, beforeSeq: 5, limit: 100_000 }],
      ['chat:history', { chatId: chats.long, beforeSeq: 1.5 }],
      ['console:snapshot', { held: { nope: 3 } }],
      ['console:snapshot', { held: { [chats.long]: -1 } }],
      // One past PostgreSQL's integer: refused at the edge, never an internal error from the database.
      ['chat:history', { chatId: chats.long, beforeSeq: 2 ** 31 }],
      ['chat:sync', { chatId: chats.long, afterSeq: 2 ** 31 }],
      ['console:snapshot', { held: { [chats.long]: 2 ** 31 } }],
      ['console:snapshot', { held: Object.fromEntries(Array.from({ length: 201 }, () => [newId(), 1])) }],
    ];
    for (const [event, payload] of bad) {
      const result = await call<Result>(sophie, event, payload);
      expect(result.ok, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.id).toBe('validation');
        expect(result.error.message.length).toBeGreaterThan(5);
      }
    }
  });
});
