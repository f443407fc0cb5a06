/** The database half of the readiness check, and whether the node is shedding load. */
import type { Db } from '../db/db.js';

/**
 * A node reports itself overloaded from a refusal until this long after the
 * last one: refusals come and go many times a second at the knee, and a
 * report that flips with each would tell a watcher nothing.
 */
export const OVERLOAD_HOLD_MS = 10_000;

/** Overloaded: work was refused for want of capacity (database or event loop) at `lastRefusedAt` (0: never), lately. */
export function overloaded(lastRefusedAt: number, now: number = Date.now()): boolean {
  return lastRefusedAt > 0 && now - lastRefusedAt < OVERLOAD_HOLD_MS;
}

export async function databaseAnswers(db: Db, timeoutMs: number): Promise<boolean> {
  const load = db.load();
  // Busy, not down: work is waiting and statements keep succeeding. A probe would only wait behind
  // them or be refused, and an overloaded node would read as one without a database.
  if (load.waiting > 0 && Date.now() - load.lastAnsweredAt < timeoutMs) return true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.query('SELECT 1').then(() => true), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
