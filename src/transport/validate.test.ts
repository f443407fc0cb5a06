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
});
