/** Turns a zod failure into the AppError every client understands, naming each refused field. */
import type { z } from 'zod';
import { AppError } from '../app/errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
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
