/** Turns a zod failure into the AppError every client understands, naming each refused field. */
import type { z } from 'zod';
import { AppError } from '../app/errors.js';
import { plainError } from '../domain/plainErrors.js';

const NUL_MESSAGE = 'Text cannot contain the NUL character (\\u0000).';
/** Deeper than any request of ours; a payload nested further is refused by its schema anyway. */
const MAX_DEPTH = 32;

/**
 * The path of the first string (or object key) holding a NUL character, or null. PostgreSQL
 * cannot store one in text ("invalid byte sequence"): refused here, at the edge, naming the field,
 * instead of failing as an internal error after work has begun.
 */
function nulPath(value: unknown, path: string[], depth: number): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const nul = nulPath(input, [], 0);
  if (nul) {
    const key = nul.length ? nul.join('.') : '_';
    throw new AppError('validation', NUL_MESSAGE, { [key]: NUL_MESSAGE });
  }
  // Issues without a message of their schema's own get plain words with the limit, never zod's developer text.
  const result = schema.safeParse(input, { error: plainError });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  const names = Object.keys(fields).filter((k) => k !== '_');
  // One refused field: its own message reads best. Several: name them all.
  const message =
    names.length === 1 ? (fields[names[0]!] ?? 'Invalid request.') : names.length ? `Check ${names.join(', ')}.` : (fields._ ?? 'Invalid request.');
  throw new AppError('validation', message, fields);
}
