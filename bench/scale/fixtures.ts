/**
 * Set-up written straight into the scenario's fresh database (before the node
 * starts): queues with the demo Data Collection form, and agents assigned to
 * them. Everything the load does afterwards goes through the real protocol.
 */
import { hashPassword, newId } from '../../src/app/secrets.js';
import type { Db } from '../../src/db/db.js';
import { type QueueConfig, QueueConfigSchema } from '../../src/domain/queueConfig.js';

export const AGENT_PASSWORD = 'bench-pass';

export interface BenchQueue {
  id: string;
  slug: string;
}

export interface BenchAgent {
  id: string;
  email: string;
  capacity: number;
}

async function demoClientId(db: Db): Promise<string> {
  const [client] = await db.query<{ id: string }>('SELECT id FROM clients ORDER BY created_at LIMIT 1');
  if (!client) throw new Error('the demo client is missing (seedDemo)');
  return client.id;
}

/**
 * `count` queues bench-1..n with the demo support queue's form. The line may be as long as the
 * schema allows and nobody is shown the offline options while held idle (maxWaitSeconds).
 */
export async function addQueues(db: Db, count: number): Promise<BenchQueue[]> {
  const clientId = await demoClientId(db);
  const [support] = await db.query<{ config: QueueConfig }>("SELECT config FROM queues WHERE slug = 'support'");
  if (!support) throw new Error('the demo support queue is missing');
  const config = QueueConfigSchema.parse({ ...support.config, maxWaiting: 10_000, maxWaitSeconds: 86_400 });
  const queues: BenchQueue[] = [];
  for (let i = 1; i <= count; i++) {
    const queue = { id: newId(), slug: `bench-${i}` };
    await db.query('INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, $3, $4, $5)', [queue.id, clientId, queue.slug, `Bench ${i}`, JSON.stringify(config)]);
    queues.push(queue);
  }
  return queues;
}

/** `count` agents <prefix><i>@bench.example, each answering every queue given. */
export async function addAgents(db: Db, options: { prefix: string; count: number; capacity: number; queues: BenchQueue[] }): Promise<BenchAgent[]> {
  const clientId = await demoClientId(db);
  const hash = await hashPassword(AGENT_PASSWORD);
  const agents: BenchAgent[] = [];
  for (let i = 0; i < options.count; i++) {
    const agent = { id: newId(), email: `${options.prefix}${i}@bench.example`, capacity: options.capacity };
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity) VALUES ($1, $2, $3, $4, 'agent', $5, $6)", [
      agent.id,
      clientId,
      agent.email,
      hash,
      `Bench ${options.prefix} ${i}`,
      agent.capacity,
    ]);
    for (const queue of options.queues) {
      await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queue.id, agent.id, clientId]);
    }
    agents.push(agent);
  }
  return agents;
}
