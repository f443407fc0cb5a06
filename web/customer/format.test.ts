/** Times follow the reader's locale, the same clock everywhere on the page. */
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatRange, formatTimeOfDay, weekdayName } from './format.js';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('customer page times', () => {
  it('writes hours and "opens next" with one clock per locale', () => {
    expect(formatRange({ start: '09:00', end: '17:00' }, 'fr-FR', '')).toBe('09:00–17:00');
    expect(nbsp(formatRange({ start: '09:00', end: '17:00' }, 'en-US', ''))).toBe('9:00 AM–5:00 PM');
    expect(formatRange({ start: '09:00', end: '17:00' }, 'en-GB', '')).toBe('09:00–17:00');
    const opens = '2026-03-02T08:00:00Z'; // Monday 09:00 in Paris
    expect(formatDateTime(opens, 'fr-FR', 'Europe/Paris')).toMatch(/^lundi 2 mars (à )?09:00$/);
    expect(nbsp(formatDateTime(opens, 'en-US', 'Europe/Paris'))).toMatch(/^Monday, March 2( at|,) 9:00 AM$/);
    expect(formatDateTime(opens, 'es-ES', 'Europe/Paris')).toMatch(/^lunes, 2 de marzo, 09:00$/);
  });

  it('writes midnight and overnight hours as the locale does', () => {
    expect(formatTimeOfDay('24:00', 'fr-FR')).toBe('00:00');
    expect(formatRange({ start: '22:00', end: '02:00' }, 'fr-FR', '(le lendemain)')).toBe('22:00–02:00 (le lendemain)');
    expect(formatRange({ start: '12:00', end: '24:00' }, 'fr-FR', '(le lendemain)')).toBe('12:00–00:00');
  });

  it('names days in the reader language, never shifted by their zone', () => {
    expect(weekdayName(1, 'fr-FR')).toBe('lundi');
    expect(weekdayName(0, 'es-ES')).toBe('domingo');
    expect(weekdayName(6, 'en')).toBe('Saturday');
    expect(formatDay('2026-12-25', 'fr-FR')).toBe('ven. 25 déc.');
  });
});
