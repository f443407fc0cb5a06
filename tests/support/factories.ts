/** Shared test data builders. */
import type { Db } from '../../src/db/db.js';
import { defaultQueueConfig, type QueueConfig } from '../../src/domain/queueConfig.js';
import { hashPassword, newId } from '../../src/app/secrets.js';

export async function createClient(
  db: Db,
  props: { name: string; slug: string; adminEmail: string; agentEmail?: string; config?: Partial<QueueConfig> },
): Promise<{ clientId: string; queueId: string; adminId: string; agentId: string | null }> {
  const clientId = newId();
  const queueId = newId();
  const adminId = newId();
  const hash = await hashPassword('demo1234');
  await db.query('INSERT INTO clients (id, name) VALUES ($1, $2)', [clientId, props.name]);
  await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, 'admin', 'Admin')", [
    adminId,
    clientId,
    props.adminEmail,
    hash,
  ]);
  await db.query('INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, $3, $4, $5)', [
    queueId,
    clientId,
    props.slug,
    props.name,
    JSON.stringify({ ...defaultQueueConfig(), ...props.config }),
  ]);
  let agentId: string | null = null;
  if (props.agentEmail) {
    agentId = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, 'agent', 'Max')", [
      agentId,
      clientId,
      props.agentEmail,
      hash,
    ]);
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queueId, agentId, clientId]);
  }
  return { clientId, queueId, adminId, agentId };
}

export async function updateQueueConfig(db: Db, slug: string, change: (c: QueueConfig) => QueueConfig): Promise<void> {
  const [row] = await db.query<{ config: QueueConfig }>('SELECT config FROM queues WHERE slug = $1', [slug]);
  if (!row) throw new Error(`no queue ${slug}`);
  await db.query('UPDATE queues SET config = $2 WHERE slug = $1', [slug, JSON.stringify(change(row.config))]);
}
