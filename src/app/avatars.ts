/** Agents' pictures as customers see them (public: only active people's). */
import type { Queryable } from '../db/db.js';
import { AppError } from './errors.js';

export async function loadAvatar(db: Queryable, userId: string): Promise<{ bytes: Buffer; type: string }> {
  const [row] = await db.query<{ picture: Uint8Array | null; picture_type: string | null }>(
    'SELECT picture, picture_type FROM users WHERE id = $1 AND active',
    [userId],
  );
  if (!row?.picture || !row.picture_type) throw new AppError('not_found', 'No picture.');
  return { bytes: Buffer.from(row.picture), type: row.picture_type };
}
