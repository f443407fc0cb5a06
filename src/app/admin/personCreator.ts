/** personCreator: a new agent, supervisor or admin of the admin's client, with a first password (and, for agents, their queues). */
import type { PersonBody } from '../../protocol/admin.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { broadcastPlaces } from '../placeBroadcaster.js';
import { hashPassword, newId } from '../secrets.js';
import { changesBetween, recordAudit } from './auditLog.js';
import { assertEmailFree, EMAIL_TAKEN } from './people.js';
import { setPersonQueues } from './personQueues.js';
import { uniqueOr } from './uniqueness.js';

export interface PersonCreatorProps {
  actor: Session;
  person: PersonBody;
  /** Their first password; they sign in with it. */
  password: string;
}

/** Returns the new person's id. */
export async function personCreator(deps: Deps, props: PersonCreatorProps): Promise<string> {
  const id = newId();
  const hash = await hashPassword(props.password);
  const { email, displayName, role, capacity, queueIds } = props.person;
  const touched = await uniqueOr(() => deps.db.transaction(async (tx) => {
    await assertEmailFree(tx, email);
    await tx.query('INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      id,
      props.actor.clientId,
      email,
      hash,
      role,
      displayName,
      capacity,
    ]);
    const queues = await setPersonQueues(tx, props.actor.clientId, id, role, queueIds ?? []);
    const changes = changesBetween(null, { email, displayName, role, capacity, ...(queues.to.length ? { queues: queues.to } : {}) });
    await recordAudit(tx, { actor: props.actor, entityType: 'person', entityId: id, entityName: displayName, action: 'person.created', changes });
    return queues.touched;
  }), 'email', EMAIL_TAKEN);
  // A new agent is Offline until they sign in: nobody is routed to them yet, but the customers
  // waiting in their queues hear of another agent on the line (the "nobody available" screen counts them).
  for (const queueId of touched) await broadcastPlaces(deps, queueId);
  return id;
}
