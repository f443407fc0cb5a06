/**
 * Queue names are unique per client (issue 11): two queues called "Support"
 * cannot be told apart in the portal, the console or reports. Compared without
 * case or surrounding spaces; deleted queues free their name. Checked in the
 * transaction that writes the name, under a lock on the client's row so that
 * two admins creating the same name at once are told apart (no unique index:
 * clients may already hold duplicates from before, and those must still load).
 */
import type { Queryable } from '../../db/db.js';
import { AppError } from '../errors.js';

const WORDS = {
  taken: (name: string) => `Another queue is already called “${name}”. Choose another name.`,
};

/** Throws a conflict naming the `name` field when another live queue of the client has this name. */
export async function ensureQueueNameFree(tx: Queryable, clientId: string, name: string, exceptQueueId: string | null = null): Promise<void> {
  // NO KEY UPDATE: serialises name checks of one client without blocking rows that reference it.
  await tx.query('SELECT id FROM clients WHERE id = $1 FOR NO KEY UPDATE', [clientId]);
  const [taken] = await tx.query<{ name: string }>(
    `SELECT name FROM queues WHERE client_id = $1 AND deleted_at IS NULL AND lower(btrim(name)) = lower(btrim($2))
        AND ($3::uuid IS NULL OR id <> $3::uuid) LIMIT 1`,
    [clientId, name, exceptQueueId],
  );
  if (taken) {
    const message = WORDS.taken(taken.name);
    throw new AppError('conflict', message, { name: message });
  }
}
