/**
 * Routing under load on two nodes (PostgreSQL + Redis): 200 customers arrive
 * at once in two queues that share agents; 20 agents (capacities 1–3) accept
 * every offer, greet, wait for the customer's answer and end the chat.
 * Asserts: all 200 served (accepted and ended by their agent, after an
 * exchange), each chat offered once and to one agent at a time as the agents'
 * sockets see it, no agent above capacity at any time (their sockets and the
 * database, polled), offers per queue in the order of queued_at (FIFO), and
 * no routing error on either node. Runs when DATABASE_URL and REDIS_URL are set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import { seatsUsedSql } from '../src/app/seats.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { ChatEventView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { updateQueueConfig } from './support/factories.js';
import { waitUntil } from './support/services.js';
import { api, call, connectAgent, connectCustomer, routingErrorsOf, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const redisUrl = process.env.REDIS_URL;
const backend = backends().find((b) => b.name === 'postgres');
const CUSTOMERS = 200;
const AGENTS = 20;
const QUEUES = ['support', 'sales'];
const FORM = { first_name: 'Load', last_name: 'Test', email: 'load@example.com', inquiry: 'Sales' };

describe.runIf(redisUrl && backend)('routing 200 customers on two nodes', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let nodes: RunningNode[];
  const agentSockets: AgentSocket[] = [];
  const customerSockets: CustomerSocket[] = [];

  beforeAll(async () => {
    const opened = await backend!.open();
    db = opened.db;
    drop = opened.drop;
    nodes = [await startTestNode(db, { redisUrl }), await startTestNode(db, { redisUrl, seedDemo: false })];
    const [client] = await db.query<{ id: string }>('SELECT id FROM clients');
    const [support] = await db.query<{ config: unknown }>("SELECT config FROM queues WHERE slug = 'support'");
    await db.query("INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, 'sales', 'Sales', $3)", [newId(), client!.id, JSON.stringify(support!.config)]);
    for (const slug of QUEUES) await updateQueueConfig(db, slug, (c) => ({ ...c, maxWaiting: 1000 }));
    await db.query('DELETE FROM queue_agents');
    const hash = await hashPassword('demo1234');
    for (let i = 0; i < AGENTS; i++) {
      const id = newId();
      await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity) VALUES ($1, $2, $3, $4, 'agent', $3, $5)", [
        id,
        client!.id,
        `load${i}@demo.example`,
        hash,
        1 + (i % 3),
      ]);
      // Half the agents answer both queues: routers of the two queues compete for them.
      const slugs = i < AGENTS / 2 ? QUEUES : [QUEUES[i % 2]!];
      for (const slug of slugs) {
        await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) SELECT id, $1, client_id FROM queues WHERE slug = $2', [id, slug]);
      }
    }
  });
  afterAll(async () => {
    [...agentSockets, ...customerSockets].forEach((s) => s.disconnect());
    for (const node of nodes ?? []) await node.close();
    await db?.close();
    await drop?.();
  });

  it('serves every customer, FIFO per queue, one offer at a time, within capacity', async () => {
    const failures: string[] = [];
    /** chatId → the agent whose console shows it as offered right now. */
    const offeredNow = new Map<string, number>();
    const offersPerChat = new Map<string, number>();
    const served = new Set<string>();
    let maxOverCapacity = 0;
    const startedAt = Date.now();

    for (let i = 0; i < AGENTS; i++) {
      const node = nodes[i % 2]!;
      const socket = await connectAgent(node, await signIn(node, `load${i}@demo.example`));
      agentSockets.push(socket);
      const capacity = 1 + (i % 3);
      /** Offers and chats in this agent's hands, as their console sees them. */
      const held = new Set<string>();
      const replies = new Map<string, () => void>();
      socket.on('chat:event', (event: ChatEventView) => {
        if (event.author === 'customer') replies.get(event.chatId)?.();
      });
      // The seat is free when the end is published (before the leave's acknowledgement, and before
      // the offer its freed seat may bring, which the same node publishes after it).
      socket.on('chat:state', (state: { chatId: string; status: string }) => {
        if (state.status === 'ended') held.delete(state.chatId);
      });
      socket.on('offer', (offer: OfferView) => {
        const holder = offeredNow.get(offer.chatId);
        if (holder !== undefined && holder !== i) failures.push(`chat ${offer.chatId} offered to agents ${holder} and ${i}`);
        offeredNow.set(offer.chatId, i);
        offersPerChat.set(offer.chatId, (offersPerChat.get(offer.chatId) ?? 0) + 1);
        held.add(offer.chatId);
        if (held.size > capacity) maxOverCapacity = Math.max(maxOverCapacity, held.size - capacity);
        void (async () => {
          const replied = new Promise<void>((resolve) => {
            replies.set(offer.chatId, resolve);
            setTimeout(resolve, 20_000);
          });
          const accepted = await call<Result>(socket, 'offer:accept', { chatId: offer.chatId });
          offeredNow.delete(offer.chatId);
          if (!accepted.ok) return void failures.push(`accept ${offer.chatId}: ${accepted.error.message}`);
          const sent = await call<Result>(socket, 'message:send', { chatId: offer.chatId, clientMsgId: 'hello', body: 'Hello, how can I help?' });
          if (!sent.ok) failures.push(`send ${offer.chatId}: ${sent.error.message}`);
          await replied;
          replies.delete(offer.chatId);
          const left = await call<Result>(socket, 'chat:leave', { chatId: offer.chatId });
          if (!left.ok) failures.push(`leave ${offer.chatId}: ${left.error.message}`);
          served.add(offer.chatId);
        })().catch((error: unknown) => failures.push(`agent ${i}: ${String(error)}`));
      });
      await call(socket, 'console:snapshot', {});
      await call(socket, 'status:set', { status: 'available' });
    }

    // The database's view of capacity, polled while the crowd is served.
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const over = await db.query<{ id: string }>(`SELECT u.id FROM users u WHERE u.role = 'agent' AND ${seatsUsedSql('u')} > u.capacity`);
        if (over.length) failures.push(`over capacity in the database: ${over.map((o) => o.id).join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    let started: string[] = [];
    try {
    started = await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, i) => {
        const node = nodes[(i >> 1) % 2]!;
        const response = await api(node, 'POST', `/api/public/queues/${QUEUES[i % 2]}/chats`, { fields: FORM });
        if (response.status !== 201) throw new Error(`start ${i}: ${response.status} ${JSON.stringify(response.body)}`);
        const chat = response.body as StartChatResponse;
        const customer = await connectCustomer(node, chat.token);
        customerSockets.push(customer);
        // Answers the agent's greeting once, whether it came before the socket (sync) or after (event).
        let answered = false;
        const answer = () => {
          if (answered) return;
          answered = true;
          void call(customer, 'message:send', { clientMsgId: 'thanks', body: 'I have a question' });
        };
        customer.on('chat:event', (event: ChatEventView) => event.author === 'agent' && answer());
        // A generous timeout: 200 arrivals at once on a small CI box queue up behind each other.
        const synced = (await customer.timeout(45_000).emitWithAck('chat:sync', { afterSeq: 0 })) as Result<{ events: ChatEventView[] }>;
        if (synced.ok && synced.events.some((e) => e.author === 'agent')) answer();
        return chat.chatId;
      }),
    );

      await waitUntil(() => served.size >= CUSTOMERS || failures.length > 0, 60_000, 'every customer served');
    } finally {
      polling = false;
      await poll;
    }
    console.warn(`routingAtScale: ${served.size} customers served in ${Date.now() - startedAt} ms`);
    await Promise.all(nodes.map((n) => n.routingIdle()));

    expect(failures).toEqual([]);
    expect(maxOverCapacity).toBe(0);
    expect(new Set(started).size).toBe(CUSTOMERS);
    expect([...served].sort()).toEqual([...started].sort());
    expect([...offersPerChat.values()].every((n) => n === 1)).toBe(true);

    const chats = await db.query<{ status: string; ended_by: string; accepted_at: Date | null; customer_messages: number; agent_messages: number }>(
      `SELECT c.status, c.ended_by, c.accepted_at,
              (SELECT count(*)::int FROM chat_events e WHERE e.chat_id = c.id AND e.author = 'customer') AS customer_messages,
              (SELECT count(*)::int FROM chat_events e WHERE e.chat_id = c.id AND e.author = 'agent') AS agent_messages
         FROM chats c`,
    );
    expect(chats).toHaveLength(CUSTOMERS);
    for (const chat of chats) {
      expect(chat).toMatchObject({ status: 'ended', ended_by: 'agent', customer_messages: 1, agent_messages: 1 });
      expect(chat.accepted_at).not.toBeNull();
    }

    // FIFO per queue: taken in line order, the offers' times never go back (each chat was offered once).
    const backwards = await db.query<{ id: string }>(
      `SELECT id FROM (SELECT id, offered_at, lag(offered_at) OVER (PARTITION BY queue_id ORDER BY queued_at, id) AS before FROM chats) t
        WHERE offered_at < before`,
    );
    expect(backwards).toEqual([]);
    expect(routingErrorsOf(nodes)).toEqual([]);
  }, 180_000);
});
