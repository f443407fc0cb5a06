/**
 * What a waiting customer is told stays honest (issue 10, "live honesty"),
 * tried as a new user would on the demo: Sophie alone at 3 of 3 chats.
 * - A new queue with two quick test chats behind it does not promise the
 *   third customer in line "less than a minute": until 10 chats have ended,
 *   the estimate takes the queue's expected handle time (General Settings).
 * - The leader re-sends the line's states as time passes (LINE_REFRESH_MS).
 * - When nobody is left to serve the line (Sophie goes Away, or lets an offer
 *   time out and is set not responding), every customer in line is told so
 *   plainly at once, and told again when she is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnedHandleSeconds } from '../src/app/queueStatistics.js';
import type { Db } from '../src/db/db.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatStateView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { updateQueueConfig } from './support/factories.js';
import { api, call, connectAgent, connectCustomer, nextEvent, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

describe('the handle time the estimate learns', () => {
  it('is the expected one with no history, blends while chats are few, and is the queue’s own from 10 on', () => {
    expect(learnedHandleSeconds([], 300)).toBe(300);
    // Two 20-second test chats move it a little, not to 20 s.
    expect(learnedHandleSeconds([20, 20], 300)).toBe(244);
    expect(learnedHandleSeconds(Array(10).fill(60), 300)).toBe(60);
    expect(learnedHandleSeconds(Array(30).fill(90), 300)).toBe(90);
  });
});

describe.each(backends())('what a waiting customer is told, on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let agent: AgentSocket;
  const customers: CustomerSocket[] = [];

  /** Starts a chat and connects its customer; the returned state is the one the start answered. */
  async function join(): Promise<{ chatId: string; socket: CustomerSocket; state: ChatStateView }> {
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    const socket = await connectCustomer(node, started.token);
    customers.push(socket);
    return { chatId: started.chatId, socket, state: started.state };
  }

  beforeAll(async () => {
    ({ db, drop } = await backend.open());
    node = await startTestNode(db, { sweepIntervalMs: 200, lineRefreshMs: 1000 });
    await updateQueueConfig(db, 'support', (c) => ({ ...c, expectedHandleMinutes: 5, offerTimeoutSeconds: 5 }));
    agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(agent, 'console:snapshot', {});
    await call(agent, 'status:set', { status: 'available' });
  });
  afterAll(async () => {
    for (const socket of customers) socket.disconnect();
    agent?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('tells the third in line behind three fresh chats minutes, not "less than a minute", on a queue with two quick chats behind it', async () => {
    // Two quick test chats: accepted and ended within a second.
    for (let i = 0; i < 2; i++) {
      const offered = nextEvent<{ chatId: string }>(agent, 'offer');
      const { chatId } = await join();
      await offered;
      expect((await call<{ ok: boolean }>(agent, 'offer:accept', { chatId })).ok).toBe(true);
      expect((await call<{ ok: boolean }>(agent, 'chat:leave', { chatId })).ok).toBe(true);
    }
    // Sophie takes three chats: every seat busy, every chat just begun.
    for (let i = 0; i < 3; i++) {
      const offered = nextEvent<{ chatId: string }>(agent, 'offer');
      const { chatId } = await join();
      await offered;
      expect((await call<{ ok: boolean }>(agent, 'offer:accept', { chatId })).ok).toBe(true);
    }
    const first = await join();
    const second = await join();
    const third = await join();
    expect(first.state).toMatchObject({ status: 'queued', position: 1, nobodyAvailable: false });
    expect(third.state).toMatchObject({ status: 'queued', position: 3, nobodyAvailable: false });
    // Three seats, each about five minutes from its end: the third in line waits minutes.
    expect(third.state.estimatedWaitSeconds).toBeGreaterThan(180);
    expect(second.state.estimatedWaitSeconds!).toBeLessThanOrEqual(third.state.estimatedWaitSeconds!);
    expect(first.state.estimatedWaitSeconds).toBeGreaterThan(60);
  });

  it('tells the line again as time passes, with nothing else happening (the estimate is a remaining wait)', async () => {
    const third = customers[7]!;
    const states: ChatStateView[] = [];
    const listener = (state: ChatStateView) => states.push(state);
    third.on('chat:state', listener);
    await new Promise((resolve) => setTimeout(resolve, 2600));
    third.off('chat:state', listener);
    expect(states.length).toBeGreaterThanOrEqual(2);
    for (const state of states) expect(state).toMatchObject({ status: 'queued', position: 3, nobodyAvailable: false });
    expect(states.every((state) => (state.estimatedWaitSeconds ?? 0) > 180)).toBe(true);
  });

  it('tells everyone in line at once that nobody is available when Sophie goes Away, and again when she is back', async () => {
    const [, , , , , , , third] = customers;
    const nobody = nextEvent<ChatStateView>(third!, 'chat:state', (s) => s.nobodyAvailable);
    await call(agent, 'status:set', { status: 'away' });
    const told = await nobody;
    expect(told).toMatchObject({ status: 'queued', position: 3, estimatedWaitSeconds: null, nobodyAvailable: true, queueClosed: false });
    const back = nextEvent<ChatStateView>(third!, 'chat:state', (s) => !s.nobodyAvailable);
    await call(agent, 'status:set', { status: 'available' });
    expect((await back).estimatedWaitSeconds).toBeGreaterThan(60);
  });

  it('tells the line that nobody is available when the only agent lets an offer time out and is set not responding', async () => {
    // Free a seat: the first in line is offered to Sophie, who does not answer.
    const [, , active] = await db.query<{ id: string }>("SELECT id FROM chats WHERE status = 'active' ORDER BY accepted_at");
    const offered = nextEvent<{ chatId: string }>(agent, 'offer');
    expect((await call<{ ok: boolean }>(agent, 'chat:leave', { chatId: active!.id })).ok).toBe(true);
    const offer = await offered;
    await call(agent, 'offer:seen', { chatId: offer.chatId }).catch(() => undefined);
    const waiting = customers.at(-1)!;
    const told = await nextEvent<ChatStateView>(waiting, 'chat:state', (s) => s.nobodyAvailable, 15_000);
    expect(told).toMatchObject({ status: 'queued', nobodyAvailable: true, estimatedWaitSeconds: null });
    const [sophie] = await db.query<{ status: string; away_reason: string | null }>("SELECT status, away_reason FROM users WHERE email = 'sophie@demo.example'");
    expect(sophie).toEqual({ status: 'away', away_reason: 'not_responding' });
  }, 30_000);
});
