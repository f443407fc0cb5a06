import { describe, expect, it } from 'vitest';
import { isOpenAt, isTimeZone, localMoment, nextHoursChange, opensNextAt, rangeText, rangeTimes, upcomingExceptions, weeklyLines, type WorkingHours, zonedInstant } from './schedule.js';

const weekdays9to17 = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
const paris: WorkingHours = { enabled: true, timeZone: 'Europe/Paris', weekly: weekdays9to17, exceptions: [] };

describe('working hours', () => {
  it('is always open when hours are off', () => {
    expect(isOpenAt({ ...paris, enabled: false }, new Date('2026-11-29T03:00:00Z'))).toBe(true);
  });

  it('reads the local time of the zone, not UTC', () => {
    // 08:30 UTC on Wednesday 25 Nov 2026 is 09:30 in Paris (UTC+1).
    expect(isOpenAt(paris, new Date('2026-11-25T08:30:00Z'))).toBe(true);
    expect(isOpenAt(paris, new Date('2026-11-25T07:30:00Z'))).toBe(false);
    expect(isOpenAt(paris, new Date('2026-11-25T16:00:00Z'))).toBe(false); // 17:00 Paris: closing time
  });

  it('follows daylight saving: 09:00 Paris is 07:00 UTC in summer and 08:00 UTC in winter', () => {
    expect(isOpenAt(paris, new Date('2026-07-01T07:00:00Z'))).toBe(true);
    expect(isOpenAt(paris, new Date('2026-12-02T07:00:00Z'))).toBe(false);
    expect(isOpenAt(paris, new Date('2026-12-02T08:00:00Z'))).toBe(true);
  });

  it('says when it opens next across the spring-forward change', () => {
    // Friday 27 March 2026 after hours; clocks go forward on Sunday 29 March.
    const next = opensNextAt(paris, new Date('2026-03-27T18:00:00Z'));
    expect(next?.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // Monday 09:00 CEST
  });

  it('handles an overnight interval on both sides of midnight', () => {
    const night: WorkingHours = { enabled: true, timeZone: 'UTC', weekly: [{ day: 5, start: '22:00', end: '02:00' }], exceptions: [] };
    expect(isOpenAt(night, new Date('2026-11-27T23:00:00Z'))).toBe(true); // Friday 23:00
    expect(isOpenAt(night, new Date('2026-11-28T01:30:00Z'))).toBe(true); // Saturday 01:30
    expect(isOpenAt(night, new Date('2026-11-28T02:00:00Z'))).toBe(false);
    expect(isOpenAt(night, new Date('2026-11-27T21:59:00Z'))).toBe(false);
  });

  it('closes on a holiday and uses special hours on an exception day', () => {
    const hours: WorkingHours = {
      ...paris,
      exceptions: [
        { date: '2026-12-25', label: 'Christmas', intervals: [] },
        { date: '2026-12-24', label: 'Christmas Eve', intervals: [{ start: '09:00', end: '12:00' }] },
      ],
    };
    expect(isOpenAt(hours, new Date('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2026-12-24T10:00:00Z'))).toBe(true); // 11:00 Paris
    expect(isOpenAt(hours, new Date('2026-12-24T12:00:00Z'))).toBe(false); // 13:00 Paris
    // From Christmas Eve afternoon, the next opening skips the holiday and the weekend days after it.
    expect(opensNextAt(hours, new Date('2026-12-24T12:00:00Z'))?.toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });

  it('returns null when the hours never open', () => {
    expect(opensNextAt({ ...paris, weekly: [] }, new Date('2026-11-25T12:00:00Z'), 30)).toBeNull();
  });

  it('converts wall-clock times to instants and back', () => {
    expect(zonedInstant('2026-07-01', 9 * 60, 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(localMoment(new Date('2026-07-01T13:00:00Z'), 'America/New_York')).toEqual({ date: '2026-07-01', weekday: 3, minute: 540 });
  });

  it('knows IANA zones and lists hours Monday first', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    // Asked again, from the cache of checked zones: the same answers.
    expect([isTimeZone('Europe/Paris'), isTimeZone('Mars/Olympus')]).toEqual([true, false]);
    expect(weeklyLines(paris)[0]).toEqual({ day: 'Monday', weekday: 1, ranges: ['09:00–17:00'], times: [{ start: '09:00', end: '17:00' }] });
    expect(weeklyLines(paris)[6]).toEqual({ day: 'Sunday', weekday: 0, ranges: [], times: [] });
  });

  it('follows the autumn fall-back in New York: 09:00 local is 13:00 UTC before and 14:00 UTC after', () => {
    const ny: WorkingHours = { enabled: true, timeZone: 'America/New_York', weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '09:00', end: '10:00' })), exceptions: [] };
    // Clocks go back on Sunday 1 November 2026.
    expect(isOpenAt(ny, new Date('2026-10-31T13:30:00Z'))).toBe(true);
    expect(isOpenAt(ny, new Date('2026-11-01T13:30:00Z'))).toBe(false);
    expect(isOpenAt(ny, new Date('2026-11-01T14:30:00Z'))).toBe(true);
    expect(opensNextAt(ny, new Date('2026-10-31T18:00:00Z'))?.toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('keeps an overnight interval whole across the spring-forward night', () => {
    // Saturday 28 March 22:00 to Sunday 29 March 06:00 Paris; at 02:00 the clocks jump to 03:00.
    const night: WorkingHours = { enabled: true, timeZone: 'Europe/Paris', weekly: [{ day: 6, start: '22:00', end: '06:00' }], exceptions: [] };
    expect(isOpenAt(night, new Date('2026-03-28T21:30:00Z'))).toBe(true); // 22:30 CET
    expect(isOpenAt(night, new Date('2026-03-29T01:30:00Z'))).toBe(true); // 03:30 CEST
    expect(isOpenAt(night, new Date('2026-03-29T04:30:00Z'))).toBe(false); // 06:30 CEST
    expect(opensNextAt(night, new Date('2026-03-29T04:30:00Z'))?.toISOString()).toBe('2026-04-04T20:00:00.000Z'); // next Saturday 22:00 CEST
  });

  it('opens next on the first interval of a day with several, and on special hours of an exception day', () => {
    const split: WorkingHours = {
      enabled: true,
      timeZone: 'Europe/Paris',
      weekly: [
        { day: 1, start: '14:00', end: '18:00' },
        { day: 1, start: '09:00', end: '12:00' },
      ],
      exceptions: [{ date: '2026-11-30', label: 'Stock-taking', intervals: [{ start: '15:00', end: '16:00' }] }],
    };
    // Monday 23 Nov, 12:30 Paris: between the two intervals.
    expect(opensNextAt(split, new Date('2026-11-23T11:30:00Z'))?.toISOString()).toBe('2026-11-23T13:00:00.000Z');
    // Sunday 29 Nov: the next Monday has only its special hours.
    expect(opensNextAt(split, new Date('2026-11-29T12:00:00Z'))?.toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it('treats an interval ending at 24:00 as running to midnight', () => {
    const late: WorkingHours = { enabled: true, timeZone: 'UTC', weekly: [{ day: 3, start: '20:00', end: '24:00' }], exceptions: [] };
    expect(isOpenAt(late, new Date('2026-11-25T23:59:00Z'))).toBe(true);
    expect(isOpenAt(late, new Date('2026-11-26T00:00:00Z'))).toBe(false);
  });
});

describe('hours as the closed screen shows them', () => {
  const hours: WorkingHours = {
    enabled: true,
    timeZone: 'Europe/Paris',
    weekly: [
      { day: 6, start: '22:00', end: '02:00' },
      { day: 1, start: '09:00', end: '17:00' },
    ],
    exceptions: [
      { date: '2027-01-01', label: "New Year's Day", intervals: [] },
      { date: '2026-12-24', label: 'Christmas Eve', intervals: [{ start: '09:00', end: '12:00' }] },
      { date: '2026-11-01', label: 'Past', intervals: [] },
      { date: '2027-03-01', label: 'Too far', intervals: [] },
    ],
  };

  it('marks hours that run past midnight', () => {
    expect(rangeText({ start: '22:00', end: '02:00' })).toBe('22:00–02:00 (next day)');
    expect(rangeText({ start: '09:00', end: '24:00' })).toBe('09:00–24:00');
    expect(rangeText({ start: '12:00', end: '00:00' })).toBe('12:00–24:00');
    expect(weeklyLines(hours).find((l) => l.day === 'Saturday')?.ranges).toEqual(['22:00–02:00 (next day)']);
    // As times for the reader's locale: midnight ends the day at 24:00; an end before the start is the next day.
    expect(rangeTimes({ start: '12:00', end: '00:00' })).toEqual({ start: '12:00', end: '24:00' });
    expect(weeklyLines(hours).find((l) => l.weekday === 6)?.times).toEqual([{ start: '22:00', end: '02:00' }]);
  });

  it('lists the holidays and special days of the coming month, soonest first', () => {
    expect(upcomingExceptions(hours, new Date('2026-12-10T12:00:00Z'))).toEqual([
      { date: '2026-12-24', label: 'Christmas Eve', ranges: ['09:00–12:00'], times: [{ start: '09:00', end: '12:00' }] },
      { date: '2027-01-01', label: "New Year's Day", ranges: [], times: [] },
    ]);
  });
});

describe('the next turn of the hours', () => {
  const turn = (hours: WorkingHours, from: string) => nextHoursChange(hours, new Date(from))?.toISOString() ?? null;

  it('is the closing time while open and the opening time while closed, in the zone, across a weekend', () => {
    // Wednesday 25 Nov 2026, Paris is UTC+1.
    expect(turn(paris, '2026-11-25T09:00:00Z')).toBe('2026-11-25T16:00:00.000Z');
    expect(turn(paris, '2026-11-25T17:00:00Z')).toBe('2026-11-26T08:00:00.000Z');
    // Friday evening: Monday morning.
    expect(turn(paris, '2026-11-27T17:00:00Z')).toBe('2026-11-30T08:00:00.000Z');
  });

  it('skips a holiday, ends an overnight interval the next morning, and follows the spring-forward change', () => {
    const holiday = { ...paris, exceptions: [{ date: '2026-11-26', label: 'Closed', intervals: [] }] };
    expect(turn(holiday, '2026-11-25T17:00:00Z')).toBe('2026-11-27T08:00:00.000Z');
    const nights: WorkingHours = { enabled: true, timeZone: 'UTC', weekly: [{ day: 3, start: '22:00', end: '02:00' }], exceptions: [] };
    expect(turn(nights, '2026-11-25T23:00:00Z')).toBe('2026-11-26T02:00:00.000Z');
    expect(turn(paris, '2026-03-27T18:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('is null when the hours never turn: off, or open around the clock with intervals that touch', () => {
    expect(turn({ ...paris, enabled: false }, '2026-11-25T09:00:00Z')).toBeNull();
    const always: WorkingHours = { enabled: true, timeZone: 'UTC', weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })), exceptions: [] };
    expect(turn(always, '2026-11-25T09:00:00Z')).toBeNull();
  });
});
