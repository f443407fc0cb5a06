/**
 * personQueues: the queues one agent answers, set from the person dialog (the
 * queue's Agents tab sets the same rows from the other side). Runs inside the
 * caller's transaction, so a person and their queues are saved together or not at all.
 */
import type { Queryable } from '../../db/db.js';
import type { PersonRole } from '../../protocol/admin.js';
import { AppError } from '../errors.js';

export interface QueuesChange {
  /** Queue names before and after, sorted; equal when nothing changed. */
  from: string[];
  to: string[];
  /** Queues that gained or lost this agent: their routers and waiting customers need to hear of it. */
  touched: string[];
}

const byName = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase());

/**
 * Sets the agent's queues to exactly `queueIds` (queues of the client that are not deleted).
 * People who are not agents answer no queue, whatever was asked.
 */
export async function setPersonQueues(tx: Queryable, clientId: string, userId: string, role: PersonRole, queueIds: readonly string[]): Promise<QueuesChange> {
  const wanted = role === 'agent' ? [...new Set(queueIds.map((id) => id.toLowerCase()))] : [];
  const queues = await tx.query<{ id: string; name: string }>('SELECT id, name FROM queues WHERE client_id = $1 AND deleted_at IS NULL AND id = ANY($2::uuid[])', [clientId, wanted]);
  if (queues.length !== wanted.length) throw new AppError('validation', 'Choose queues of your company only.', { queueIds: 'One of these queues does not exist.' });
  const before = await tx.query<{ id: string; name: string }>(
    'SELECT q.id, q.name FROM queue_agents qa JOIN queues q ON q.id = qa.queue_id WHERE qa.user_id = $1 AND q.deleted_at IS NULL',
    [userId],
  );
  await tx.query('DELETE FROM queue_agents WHERE user_id = $1 AND NOT (queue_id = ANY($2::uuid[]))', [userId, wanted]);
  await tx.query('INSERT INTO queue_agents (queue_id, user_id, client_id) SELECT id, $1, client_id FROM queues WHERE id = ANY($2::uuid[]) ON CONFLICT DO NOTHING', [userId, wanted]);
  const beforeIds = new Set(before.map((q) => q.id));
  const afterIds = new Set(queues.map((q) => q.id));
  return {
    from: before.map((q) => q.name).sort(byName),
    to: queues.map((q) => q.name).sort(byName),
    touched: [...before.filter((q) => !afterIds.has(q.id)), ...queues.filter((q) => !beforeIds.has(q.id))].map((q) => q.id),
  };
}
