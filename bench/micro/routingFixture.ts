/**
 * A queue with agents, a line and a history, written straight into the
 * database (no HTTP), so a micro benchmark can call the use cases directly.
 */
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { type Deps, noMetrics, type Publisher } from '../../src/app/deps.js';
import { newId } from '../../src/app/secrets.js';
import { createClient } from '../../tests/support/factories.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Publishes nowhere, but counts what would have been sent. */
export function countingPublisher(): Publisher & { sent: number } {
  const p = {
    sent: 0,
    toCustomer: () => void p.sent++,
    toChatAgents: () => void p.sent++,
    toAgent: () => void p.sent++,
    toClientAgents: () => void p.sent++,
    toWatchers: () => void p.sent++,
    toQueueVisitors: () => void p.sent++,
    attachAgentToChat: () => undefined,
    detachAgentFromChat: () => undefined,
    closeChatRoom: () => undefined,
    disconnectUser: () => undefined,
    except: () => p,
  };
  return p;
}

export function benchDeps(db: Db): Deps {
  return {
    db,
    config: loadConfig({}),
    publish: countingPublisher(),
    mailer: { sends: false, enqueue: async () => ({ id: newId(), status: 'kept' }), wake: () => undefined },
    log: quiet,
    kickRouter: () => undefined,
    wakeWebhooks: () => undefined,
    now: () => new Date(),
    metrics: noMetrics,
  };
}

export interface Fixture {
  clientId: string;
  queueId: string;
  agentIds: string[];
}

let serial = 0;

/** A queue with `agents` Available agents of the given capacity, all present. */
export async function queueWithAgents(db: Db, agents: number, capacity: number): Promise<Fixture> {
  const n = ++serial;
  const { clientId, queueId } = await createClient(db, { name: `Bench ${n}`, slug: `bench-${n}-${newId().slice(0, 8)}`, adminEmail: `admin${n}-${newId()}@bench.test` });
  const agentIds: string[] = [];
  for (let i = 0; i < agents; i++) {
    const id = newId();
    agentIds.push(id);
    await db.query(
      `INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity, status, presence_expires_at, idle_since)
       VALUES ($1, $2, $3, 'x', 'agent', $4, $5, 'available', now() + interval '1 day', now() - $6 * interval '1 second')`,
      [id, clientId, `agent${n}-${i}-${id}@bench.test`, `Agent ${i}`, capacity, i],
    );
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queueId, id, clientId]);
  }
  return { clientId, queueId, agentIds };
}

/** `count` customers waiting, one second apart, present. Returns their ids in line order. */
export async function addWaiting(db: Db, f: Fixture, count: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, queued_at, customer_present_until)
     SELECT gen_random_uuid(), $1, $2, 'w' || gen_random_uuid(), 'queued', 'Customer ' || g, '{"fields":[],"values":{}}',
            now() - interval '1 hour' + g * interval '1 second', now() + interval '1 day'
       FROM generate_series(1, $3::int) g
     RETURNING id`,
    [f.clientId, f.queueId, count],
  );
  return (await db.query<{ id: string }>(`SELECT id FROM chats WHERE queue_id = $1 AND status = 'queued' ORDER BY queued_at, id`, [f.queueId]))
    .map((r) => r.id)
    .slice(-rows.length);
}

/** Fills every seat of the given agents with active chats (so nobody has a free seat). */
export async function fillSeats(db: Db, f: Fixture, agentIds: string[], perAgent: number): Promise<void> {
  for (const agentId of agentIds) {
    await db.query(
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, queued_at, offered_at, accepted_at)
       SELECT gen_random_uuid(), $1, $2, 'a' || gen_random_uuid(), 'active', 'Busy', '{"fields":[],"values":{}}', $3,
              now() - interval '2 hours', now() - interval '2 hours', now() - g * interval '1 minute'
         FROM generate_series(1, $4::int) g`,
      [f.clientId, f.queueId, agentId, perAgent],
    );
  }
}

/** `count` ended chats spread over the last week: answered ones (handle times) and a few abandoned. */
export async function addHistory(db: Db, f: Fixture, count: number): Promise<void> {
  await db.query(
    `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id,
                        queued_at, offered_at, accepted_at, ended_at, ended_by)
     SELECT gen_random_uuid(), $1, $2, 'h' || gen_random_uuid(), 'ended', 'Past', '{"fields":[],"values":{}}',
            CASE WHEN g % 10 = 0 THEN NULL ELSE $4::uuid END,
            t - interval '2 minutes', t - interval '1 minute',
            CASE WHEN g % 10 = 0 THEN NULL ELSE t END,
            t + (60 + (g * 7919) % 600) * interval '1 second',
            CASE WHEN g % 10 = 0 THEN 'abandoned' ELSE 'agent' END
       FROM generate_series(1, $3::int) g, LATERAL (SELECT now() - interval '8 days' + g * (interval '8 days' / $3::int) AS t) ts`,
    [f.clientId, f.queueId, count, f.agentIds[0]],
  );
}
