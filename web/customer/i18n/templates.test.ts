/** The page's word tools: placeholders filled, plural forms picked by the language's rules. */
import { describe, expect, it } from 'vitest';
import { params, part, plurals } from './templates.js';

describe('word templates', () => {
  it('fills every placeholder, as often as it appears, and leaves unknown ones', () => {
    const line = params<{ name: string; max: number }>('{name} sent {max} files; {name} waits for {other}');
    expect(line({ name: 'Wen', max: 3 })).toBe('Wen sent 3 files; Wen waits for {other}');
  });

  it('takes values literally, even with $ patterns', () => {
    expect(params<{ name: string }>('Hello {name}')({ name: "$& $' $1" })).toBe("Hello $& $' $1");
  });

  it('picks the plural form of the language and falls back to "other"', () => {
    const forms = { one: '{count} minute', other: '{count} minutes' };
    expect(plurals('en')(forms)(1)).toBe('1 minute');
    expect(plurals('en')(forms)(0)).toBe('0 minutes');
    // French says "0 minute" and "1,5 minute": one covers 0 and 1.
    expect(plurals('fr')(forms)(0)).toBe('0 minute');
    expect(plurals('fr')(forms)(2)).toBe('2 minutes');
    // Spanish has a "many" form for large round numbers; a catalog without it gets "other".
    expect(plurals('es')(forms)(1_000_000)).toBe('1000000 minutes');
  });

  it('keeps a part as it was defined', () => {
    const words = { endChat: 'End chat' };
    expect(part(words).get()).toBe(words);
  });
});
