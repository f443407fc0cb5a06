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

/**
 * A chat in an agent's hands with a log of `events` messages (seq 1…events, alternating customer and
 * agent), written straight to the tables: for tests and benchmarks of reading long logs.
 */
export async function createChatWithLog(
  db: Db,
  props: { clientId: string; queueId: string; agentId: string; events: number; status?: 'active' | 'ended'; customerName?: string },
): Promise<string> {
  const chatId = newId();
  const ended = props.status === 'ended';
  await db.query(
    `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, accepted_at, last_seq,
                        ended_at, ended_by)
     VALUES ($1, $2, $3, $4, $5, $6, '{"fields": [], "values": {}}', $7, now(), $8, $9, $10)`,
    [chatId, props.clientId, props.queueId, `test-${chatId}`, props.status ?? 'active', props.customerName ?? 'Customer', props.agentId, props.events,
      ended ? new Date() : null, ended ? 'customer' : null],
  );
  await db.query(
    `INSERT INTO chat_events (chat_id, seq, client_id, kind, author, author_name, body, client_msg_id)
     SELECT $1, s, $2, 'message', CASE WHEN s % 2 = 0 THEN 'agent' ELSE 'customer' END, 'Someone',
            'A message of an ordinary length, about an order that did not arrive on time ' || s, 'm' || s
       FROM generate_series(1, $3::int) s`,
    [chatId, props.clientId, props.events],
  );
  return chatId;
}
