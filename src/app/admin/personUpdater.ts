/** personUpdater: a person's email, display name, role, chat capacity and (for agents) queues. */
import type { PersonBody } from '../../protocol/admin.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { pushAgentState } from '../agentStatus.js';
import { queuesOfAgent } from '../chatRouter.js';
import { broadcastPlaces } from '../placeBroadcaster.js';
import { changesBetween, recordAudit } from './auditLog.js';
import { assertEmailFree, EMAIL_TAKEN, lockPerson } from './people.js';
import { setPersonQueues } from './personQueues.js';
import { uniqueOr } from './uniqueness.js';
import { tellQueueVisitors } from '../queueVisitors.js';

export interface PersonUpdaterProps {
  actor: Session;
  personId: string;
  person: PersonBody;
}

export async function personUpdater(deps: Deps, props: PersonUpdaterProps): Promise<void> {
  const touched = await uniqueOr(() => deps.db.transaction(async (tx) => {
    const before = await lockPerson(tx, props.actor.clientId, props.personId);
    // An admin cannot lock themselves out of the portal.
    if (before.id === props.actor.userId && props.person.role !== 'admin') {
      throw new AppError('validation', 'You cannot remove your own admin role.', { role: 'You cannot remove your own admin role.' });
    }
    if (before.email.toLowerCase() !== props.person.email.toLowerCase()) await assertEmailFree(tx, props.person.email, before.id);
    const { email, displayName, role, capacity, queueIds } = props.person;
    const changes = changesBetween({ email: before.email, displayName: before.displayName, role: before.role, capacity: before.capacity }, { email, displayName, role, capacity });
    if (changes.length) await tx.query('UPDATE users SET email = $2, display_name = $3, role = $4, capacity = $5 WHERE id = $1', [before.id, email, displayName, role, capacity]);
    // Only agents answer queues; left out, an agent's queues stay as they are.
    const queues = queueIds !== undefined || role !== 'agent' ? await setPersonQueues(tx, props.actor.clientId, before.id, role, queueIds ?? []) : null;
    if (queues && queues.touched.length) changes.push({ path: 'queues', from: queues.from, to: queues.to });
    if (!changes.length) return null;
    await recordAudit(tx, { actor: props.actor, entityType: 'person', entityId: before.id, entityName: displayName, action: 'person.updated', changes });
    return queues?.touched ?? [];
  }), 'email', EMAIL_TAKEN);
  if (!touched) return;
  // A larger capacity or a new queue may let waiting chats through at once.
  await pushAgentState(deps, props.personId);
  const queues = [...new Set([...(await queuesOfAgent(deps.db, props.personId)), ...touched])];
  deps.kickRouter(queues);
  for (const queueId of touched) await broadcastPlaces(deps, queueId);
  // Staffing of the queues gained or left may have changed: pages not yet in a chat read them again.
  await tellQueueVisitors(deps, touched);
}
