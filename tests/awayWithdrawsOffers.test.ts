/**
 * Going Away during an offer withdraws it at once (issue 11): the chat goes
 * back to the line for the others, the console is told to drop the offer, and
 * the agent is never marked "not responding" for an offer they could not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import { sweepOnce } from '../src/app/sweeper.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { AgentStateView, OfferView, OfflineOfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, nextEvent, signIn, startTestNode, type AgentSocket } from './support/testNode.js';

const FORM = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

describe.each(backends())('Away withdraws offers on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let sophie: AgentSocket;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    const [queue] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    const maxId = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, 'max@demo.example', $3, 'agent', 'Max')", [
      maxId,
      queue!.client_id,
      await hashPassword('demo1234'),
    ]);
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queue!.id, maxId, queue!.client_id]);
    sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    await call(sophie, 'console:snapshot', {});
  });
  afterAll(async () => {
    sophie?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const chatRow = async (chatId: string) =>
    (await db.query<{ status: string; agent_id: string | null; passed_by: string[] }>('SELECT status, agent_id, passed_by FROM chats WHERE id = $1', [chatId]))[0];

  it('puts an offered chat back in line and tells the console to drop it, the moment the agent goes Away', async () => {
    await call(sophie, 'status:set', { status: 'available' });
    const offered = nextEvent<OfferView>(sophie, 'offer');
    const ana = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: FORM })).body as StartChatResponse;
    expect((await offered).chatId).toBe(ana.chatId);
    const withdrawn = nextEvent<{ chatId: string }>(sophie, 'offer:withdrawn');
    const away = await call<Result<{ state: AgentStateView }>>(sophie, 'status:set', { status: 'away' });
    expect(away.ok && away.state).toMatchObject({ status: 'away', awayReason: null });
    expect((await withdrawn).chatId).toBe(ana.chatId);
    // Back in line, keeping its place, and Sophie did not "pass" on it.
    expect(await chatRow(ana.chatId)).toMatchObject({ status: 'queued', agent_id: null, passed_by: [] });
  });

  it('never marks the agent "not responding" for it, and another agent gets it at once', async () => {
    await db.query("UPDATE chats SET offered_at = now() - interval '1 hour' WHERE status = 'offered'");
    await sweepOnce(node.deps);
    const [me] = await db.query<{ status: string; away_reason: string | null }>("SELECT status, away_reason FROM users WHERE email = 'sophie@demo.example'");
    expect(me).toEqual({ status: 'away', away_reason: null });

    const max = await connectAgent(node, await signIn(node, 'max@demo.example'));
    try {
      const offered = nextEvent<OfferView>(max, 'offer');
      await call(max, 'console:snapshot', {});
      await call(max, 'status:set', { status: 'available' });
      const [waiting] = await db.query<{ id: string }>("SELECT id FROM chats WHERE customer_name = 'Ana Silva' ORDER BY queued_at LIMIT 1");
      expect((await offered).chatId).toBe(waiting!.id);
      await call(max, 'offer:accept', { chatId: waiting!.id });
    } finally {
      await call(max, 'status:set', { status: 'away' });
      max.disconnect();
    }
  });

  it('withdraws an offered left message or callback request as well', async () => {
    await call(sophie, 'status:set', { status: 'available' });
    const offered = nextEvent<OfflineOfferView>(sophie, 'offline:offer');
    await api(node, 'POST', '/api/public/queues/support/callbacks', { name: 'Lea', phone: '+44 20 7946 0000', preferredTime: 'Any time' });
    const offer = await offered;
    const withdrawn = nextEvent<{ id: string }>(sophie, 'offline:withdrawn');
    await call(sophie, 'status:set', { status: 'away' });
    expect((await withdrawn).id).toBe(offer.item.id);
    const [item] = await db.query<{ offered_to: string | null; status: string }>('SELECT offered_to, status FROM offline_items WHERE id = $1', [offer.item.id]);
    expect(item).toEqual({ offered_to: null, status: 'open' });
  });
});
