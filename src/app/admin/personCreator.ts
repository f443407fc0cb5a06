/** personCreator: a new agent, supervisor or admin of the admin's client, with a first password. */
import type { PersonBody } from '../../protocol/admin.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { hashPassword, newId } from '../secrets.js';
import { changesBetween, recordAudit } from './auditLog.js';
import { assertEmailFree, EMAIL_TAKEN } from './people.js';
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
  const { email, displayName, role, capacity } = props.person;
  await uniqueOr(() => deps.db.transaction(async (tx) => {
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
    await recordAudit(tx, { actor: props.actor, entityType: 'person', entityId: id, entityName: displayName, action: 'person.created', changes: changesBetween(null, props.person) });
  }), 'email', EMAIL_TAKEN);
  return id;
}
