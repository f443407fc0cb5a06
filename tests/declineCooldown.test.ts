/**
 * A declined chat does not bounce straight back to the agent who declined it
 * (issue 11): it waits for another agent or for DECLINE_COOLDOWN_SECONDS, and
 * it does not hold up the customers behind it meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, nextEvent, signIn, startTestNode, type AgentSocket } from './support/testNode.js';

const FORM = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

describe.each(backends())('decline cooldown on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;
  const offersToSophie: string[] = [];

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    // The sweep (and its 5 s safety-net routing pass) is driven by the test.
    node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    const [queue] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    const maxId = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity) VALUES ($1, $2, 'max@demo.example', $3, 'agent', 'Max', 1)", [
      maxId,
      queue!.client_id,
      await hashPassword('demo1234'),
    ]);
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queue!.id, maxId, queue!.client_id]);
    sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    sophie.on('offer', (offer: OfferView) => offersToSophie.push(offer.chatId));
    await call(sophie, 'console:snapshot', {});
    await call(sophie, 'status:set', { status: 'available' });
  });
  afterAll(async () => {
    sophie?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const start = async (): Promise<StartChatResponse> => (await api(node, 'POST', '/api/public/queues/support/chats', { fields: FORM })).body as StartChatResponse;
  const statusOf = async (chatId: string) => (await db.query<{ status: string; agent_id: string | null }>('SELECT status, agent_id FROM chats WHERE id = $1', [chatId]))[0];
  const routed = async () => {
    node.deps.kickRouter([(await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'"))[0]!.id]);
    await node.routingIdle();
  };

  it('keeps a declined chat waiting instead of offering it again to the only free agent, and records who declined when', async () => {
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const ana = await start();
    expect((await offered).chatId).toBe(ana.chatId);
    expect((await call<Result>(sophie, 'offer:decline', { chatId: ana.chatId })).ok).toBe(true);
    await routed();
    await new Promise((r) => setTimeout(r, 300));
    expect(offersToSophie.filter((id) => id === ana.chatId)).toHaveLength(1);
    expect(await statusOf(ana.chatId)).toMatchObject({ status: 'queued', agent_id: null });
    const declines = await db.query<{ agent_id: string; recent: boolean }>(
      "SELECT d.agent_id, d.declined_at > now() - interval '5 seconds' AS recent FROM chat_declines d JOIN users u ON u.id = d.agent_id WHERE d.chat_id = $1 AND u.email = 'sophie@demo.example'",
      [ana.chatId],
    );
    expect(declines).toEqual([expect.objectContaining({ recent: true })]);
  });

  it('offers the customers behind it to the same agent meanwhile (one decline does not hold up the line)', async () => {
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const ben = await start();
    expect((await offered).chatId).toBe(ben.chatId);
    expect((await call<Result>(sophie, 'offer:decline', { chatId: ben.chatId })).ok).toBe(true);
  });

  it('gives the declined chats to another agent at once, oldest first', async () => {
    const max = await connectAgent(node, await signIn(node, 'max@demo.example'));
    try {
      const offered = nextEvent<OfferView>(max, 'offer');
      await call(max, 'console:snapshot', {});
      await call(max, 'status:set', { status: 'available' });
      const first = await offered;
      const [oldest] = await db.query<{ id: string }>("SELECT id FROM chats WHERE status IN ('queued', 'offered') ORDER BY queued_at LIMIT 1");
      expect(first.chatId).toBe(oldest!.id);
      expect(await statusOf(first.chatId)).toMatchObject({ status: 'offered' });
      await call(max, 'offer:accept', { chatId: first.chatId });
    } finally {
      await call(max, 'status:set', { status: 'away' });
      max.disconnect();
    }
  });

  it('offers it to the same agent again once the cooldown is over', async () => {
    const [waiting] = await db.query<{ id: string }>("SELECT id FROM chats WHERE status = 'queued'");
    expect(waiting).toBeDefined();
    const again = nextEvent<OfferView>(sophie, 'offer', (o) => o.chatId === waiting!.id);
    await db.query("UPDATE chat_declines SET declined_at = now() - interval '31 seconds' WHERE chat_id = $1", [waiting!.id]);
    await routed();
    expect((await again).chatId).toBe(waiting!.id);
  });
});
