/** Turns a zod failure into the AppError every client understands, naming each refused field. */
import type { z } from 'zod';
import { AppError } from '../app/errors.js';
import { plainError } from '../domain/plainErrors.js';
import type { FieldProblem } from '../protocol/errors.js';

type Issue = z.core.$ZodIssue;
const PROBLEM_CODES = new Set(['required', 'email', 'phone', 'choose', 'invalid']);

/**
 * The refused value's problem as a code (ErrorBody.problems), so that a page words it in its
 * reader's language: limits of text, missing values, emails, and codes a schema names in its
 * refinement's `params.problem`; anything else is `invalid`.
 */
function problemOf(issue: Issue): FieldProblem {
  if (issue.code === 'custom') {
    const code = (issue.params as { problem?: unknown } | undefined)?.problem;
    return typeof code === 'string' && PROBLEM_CODES.has(code) ? ({ code } as FieldProblem) : { code: 'invalid' };
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return { code: 'too_long', max: Number(issue.maximum) };
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1) return { code: 'required' };
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) return { code: 'required' };
  if (issue.code === 'invalid_format' && issue.format === 'email') return { code: 'email' };
  return { code: 'invalid' };
}

const NUL_MESSAGE = 'Text cannot contain the NUL character (\\u0000).';
const SURROGATE_MESSAGE = 'Text cannot contain a broken character (a lone UTF-16 surrogate, \\uD800 to \\uDFFF).';
/** Half of a UTF-16 pair without its other half (String.prototype.isWellFormed is newer than our ES2022 lib). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Deeper than any request of ours; a payload nested further is refused by its schema anyway. */
const MAX_DEPTH = 32;

/** Why PostgreSQL could not store this text, or null. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  return LONE_SURROGATE.test(text) ? SURROGATE_MESSAGE : null;
}

/**
 * The path of the first string (or object key) PostgreSQL cannot store, and why; or null. A NUL
 * ("invalid byte sequence") or a lone surrogate (no UTF-8 for it: "invalid input syntax for type
 * json" in a jsonb column) is refused here, at the edge, naming the field, instead of failing as an
 * internal error after work has begun.
 */
function unstorablePath(value: unknown, path: string[], depth: number): { path: string[]; message: string } | null {
  if (typeof value === 'string') {
    const message = unstorable(value);
    return message ? { path, message } : null;
  }
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const message = unstorable(key);
    if (message) return { path: [...path, key], message };
    const found = unstorablePath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Fields named in a refusal's message at most; the rest are counted (5,000 refused keys made a message of 60 KB). */
const NAMED_AT_MOST = 5;

export interface ParseOptions {
  /**
   * Where the fields a page shows sit in the input: refusals under it are keyed from there
   * (`fields.first_name` → `first_name`), as the form's own checks key them.
   */
  base?: string;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: ParseOptions = {}): z.infer<S> {
  const keyOf = (path: readonly PropertyKey[]): string => {
    const names = path.map(String);
    if (options.base && names.length > 1 && names[0] === options.base) names.shift();
    return names.length ? names.join('.') : '_';
  };
  const refused = unstorablePath(input, [], 0);
  if (refused) {
    const key = keyOf(refused.path);
    throw new AppError('validation', refused.message, { [key]: refused.message }, { problems: key === '_' ? {} : { [key]: { code: 'invalid' } } });
  }
  // Issues without a message of their schema's own get plain words with the limit, never zod's developer text.
  const result = schema.safeParse(input, { error: plainError });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const issue of result.error.issues) {
    const key = keyOf(issue.path);
    if (fields[key] !== undefined) continue;
    fields[key] = issue.message;
    if (key !== '_') problems[key] = problemOf(issue);
  }
  const names = Object.keys(fields).filter((k) => k !== '_');
  // One refused field: its own message reads best. Several: name them all.
  const message =
    names.length === 1
      ? (fields[names[0]!] ?? 'Invalid request.')
      : names.length
        ? `Check ${names.slice(0, NAMED_AT_MOST).join(', ')}${names.length > NAMED_AT_MOST ? ` and ${names.length - NAMED_AT_MOST} more` : ''}.`
        : (fields._ ?? 'Invalid request.');
  throw new AppError('validation', message, fields, { problems });
}
