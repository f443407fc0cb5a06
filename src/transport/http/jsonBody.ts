/**
 * JSON request bodies. Fastify's own parser answers every refusal "not valid JSON", also for a body
 * that is valid JSON but holds a `__proto__` key (or `constructor.prototype`), which it refuses to
 * keep prototype pollution out. This parser says which: not JSON, or the key that is not allowed,
 * named at its path (`fields.__proto__`), both as a 400 `validation` error. Such keys are refused,
 * never kept or dropped silently: no object of ours ever gets an own `__proto__` key that a later
 * `Object.assign` or a `for…in` copy could turn into a prototype.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../app/errors.js';

const NOT_JSON = 'The body is not valid JSON.';
const EMPTY = 'The body is empty: send JSON, or no Content-Type.';

/**
 * The path of the first key that could reach a prototype, or null. Walked with a stack of its own,
 * not recursion: a body of deeply nested arrays cannot exhaust the call stack.
 */
export function prototypeKeyPath(value: unknown): string[] | null {
  // Each entry links to its parent's, so a deep body costs one step per key, not a copied path per level.
  interface Step {
    value: unknown;
    key: string;
    parent: Step | null;
  }
  const pathOf = (step: Step, last: string[]): string[] => {
    const path = last;
    // The root (no parent) has no key of its own.
    for (let at: Step | null = step; at?.parent; at = at.parent) path.unshift(at.key);
    return path;
  };
  const stack: Step[] = [{ value, key: '', parent: null }];
  while (stack.length) {
    const step = stack.pop()!;
    const node = step.value;
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (key === '__proto__') return pathOf(step, [key]);
      if (key === 'constructor' && typeof child === 'object' && child !== null && Object.hasOwn(child, 'prototype')) return pathOf(step, [key, 'prototype']);
      stack.push({ value: child, key, parent: step });
    }
  }
  return null;
}

export function installJsonParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(new AppError('validation', EMPTY), undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(new AppError('validation', NOT_JSON), undefined);
    }
    const path = prototypeKeyPath(parsed);
    if (!path) return done(null, parsed);
    const key = path[path.length - 1] === 'prototype' ? 'constructor.prototype' : '__proto__';
    const message = `The key “${key}” is not allowed.`;
    done(new AppError('validation', message, { [path.join('.')]: message }), undefined);
  });
}
