import { describe, expect, it } from 'vitest';
import { boardTimeZone, share, startOfLocalDay } from './localDay.js';

describe('startOfLocalDay', () => {
  it('is local midnight, in UTC and elsewhere', () => {
    expect(startOfLocalDay(new Date('2026-03-10T15:20:00Z'), 'UTC').toISOString()).toBe('2026-03-10T00:00:00.000Z');
    // Paris is UTC+1 in winter: midnight there is 23:00 UTC the day before.
    expect(startOfLocalDay(new Date('2026-01-10T15:20:00Z'), 'Europe/Paris').toISOString()).toBe('2026-01-09T23:00:00.000Z');
    // Just after local midnight in New York (UTC-5) the day began minutes ago.
    expect(startOfLocalDay(new Date('2026-01-10T05:10:00Z'), 'America/New_York').toISOString()).toBe('2026-01-10T05:00:00.000Z');
    // Still the day before in New York at 04:59 UTC.
    expect(startOfLocalDay(new Date('2026-01-10T04:59:00Z'), 'America/New_York').toISOString()).toBe('2026-01-09T05:00:00.000Z');
  });

  it('handles a day with a daylight-saving change', () => {
    // Paris moves to UTC+2 at 01:00 UTC on 29 March 2026; the day began at 23:00 UTC (UTC+1).
    expect(startOfLocalDay(new Date('2026-03-29T18:00:00Z'), 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // And back on 25 October 2026: the day began at 22:00 UTC (UTC+2).
    expect(startOfLocalDay(new Date('2026-10-25T18:00:00Z'), 'Europe/Paris').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
});

describe('boardTimeZone', () => {
  it('takes the zone most queues use, the oldest queue on a tie, UTC without queues', () => {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    expect(boardTimeZone([])).toBe('UTC');
    expect(boardTimeZone([{ timeZone: 'Europe/Paris', createdAt: at(2) }, { timeZone: 'UTC', createdAt: at(3) }, { timeZone: 'UTC', createdAt: at(4) }])).toBe('UTC');
    expect(boardTimeZone([{ timeZone: 'UTC', createdAt: at(5) }, { timeZone: 'Europe/Paris', createdAt: at(2) }])).toBe('Europe/Paris');
  });

  it('counts only queues whose hours are on, when any are (the zone of a queue without hours was never chosen)', () => {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    const queues = [
      { timeZone: 'UTC', createdAt: at(1), hoursEnabled: false },
      { timeZone: 'UTC', createdAt: at(2), hoursEnabled: false },
      { timeZone: 'Europe/Paris', createdAt: at(3), hoursEnabled: true },
    ];
    expect(boardTimeZone(queues)).toBe('Europe/Paris');
    expect(boardTimeZone(queues.map((q) => ({ ...q, hoursEnabled: false })))).toBe('UTC');
  });
});

describe('share', () => {
  it('is null with nothing to divide', () => {
    expect(share(1, 0)).toBeNull();
    expect(share(3, 4)).toBe(0.75);
  });
});
