/** queueAgentsSaver: which of the client's agents answer a queue. */
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { broadcastPlaces } from '../placeBroadcaster.js';
import { recordAudit } from './auditLog.js';
import { lockQueue } from './queueViews.js';
import { tellQueueVisitors } from '../queueVisitors.js';

export interface QueueAgentsSaverProps {
  actor: Session;
  queueId: string;
  /** The complete new list; agents left out stop receiving this queue's chats (their current chats go on). */
  agentIds: string[];
}

export async function queueAgentsSaver(deps: Deps, props: QueueAgentsSaverProps): Promise<void> {
  const wanted = [...new Set(props.agentIds)];
  await deps.db.transaction(async (tx) => {
    const queue = await lockQueue(tx, props.actor.clientId, props.queueId);
    const agents = await tx.query<{ id: string; display_name: string }>(
      "SELECT id, display_name FROM users WHERE client_id = $1 AND role = 'agent' AND id = ANY($2::uuid[])",
      [props.actor.clientId, wanted],
    );
    if (agents.length !== wanted.length) throw new AppError('validation', 'Choose agents of your company only.', { agentIds: 'Unknown agent.' });
    const before = await tx.query<{ display_name: string }>(
      'SELECT u.display_name FROM queue_agents qa JOIN users u ON u.id = qa.user_id WHERE qa.queue_id = $1 ORDER BY lower(u.display_name)',
      [queue.id],
    );
    await tx.query('DELETE FROM queue_agents WHERE queue_id = $1 AND NOT (user_id = ANY($2::uuid[]))', [queue.id, wanted]);
    await tx.query(
      'INSERT INTO queue_agents (queue_id, user_id, client_id) SELECT $1, id, client_id FROM users WHERE id = ANY($2::uuid[]) ON CONFLICT DO NOTHING',
      [queue.id, wanted],
    );
    const from = before.map((r) => r.display_name);
    const to = agents.map((a) => a.display_name).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    await recordAudit(tx, { actor: props.actor, entityType: 'queue', entityId: queue.id, entityName: queue.name, action: 'queue.agents', changes: [{ path: 'agents', from, to }] });
  });
  deps.kickRouter([props.queueId]);
  await broadcastPlaces(deps, props.queueId);
  // Its staffing may have changed: pages not yet in a chat read it again.
  await tellQueueVisitors(deps, [props.queueId]);
}
