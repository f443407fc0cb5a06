/**
 * The journey's final Note: the queue is closed, no agent is available, or the line is full.
 * Shows which, the queue's closed message, optionally its working hours, and
 * the offline options the queue offers (leave a message / request a callback).
 */
import type { PublicQueueView, WorkingHoursView } from '../../../src/protocol/views.js';
import { Header } from '../components/Header.js';
import { Icon } from '../components/Notice.js';
import { formatDateTime, formatDay, formatRange, timeZoneLabel, weekdayName } from '../format.js';
import { intlLocale } from '../i18n/index.js';
import { words } from '../i18n/messages.js';
import { CallbackForm, type FromLine, LeaveMessageForm } from './OfflineForms.js';

export type ClosedReason = 'closed' | 'no_agents' | 'queue_full';

interface ClosedProps {
  queue: PublicQueueView;
  reason: ClosedReason;
  /** Starts a chat after all, once the queue (read again live) takes chats: "An agent is available now". */
  onStart?: (() => void) | undefined;
}

export function Closed({ queue, reason, onStart }: ClosedProps) {
  const t = words.closed.get();
  // The page reads the queue again as it changes (useQueueWatch.ts): it may take chats again by now.
  const available = onStart !== undefined && queue.closedReason === null;
  const heading = available ? t.availableTitle : reason === 'closed' ? t.closedTitle : reason === 'queue_full' ? t.queueFullTitle : t.noAgentsTitle;
  let said = null;
  if (available) said = <p class="closed-note">{t.availableText}</p>;
  // One true thing: a full line is neither closed nor unstaffed, so neither of the queue's messages is shown.
  else if (reason === 'queue_full') said = <p class="closed-note">{t.queueFullText}</p>;
  else if (queue.closedMessage) said = <p class="closed-message">{queue.closedMessage}</p>;
  return (
    <>
      <Header queueName={queue.name} subtitle={queue.clientName} />
      <div class="body">
        {/* Polite: a change of what the screen says (an agent became available) is read out where it happens. */}
        <div class="closed-head" aria-live="polite">
          <Icon name={available ? 'check' : 'clock'} />
          <h2 class="closed-title">{heading}</h2>
          {said}
          {available && (
            <button type="button" class="btn btn-primary" onClick={onStart}>
              {t.startChat}
            </button>
          )}
        </div>
        {!available && queue.hours && <Hours hours={queue.hours} />}
        <OfflineOptions queue={queue} />
      </div>
    </>
  );
}

/** The forms of the offline options the queue offers; nothing when it offers neither. `from`: sent from the waiting screen. */
export function OfflineOptions({ queue, ...from }: { queue: PublicQueueView } & FromLine) {
  const { leaveMessage, callback } = queue.offline;
  if (!leaveMessage && !callback) return null;
  return (
    <div class={leaveMessage && callback ? 'offline-options offline-options--two' : 'offline-options'}>
      {leaveMessage && <LeaveMessageForm slug={queue.slug} {...from} />}
      {callback && <CallbackForm slug={queue.slug} {...from} />}
    </div>
  );
}

/**
 * The queue's hours, days and times written in the reader's locale (one clock with "Opens next"),
 * all in the queue's time zone, which the caption names.
 */
export function Hours({ hours }: { hours: WorkingHoursView }) {
  const t = words.closed.get();
  const ranges = (times: Array<{ start: string; end: string }>) =>
    times.length ? times.map((range) => formatRange(range, intlLocale, t.nextDay)).join(', ') : <span class="muted">{t.closedDay}</span>;
  return (
    <section class="hours">
      <h3 id="hours-title" class="hours-title">
        {t.hoursTitle}
      </h3>
      <table class="hours-table">
        <caption class="hours-zone">{t.timesIn({ zone: timeZoneLabel(hours.timeZone) })}</caption>
        <tbody>
          {hours.lines.map((line) => (
            <tr key={line.weekday}>
              <th scope="row">{weekdayName(line.weekday, intlLocale)}</th>
              <td>{ranges(line.times)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hours.exceptions.length > 0 && (
        <table class="hours-table hours-special">
          <caption class="hours-zone">{t.specialDays}</caption>
          <tbody>
            {hours.exceptions.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  {formatDay(day.date, intlLocale)}
                  {day.label && <span class="muted"> · {day.label}</span>}
                </th>
                <td>{ranges(day.times)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hours.opensNextAt && (
        <p class="opens-next">
          {t.opensNext} <strong>{formatDateTime(hours.opensNextAt, intlLocale, hours.timeZone)}</strong>
        </p>
      )}
    </section>
  );
}
