/** Turns a unique-index violation (two admins saving the same slug or email at once) into a clear conflict. */
import { AppError } from '../errors.js';

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}

/** Runs `work`; a unique violation becomes a 409 naming `field`. */
export async function uniqueOr<T>(work: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', message, { [field]: message });
    throw error;
  }
}
