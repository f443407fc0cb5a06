/** The client's people as the portal lists them; every query is scoped to the admin's client. */
import type { Queryable } from '../../db/db.js';
import type { PersonView } from '../../protocol/admin.js';
import { agentPictureUrl } from '../chatViews.js';
import { AppError } from '../errors.js';

interface PersonRow extends Record<string, unknown> {
  id: string;
  email: string;
  display_name: string;
  role: PersonView['role'];
  capacity: number;
  active: boolean;
  picture_updated_at: Date | null;
  status: PersonView['status'];
  queues: string[] | null;
  queue_ids: string[] | null;
}

const SELECT_PEOPLE = `SELECT u.id, u.email, u.display_name, u.role, u.capacity, u.active, u.picture_updated_at, u.status,
       (SELECT array_agg(q.name ORDER BY lower(q.name)) FROM queue_agents qa JOIN queues q ON q.id = qa.queue_id WHERE qa.user_id = u.id AND q.deleted_at IS NULL) AS queues,
       (SELECT array_agg(q.id ORDER BY lower(q.name)) FROM queue_agents qa JOIN queues q ON q.id = qa.queue_id WHERE qa.user_id = u.id AND q.deleted_at IS NULL) AS queue_ids
  FROM users u WHERE u.client_id = $1`;

const toView = (r: PersonRow): PersonView => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  capacity: r.capacity,
  active: r.active,
  pictureUrl: r.picture_updated_at ? agentPictureUrl(r.id, r.picture_updated_at, 'picture') : null,
  status: r.active ? r.status : 'offline',
  queues: r.queues ?? [],
  queueIds: r.queue_ids ?? [],
});

export async function listPeople(db: Queryable, clientId: string): Promise<PersonView[]> {
  const rows = await db.query<PersonRow>(`${SELECT_PEOPLE} ORDER BY u.active DESC, lower(u.display_name), u.id`, [clientId]);
  return rows.map(toView);
}

export async function personView(db: Queryable, clientId: string, id: string): Promise<PersonView> {
  const [row] = await db.query<PersonRow>(`${SELECT_PEOPLE} AND u.id = $2`, [clientId, id]);
  if (!row) throw new AppError('not_found', 'Person not found.');
  return toView(row);
}

/** The fields the audit log compares, read under a row lock. */
export interface PersonRecord {
  id: string;
  email: string;
  displayName: string;
  role: PersonView['role'];
  capacity: number;
  active: boolean;
}

export async function lockPerson(tx: Queryable, clientId: string, id: string): Promise<PersonRecord> {
  const [row] = await tx.query<PersonRow>(
    'SELECT id, email, display_name, role, capacity, active FROM users WHERE id = $1 AND client_id = $2 FOR UPDATE',
    [id, clientId],
  );
  if (!row) throw new AppError('not_found', 'Person not found.');
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role, capacity: row.capacity, active: row.active };
}

/**
 * Email addresses sign people in, so they are unique across all clients. The
 * refusal is one sentence whoever holds the address (this client or another),
 * and names nobody: an admin learns no more about other clients than that the
 * address cannot be used (docs/SECURITY.md, threat 17).
 */
export const EMAIL_TAKEN = 'This email address cannot be used. Please choose another one.';

export async function assertEmailFree(tx: Queryable, email: string, exceptId?: string): Promise<void> {
  const [taken] = await tx.query('SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2', [email, exceptId ?? '00000000-0000-0000-0000-000000000000']);
  if (taken) throw new AppError('conflict', EMAIL_TAKEN, { email: EMAIL_TAKEN });
}
