/** passwordResetter: an admin sets a new password for a person; their open sessions end. */
import { endSessionsOf, type Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { hashPassword } from '../secrets.js';
import { recordAudit } from './auditLog.js';
import { lockPerson } from './people.js';

export interface PasswordResetterProps {
  actor: Session;
  personId: string;
  password: string;
}

export async function passwordResetter(deps: Deps, props: PasswordResetterProps): Promise<void> {
  const hash = await hashPassword(props.password);
  await deps.db.transaction(async (tx) => {
    const person = await lockPerson(tx, props.actor.clientId, props.personId);
    await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [person.id, hash]);
    // Whoever knew the old password is signed out: the users_end_sessions trigger (migration 3) deletes
    // every session of the person in this transaction — the admin's own too, when they reset their own.
    // The log says that it changed, never what to.
    await recordAudit(tx, { actor: props.actor, entityType: 'person', entityId: person.id, entityName: person.displayName, action: 'person.password_reset', changes: [] });
  });
  // Their open consoles close now on every node, not at their next session check.
  await endSessionsOf(deps, props.personId);
}
