import { createI18n } from '@nanostores/i18n';
import { atom } from 'nanostores';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api.js';
import { fr } from './fr.js';
import { defineWords } from './messages.js';
import { failureText, fieldRefusals, refusalText } from './refusals.js';

beforeAll(() => {
  defineWords(createI18n(atom('fr'), { baseLocale: 'fr', get: () => Promise.resolve({}) }), fr);
});

describe('server refusals in the reader’s language (French)', () => {
  it('words each refusal by its id, never the server’s English sentence', () => {
    expect(refusalText({ id: 'chat_ended' })).toBe(fr.chat.ended);
    expect(refusalText({ id: 'unavailable' })).toBe(fr.errors.busy);
    expect(refusalText({ id: 'validation' })).toBe(fr.errors.validation);
    expect(refusalText({ id: 'forbidden' })).toBe(fr.errors.notTaken);
  });

  it('says how long to wait after a rate limit, with the plural the count takes', () => {
    expect(refusalText({ id: 'rate_limited', params: { minutes: 1 } })).toBe('Trop de tentatives. Patientez 1 minute puis réessayez.');
    expect(refusalText({ id: 'rate_limited', params: { minutes: 10 } })).toBe('Trop de tentatives. Patientez 10 minutes puis réessayez.');
    expect(refusalText({ id: 'rate_limited' })).toBe(fr.errors.tooFast);
  });

  it('falls back to the caller’s words, else "something went wrong", for other ids', () => {
    expect(refusalText({ id: 'internal' }, 'Impossible de terminer.')).toBe('Impossible de terminer.');
    expect(refusalText({ id: 'conflict' })).toBe(fr.app.somethingWrong);
    expect(refusalText(null)).toBe(fr.app.somethingWrong);
  });

  it('tells an unreachable server apart from a refusal', () => {
    expect(failureText(new ApiError(0, { id: 'internal', message: 'Cannot reach the server.' }))).toBe(fr.errors.unreachable);
    expect(failureText(new ApiError(429, { id: 'rate_limited', message: 'Too many', params: { minutes: 2 } }))).toMatch(/Patientez 2 minutes/);
  });

  it('words refused fields with the labels the reader sees, leaving out fields the page does not show', () => {
    const body = {
      id: 'validation' as const,
      message: 'Some fields need your attention.',
      fields: { email: 'Enter a valid email address.', name: 'At most 120 characters.', phone: 'Odd.', hidden: 'x' },
      problems: { email: { code: 'email' as const }, name: { code: 'too_long' as const, max: 120 } },
    };
    const labels: Record<string, string> = { email: 'Adresse e-mail', name: 'Nom', phone: 'Téléphone' };
    expect(fieldRefusals(body, (key) => labels[key])).toEqual({
      email: fr.errors.email,
      name: 'Le champ « Nom » ne doit pas dépasser 120 caractères.',
      // Refused without a code: "not valid", with its label.
      phone: 'Le champ « Téléphone » n’est pas valide.',
    });
  });
});
