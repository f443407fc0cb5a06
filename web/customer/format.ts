/**
 * Dates and times as the reader writes them: every one goes through Intl in
 * the page's locale (i18n/index.ts: intlLocale), so the chat's times, the
 * hours table and "Opens next" use the same clock (12- or 24-hour as the
 * locale has it). Pure: the locale is passed in, so tests need no browser.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** Building a DateTimeFormat costs far more than using one: each (locale, options) is built once. */
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formats.set(key, found);
  }
  return found;
}

/** Hours as the locale's clock has them: "09:00" on a 24-hour clock, "9:00 AM" on a 12-hour one. */
function timeOptions(locale: string): Intl.DateTimeFormatOptions {
  const { hourCycle } = format(locale, { hour: 'numeric' }).resolvedOptions();
  return { hour: hourCycle === 'h23' || hourCycle === 'h24' ? '2-digit' : 'numeric', minute: '2-digit' };
}

/** A message's time in the reader's zone: "14:05" or "2:05 PM" as the locale writes it. */
export function formatTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return format(locale, timeOptions(locale)).format(d);
}

/** An instant in the queue's zone (the zone the hours table is in), e.g. "Monday 3 March, 09:00". */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return format(locale, { weekday: 'long', day: 'numeric', month: 'long', ...timeOptions(locale), timeZone }).format(d);
}

/**
 * A time of day "HH:MM" of the queue's hours, in the locale's clock. "24:00" (the end of the day) is
 * written as midnight, which the locale writes as it does ("00:00", "12:00 AM").
 */
export function formatTimeOfDay(hhmm: string, locale: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return format(locale, { ...timeOptions(locale), timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1, h % 24, m)));
}

/** "09:00–17:00" in the locale's clock; `nextDay` is appended to hours that run past midnight. */
export function formatRange(range: { start: string; end: string }, locale: string, nextDay: string): string {
  const overnight = range.end !== '24:00' && range.end <= range.start;
  return `${formatTimeOfDay(range.start, locale)}–${formatTimeOfDay(range.end, locale)}${overnight ? ` ${nextDay}` : ''}`;
}

/** A weekday's name (0 = Sunday) in the locale, e.g. "lundi". */
export function weekdayName(weekday: number, locale: string): string {
  // 7 January 2024 was a Sunday.
  return format(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + weekday)));
}

/** A calendar date of the queue's own zone ("2026-12-25") as "Fri 25 Dec", never shifted by the viewer's zone. */
export function formatDay(date: string, locale: string): string {
  return format(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** "America/New_York" reads better as "America/New York". */
export function timeZoneLabel(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}
