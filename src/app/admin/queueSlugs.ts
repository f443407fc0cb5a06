/** A queue's slug (the last part of its Reactive Chat URL), made from its name and unique across all clients. */
import type { Queryable } from '../../db/db.js';

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
