import { describe, expect, it } from 'vitest';
import { hourOverlaps } from './hourOverlaps.js';

const w = (day: number, start: string, end: string, overnight = false) => ({ day, start, end, overnight });

describe('overlapping working hours', () => {
  it('accepts intervals that only touch or sit on different days', () => {
    expect(hourOverlaps({ weekly: [w(1, '09:00', '12:00'), w(1, '12:00', '17:00'), w(2, '09:00', '17:00')], exceptions: [] })).toEqual([]);
    expect(hourOverlaps({ weekly: [w(5, '22:00', '02:00', true), w(6, '02:00', '10:00')], exceptions: [] })).toEqual([]);
  });

  it('refuses the later of two intervals that overlap on one day, saying which one it meets', () => {
    expect(hourOverlaps({ weekly: [w(1, '09:00', '17:00'), w(2, '09:00', '10:00'), w(1, '12:00', '18:00')], exceptions: [] })).toEqual([
      { path: ['weekly', 2, 'start'], message: 'Overlaps Monday 09:00–17:00. Join the two intervals or change one.' },
    ]);
  });

  it('counts an overnight interval on the next morning too', () => {
    expect(hourOverlaps({ weekly: [w(0, '22:00', '03:00', true), w(1, '02:00', '09:00')], exceptions: [] })).toEqual([
      { path: ['weekly', 1, 'start'], message: 'Overlaps Sunday 22:00–03:00 (ends next day). Join the two intervals or change one.' },
    ]);
    // Saturday night runs into Sunday (day 0).
    expect(hourOverlaps({ weekly: [w(0, '00:00', '01:00'), w(6, '23:00', '02:00', true)], exceptions: [] })).toHaveLength(1);
  });

  it('checks a special day\'s intervals on that date', () => {
    const exceptions = [{ intervals: [{ start: '10:00', end: '14:00', overnight: false }, { start: '13:00', end: '15:00', overnight: false }] }];
    expect(hourOverlaps({ weekly: [], exceptions })).toEqual([
      { path: ['exceptions', 0, 'intervals', 1, 'start'], message: 'Overlaps 10:00–14:00 on the same date. Join the two intervals or change one.' },
    ]);
  });
});
