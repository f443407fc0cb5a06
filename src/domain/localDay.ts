/**
 * "Today" in a time zone, for the live view's figures so far today. Read
 * through Intl like the working hours (src/domain/schedule.ts), so daylight
 * saving is the platform's business.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** How far the zone's wall clock is ahead of UTC at that instant (ms). */
function offsetAt(instant: Date, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant the local day holding `instant` began in `zone` (local midnight, or the first minute after it on a DST jump). */
export function startOfLocalDay(instant: Date, zone: string): Date {
  const offset = offsetAt(instant, zone);
  const local = new Date(instant.getTime() + offset);
  const midnightWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // The offset at midnight may differ from now's (a DST change during the day): correct once with it.
  let start = midnightWall - offset;
  const atStart = offsetAt(new Date(start), zone);
  if (atStart !== offset) start = midnightWall - atStart;
  // A zone that skips midnight (DST at 00:00) starts its day at the first instant after the skipped hour.
  if (start > instant.getTime()) start = instant.getTime();
  return new Date(start);
}

/**
 * The client's day (the live view's "today", the reports' default zone): the time zone most of the
 * client's queues keep their hours in — counting only queues whose hours are on, when any are (a queue
 * without hours has a zone nobody chose) — and on a tie the one of the queue created first. A client
 * without queues counts in UTC.
 */
export function boardTimeZone(queues: ReadonlyArray<{ timeZone: string; createdAt: Date; hoursEnabled?: boolean }>): string {
  const withHours = queues.filter((q) => q.hoursEnabled);
  const oldestFirst = [...(withHours.length ? withHours : queues)].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const counts = new Map<string, number>();
  for (const q of oldestFirst) counts.set(q.timeZone, (counts.get(q.timeZone) ?? 0) + 1);
  let best = 'UTC';
  let most = 0;
  // Map keeps insertion order (oldest queue's zone first), so a tie goes to the older queue's zone.
  for (const [zone, count] of counts) if (count > most) [best, most] = [zone, count];
  return best;
}

/** A share 0–1, or null when there is nothing to divide. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
