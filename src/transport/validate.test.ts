import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import { parseInput } from './validate.js';

const refusal = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('parseInput', () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()).optional(), nested: z.object({ note: z.string() }).optional() });

  it('refuses a NUL character anywhere in the payload as a validation error naming the field, before the schema', () => {
    expect(refusal(() => parseInput(schema, { name: 'A\u0000' })).fields).toEqual({ name: expect.stringContaining('NUL') });
    expect(refusal(() => parseInput(schema, { name: 'ok', tags: ['a', 'b\u0000'] })).fields).toHaveProperty(['tags.1']);
    expect(refusal(() => parseInput(schema, { name: 'ok', nested: { note: '\u0000' } })).fields).toHaveProperty(['nested.note']);
    expect(refusal(() => parseInput(schema, { name: 'ok', ['bad\u0000key']: 1 })).id).toBe('validation');
    expect(refusal(() => parseInput(z.string(), 'x\u0000')).fields).toHaveProperty('_');
  });

  it('names five refused fields in its message and counts the rest, while every field keeps its own', () => {
    const held = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'x']));
    const error = refusal(() => parseInput(z.object({ held: z.record(z.string(), z.number()) }), { held }));
    expect(error.message).toBe('Check held.k0, held.k1, held.k2, held.k3, held.k4 and 4995 more.');
    expect(Object.keys(error.fields ?? {})).toHaveLength(5000);
  });

  it('keys refusals under `base` from there, as a form keys its fields, and words text it cannot store as invalid', () => {
    const schema = z.object({ fields: z.record(z.string(), z.string().max(3)) });
    const long = refusal(() => parseInput(schema, { fields: { city: 'Lisbon' } }, { base: 'fields' }));
    expect(Object.keys(long.fields ?? {})).toEqual(['city']);
    const nul = refusal(() => parseInput(schema, { fields: { city: 'a\u0000' } }, { base: 'fields' }));
    expect(nul.fields).toEqual({ city: expect.stringContaining('NUL') });
    expect(nul.detail?.problems).toEqual({ city: { code: 'invalid' } });
    // Without a base the path is named whole.
    expect(Object.keys(refusal(() => parseInput(schema, { fields: { city: 'a\ud800' } })).fields ?? {})).toEqual(['fields.city']);
  });

  it('passes everything else to the schema unchanged', () => {
    expect(parseInput(schema, { name: 'Ana\u0001 é 😀', tags: ['x'] })).toEqual({ name: 'Ana\u0001 é 😀', tags: ['x'] });
    expect(refusal(() => parseInput(schema, { name: 3 })).fields).toHaveProperty('name');
  });
});

describe('plain words for refusals without a message of their own', () => {
  const schema = z.object({
    name: z.string().trim().min(1).max(120),
    count: z.number().int().min(1).max(10_000),
    tags: z.array(z.string()).max(3),
    kind: z.enum(['a', 'b']),
    email: z.email(),
    own: z.string().max(2, 'My own words.'),
  });
  const fieldsOf = (input: unknown) => refusal(() => parseInput(schema, input)).fields ?? {};
  const valid = { name: 'Ana', count: 2, tags: [], kind: 'a', email: 'a@example.com', own: 'ok' };

  it('says what is wrong with the limit, never zod\'s developer text', () => {
    expect(fieldsOf({ ...valid, name: 'x'.repeat(121) }).name).toBe('At most 120 characters.');
    expect(fieldsOf({ ...valid, name: '   ' }).name).toBe('This field is required.');
    expect(fieldsOf({ ...valid, count: 20_000 }).count).toBe('At most 10,000.');
    expect(fieldsOf({ ...valid, count: 0 }).count).toBe('At least 1.');
    expect(fieldsOf({ ...valid, count: 1.5 }).count).toBe('Enter a whole number.');
    expect(fieldsOf({ ...valid, count: 'many' }).count).toBe('Enter a number.');
    expect(fieldsOf({ ...valid, tags: ['a', 'b', 'c', 'd'] }).tags).toBe('At most 3 items.');
    expect(fieldsOf({ ...valid, kind: 'z' }).kind).toBe('Choose one of: a, b.');
    expect(fieldsOf({ ...valid, email: 'nope' }).email).toBe('Enter a valid email address, like name@example.com.');
    const { name: _omitted, ...withoutName } = valid;
    expect(fieldsOf(withoutName).name).toBe('This field is required.');
    for (const message of Object.values(fieldsOf({ name: 5, count: [], tags: 'x', kind: 1, email: 2, own: 3 }))) {
      expect(message).not.toMatch(/expected|Invalid input|Too (big|small)|<=|>=/);
    }
  });

  it('keeps a schema\'s own message', () => {
    expect(fieldsOf({ ...valid, own: 'long' }).own).toBe('My own words.');
  });
});
