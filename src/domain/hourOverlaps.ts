/**
 * Working hours that overlap on one day are refused when saved (issue 11):
 * "Monday 09:00–17:00" and "Monday 12:00–18:00" is a typo, not a plan, and
 * the admin should be told which intervals collide. An overnight interval
 * counts on its own day until midnight and on the next day from midnight.
 * Checked only when the Working Hours tab is saved (src/transport/http/adminSchemas.ts),
 * never when a stored queue is read: queues saved before keep loading.
 */
import { toMinutes } from './schedule.js';

interface Interval {
  start: string;
  end: string;
  overnight: boolean;
}

export interface HourOverlap {
  /** Path under workingHours of the interval that collides with an earlier one, e.g. ['weekly', 3, 'start']. */
  path: (string | number)[];
  message: string;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WORDS = {
  overlaps: (day: string, other: Interval) =>
    `Overlaps ${day} ${other.start}–${other.end}${other.overnight ? ' (ends next day)' : ''}. Join the two intervals or change one.`,
  overlapsSameDate: (other: Interval) => `Overlaps ${other.start}–${other.end} on the same date. Join the two intervals or change one.`,
};

/** One stretch of a single day, in minutes from its midnight, [from, to). */
interface Stretch {
  day: number;
  from: number;
  to: number;
  index: number;
}

/** The stretches an interval covers: its own day, and the next one's morning if it runs overnight. */
function stretchesOf(interval: Interval, day: number, index: number): Stretch[] {
  const start = toMinutes(interval.start);
  const end = toMinutes(interval.end);
  if (!interval.overnight) return [{ day, from: start, to: end, index }];
  return [
    { day, from: start, to: 24 * 60, index },
    { day: (day + 1) % 7, from: 0, to: end, index },
  ];
}

/** Pairs of stretches on one day that share a minute; each later interval is reported once, against the first it meets. */
function collisions(stretches: Stretch[]): Map<number, Stretch & { with: number }> {
  const found = new Map<number, Stretch & { with: number }>();
  for (let a = 0; a < stretches.length; a++) {
    for (let b = a + 1; b < stretches.length; b++) {
      const x = stretches[a]!;
      const y = stretches[b]!;
      if (x.index === y.index || x.day !== y.day || !(x.from < y.to && y.from < x.to)) continue;
      const [first, later] = x.index < y.index ? [x, y] : [y, x];
      if (!found.has(later.index)) found.set(later.index, { ...later, with: first.index });
    }
  }
  return found;
}

export function hourOverlaps(hours: { weekly: (Interval & { day: number })[]; exceptions: { intervals: Interval[] }[] }): HourOverlap[] {
  const overlaps: HourOverlap[] = [];
  const weekly = hours.weekly.flatMap((w, i) => stretchesOf(w, w.day, i));
  for (const [index, hit] of collisions(weekly)) {
    // Named by the other interval's own day: "Sunday 22:00–03:00 (ends next day)" is what the admin entered.
    const other = hours.weekly[hit.with]!;
    overlaps.push({ path: ['weekly', index, 'start'], message: WORDS.overlaps(DAY_NAMES[other.day]!, other) });
  }
  hours.exceptions.forEach((exception, e) => {
    // A special day's intervals are compared on that date only (an overnight one's morning after is another date).
    const sameDate = exception.intervals.map((interval, i) => ({ day: 0, from: toMinutes(interval.start), to: interval.overnight ? 24 * 60 : toMinutes(interval.end), index: i }));
    for (const [index, hit] of collisions(sameDate)) {
      overlaps.push({ path: ['exceptions', e, 'intervals', index, 'start'], message: WORDS.overlapsSameDate(exception.intervals[hit.with]!) });
    }
  });
  return overlaps;
}
