/** A queue's slug (the last part of its Reactive Chat URL), made from its name and unique across all clients. */
import type { Queryable } from '../../db/db.js';
import { AppError } from '../errors.js';

export const SLUG_TAKEN = 'Another queue already has this address. Choose another.';

/** Throws a conflict naming the `slug` field when any other queue (of any client) has this address. */
export async function ensureSlugFree(tx: Queryable, slug: string, exceptQueueId: string): Promise<void> {
  const [taken] = await tx.query('SELECT 1 FROM queues WHERE slug = $1 AND id <> $2', [slug, exceptQueueId]);
  if (taken) throw new AppError('conflict', SLUG_TAKEN, { slug: SLUG_TAKEN });
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return base || 'queue';
}

/** The slug for `name`, with -2, -3… appended when taken. */
export async function freeSlug(tx: Queryable, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await tx.query<{ slug: string }>("SELECT slug FROM queues WHERE slug = $1 OR slug LIKE $1 || '-%'", [base])).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
