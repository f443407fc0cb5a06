/**
 * Working hours: is a queue open at an instant, and when does it open next.
 * Local times are read through Intl (the IANA time-zone database that ships
 * with Node and every browser), so daylight-saving changes are handled by the
 * platform, not by hand-made offsets.
 */
export interface DayInterval {
  start: string;
  end: string;
}
export interface WeeklyInterval extends DayInterval {
  day: number;
}
export interface HoursException {
  date: string;
  label?: string;
  intervals: DayInterval[];
}
export interface WorkingHours {
  enabled: boolean;
  timeZone: string;
  weekly: WeeklyInterval[];
  exceptions: HoursException[];
}

const MINUTES_PER_DAY = 1440;
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Zones already checked. Every read of a queue's settings is parsed through its schema, which
 * checks the zone (queues.ts, chatViews.ts: each chat start, sync and routing pass), and building
 * an Intl.DateTimeFormat to check it is what costs: a CPU profile under load showed it. The
 * answer for a name never changes within a process; the cache is bounded against odd input.
 */
const checkedZones = new Map<string, boolean>();
const CHECKED_ZONES_MAX = 1000;

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  const known = checkedZones.get(zone);
  if (known !== undefined) return known;
  let valid = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    valid = false;
  }
  if (checkedZones.size >= CHECKED_ZONES_MAX) checkedZones.clear();
  checkedZones.set(zone, valid);
  return valid;
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

interface LocalMoment {
  /** YYYY-MM-DD in the zone */
  date: string;
  weekday: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

function zonedFields(instant: Date, zone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export function localMoment(instant: Date, zone: string): LocalMoment {
  const f = zonedFields(instant, zone);
  const date = `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
  const weekday = new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
  return { date, weekday, minute: f.hour * 60 + f.minute };
}

/** The instant at which the wall clock in `zone` reads `date` `minute`; in a DST gap, the first instant after it. */
export function zonedInstant(date: string, minute: number, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const f = zonedFields(new Date(guess), zone);
    const seen = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute);
    if (seen === wall) return new Date(guess);
    guess += wall - seen;
  }
  return new Date(guess);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The intervals that start on `date`, in minutes from its midnight; an overnight one ends past 1440. */
function intervalsStarting(hours: WorkingHours, date: string): Array<[number, number]> {
  const exception = hours.exceptions.find((e) => e.date === date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const source = exception ? exception.intervals : hours.weekly.filter((i) => i.day === weekday);
  return source.map((i) => {
    const start = toMinutes(i.start);
    const end = toMinutes(i.end);
    return [start, end <= start ? end + MINUTES_PER_DAY : end];
  });
}

export function isOpenAt(hours: WorkingHours, instant: Date): boolean {
  if (!hours.enabled) return true;
  const now = localMoment(instant, hours.timeZone);
  if (intervalsStarting(hours, now.date).some(([s, e]) => s <= now.minute && now.minute < e)) return true;
  const yesterday = addDays(now.date, -1);
  return intervalsStarting(hours, yesterday).some(([, e]) => e > MINUTES_PER_DAY && now.minute < e - MINUTES_PER_DAY);
}

/** The next instant at or after `from` when the hours open, looking up to `horizonDays` ahead; null if never. */
export function opensNextAt(hours: WorkingHours, from: Date, horizonDays = 400): Date | null {
  if (!hours.enabled || isOpenAt(hours, from)) return from;
  const today = localMoment(from, hours.timeZone).date;
  for (let offset = 0; offset <= horizonDays; offset++) {
    const date = addDays(today, offset);
    const starts = intervalsStarting(hours, date)
      .map(([s]) => s)
      .sort((a, b) => a - b);
    for (const start of starts) {
      const at = zonedInstant(date, start, hours.timeZone);
      if (at.getTime() >= from.getTime() && isOpenAt(hours, at)) return at;
    }
  }
  return null;
}

/**
 * The next instant after `from` at which the hours turn, open to closed or closed to open, looking
 * `horizonDays` ahead; null when they do not turn in that time (off, always open, or closed for longer).
 * The candidates are every interval's start and end and every local midnight (a special day begins
 * there); the first whose open state differs from now's is the turn. For pages that show the open
 * state and must change when it does (the customer page reads its queue again then).
 */
export function nextHoursChange(hours: WorkingHours, from: Date, horizonDays = 8): Date | null {
  if (!hours.enabled) return null;
  const zone = hours.timeZone;
  const openNow = isOpenAt(hours, from);
  const today = localMoment(from, zone).date;
  const candidates = new Set<number>();
  const at = (date: string, minute: number) => candidates.add(zonedInstant(date, minute, zone).getTime());
  for (let offset = -1; offset <= horizonDays; offset++) {
    const date = addDays(today, offset);
    at(date, 0);
    for (const [start, end] of intervalsStarting(hours, date)) {
      at(date, start);
      if (end >= MINUTES_PER_DAY) at(addDays(date, 1), end - MINUTES_PER_DAY);
      else at(date, end);
    }
  }
  const later = [...candidates].filter((t) => t > from.getTime()).sort((a, b) => a - b);
  for (const t of later) if (isOpenAt(hours, new Date(t)) !== openNow) return new Date(t);
  return null;
}

/** "09:00–17:00", or "22:00–02:00 (next day)" for hours that run past midnight. */
export function rangeText(interval: DayInterval): string {
  // Ending at midnight reads as the end of the day, not as the next day.
  if (interval.end === '00:00') return `${interval.start}–24:00`;
  const overnight = toMinutes(interval.end) <= toMinutes(interval.start);
  return `${interval.start}–${interval.end}${overnight ? ' (next day)' : ''}`;
}

/** A range as times of day for a reader to format in their locale; a range ending at midnight ends at "24:00". */
export function rangeTimes(interval: DayInterval): { start: string; end: string } {
  return { start: interval.start, end: interval.end === '00:00' ? '24:00' : interval.end };
}

/**
 * Holidays and special days from `from`'s date on, for `days` days, soonest
 * first: what a customer planning to come back needs to know.
 */
export function upcomingExceptions(
  hours: WorkingHours,
  from: Date,
  days = 30,
): Array<{ date: string; label: string; ranges: string[]; times: Array<{ start: string; end: string }> }> {
  const today = localMoment(from, hours.timeZone).date;
  const last = addDays(today, days);
  return hours.exceptions
    .filter((e) => e.date >= today && e.date <= last)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => ({ date: e.date, label: e.label ?? '', ranges: e.intervals.map(rangeText), times: e.intervals.map(rangeTimes) }));
}

/**
 * Monday-first lines for the closed screen, e.g. { day: 'Monday', weekday: 1, ranges: ['09:00–17:00'],
 * times: [{ start: '09:00', end: '17:00' }] }: `ranges` in English words, `weekday` and `times` for a page
 * that writes days and times in its reader's language.
 */
export function weeklyLines(hours: WorkingHours): Array<{ day: string; weekday: number; ranges: string[]; times: Array<{ start: string; end: string }> }> {
  return [1, 2, 3, 4, 5, 6, 0].map((day) => {
    const intervals = hours.weekly.filter((i) => i.day === day).sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
    return { day: DAY_NAMES[day] ?? '', weekday: day, ranges: intervals.map(rangeText), times: intervals.map(rangeTimes) };
  });
}
