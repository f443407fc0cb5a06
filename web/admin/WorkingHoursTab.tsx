/** Queues Configuration → Working Hours: time zone, weekly hours, holidays and special days, and the closed screen. */
import { useMemo, useState } from 'preact/hooks';
import type { AdminQueueDetail, HoursExceptionView, TimeRangeView, WeeklyIntervalView, WorkingHoursConfigView } from '../../src/protocol/admin.js';
import { saveWorkingHours } from './api.js';
import { FieldError } from './FieldError.js';
import { SaveBar, useSave } from './useSave.js';
import { WORKING_HOURS_WORDS as W } from './workingHoursWords.js';

const DAYS = [1, 2, 3, 4, 5, 6, 0];
const DAY_NAMES = W.days;

function zones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

const formatNext = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' });

interface RangeProps {
  id: string;
  range: TimeRangeView;
  errorKey: string;
  errors: Record<string, string>;
  onChange: (range: TimeRangeView) => void;
  onRemove: () => void;
  label: string;
}

function RangeEditor({ id, range, errorKey, errors, onChange, onRemove, label }: RangeProps) {
  const error = errors[`${errorKey}.start`] ?? errors[`${errorKey}.end`];
  return (
    <div class="wh-range" role="group" aria-label={label}>
      <div class="wh-range-row">
        <label class="rc-sr-only" for={`${id}-start`}>
          {W.start(label)}
        </label>
        <input id={`${id}-start`} class="rc-input wh-time" type="time" value={range.start} aria-invalid={errors[`${errorKey}.start`] ? 'true' : undefined} onInput={(e) => onChange({ ...range, start: e.currentTarget.value })} />
        <span aria-hidden="true">–</span>
        <label class="rc-sr-only" for={`${id}-end`}>
          {W.end(label)}
        </label>
        <input id={`${id}-end`} class="rc-input wh-time" type="time" value={range.end} aria-invalid={errors[`${errorKey}.end`] ? 'true' : undefined} onInput={(e) => onChange({ ...range, end: e.currentTarget.value })} />
        <label class="rc-check wh-overnight">
          <input type="checkbox" checked={range.overnight} onChange={(e) => onChange({ ...range, overnight: e.currentTarget.checked })} />
          {W.overnight}
        </label>
        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={onRemove} aria-label={W.removeLabel(label)}>
          ✕
        </button>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function WorkingHoursTab({ queue, onSaved }: { queue: AdminQueueDetail; onSaved: (q: AdminQueueDetail) => void }) {
  const [draft, setDraft] = useState<WorkingHoursConfigView>(queue.workingHours);
  const [status, setStatus] = useState({ openNow: queue.openNow, opensNextAt: queue.opensNextAt, open: queue.open });
  const save = useSave();
  const zoneList = useMemo(zones, []);
  const e = save.fields;

  function change(patch: Partial<WorkingHoursConfigView>, key?: string) {
    setDraft((d) => ({ ...d, ...patch }));
    save.edited(key);
  }
  const setWeekly = (index: number, next: WeeklyIntervalView | null) =>
    change({ weekly: next ? draft.weekly.map((w, i) => (i === index ? next : w)) : draft.weekly.filter((_, i) => i !== index) });
  const setException = (index: number, next: HoursExceptionView | null) =>
    change({ exceptions: next ? draft.exceptions.map((x, i) => (i === index ? next : x)) : draft.exceptions.filter((_, i) => i !== index) });

  function submit(event: Event) {
    event.preventDefault();
    void save.run(
      () => saveWorkingHours(queue.id, { workingHours: draft }),
      (updated) => {
        setDraft(updated.workingHours);
        setStatus({ openNow: updated.openNow, opensNextAt: updated.opensNextAt, open: updated.open });
        onSaved(updated);
      },
    );
  }

  return (
    <form class="settings-form" onSubmit={submit} noValidate>
      <p class={`wh-status ${status.openNow ? 'is-open' : 'is-closed'}`} role="status">
        {status.openNow
          ? W.openNow
          : !status.open
            ? W.switchOff
            : status.opensNextAt
              ? W.opensNext(formatNext(status.opensNextAt, queue.workingHours.timeZone))
              : W.neverOpens}
      </p>
      <section class="settings-section">
        <div class="rc-field">
          <label class="rc-switch">
            <input type="checkbox" checked={draft.enabled} onChange={(ev) => change({ enabled: ev.currentTarget.checked })} />
            {W.enabled}
          </label>
          <p class="rc-hint">{W.enabledHint}</p>
        </div>
        <div class="rc-field">
          <label class="rc-label" for="wh-zone">
            {W.timeZone}
          </label>
          <input
            id="wh-zone"
            class="rc-input input-medium"
            list="wh-zones"
            value={draft.timeZone}
            aria-invalid={save.invalid('workingHours.timeZone')}
            aria-describedby="wh-zone-hint"
            onInput={(ev) => change({ timeZone: ev.currentTarget.value.trim() }, 'workingHours.timeZone')}
          />
          <datalist id="wh-zones">
            {zoneList.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <p class="rc-hint" id="wh-zone-hint">
            {W.timeZoneHint}
          </p>
          <FieldError id="wh-zone-error" message={e['workingHours.timeZone']} />
        </div>
      </section>

      <section class={`settings-section${draft.enabled ? '' : ' is-muted'}`} aria-labelledby="wh-weekly-title">
        <div>
          <h3 class="dc-heading" id="wh-weekly-title">
            {W.weekly}
          </h3>
          <p class="rc-hint">{W.weeklyHint}</p>
        </div>
        <div class="wh-week">
          {DAYS.map((day) => {
            const intervals = draft.weekly.map((w, index) => ({ w, index })).filter(({ w }) => w.day === day);
            return (
              <div class="wh-day" key={day}>
                <span class="wh-day-name">{DAY_NAMES[day]}</span>
                <div class="wh-day-ranges">
                  {intervals.length === 0 && <span class="rc-muted wh-closed">{W.closed}</span>}
                  {intervals.map(({ w, index }, n) => (
                    <RangeEditor
                      key={index}
                      id={`wh-w${index}`}
                      label={W.interval(DAY_NAMES[day] ?? '', n + 1)}
                      range={w}
                      errorKey={`workingHours.weekly.${index}`}
                      errors={e}
                      onChange={(r) => setWeekly(index, { ...r, day })}
                      onRemove={() => setWeekly(index, null)}
                    />
                  ))}
                </div>
                <button
                  type="button"
                  class="rc-btn rc-btn-ghost rc-btn-sm wh-add"
                  aria-label={W.addHoursOn(DAY_NAMES[day] ?? '')}
                  onClick={() => change({ weekly: [...draft.weekly, { day, start: '09:00', end: '17:00', overnight: false }] })}
                >
                  {W.addHours}
                </button>
              </div>
            );
          })}
        </div>
        <FieldError id="wh-weekly-error" message={e['workingHours.weekly']} />
      </section>

      <section class={`settings-section${draft.enabled ? '' : ' is-muted'}`} aria-labelledby="wh-exceptions-title">
        <div>
          <h3 class="dc-heading" id="wh-exceptions-title">
            {W.exceptions}
          </h3>
          <p class="rc-hint">{W.exceptionsHint}</p>
        </div>
        {draft.exceptions.length > 0 && (
          <ul class="wh-exceptions">
            {draft.exceptions.map((x, index) => (
              <li class="wh-exception" key={index}>
                <div class="wh-exception-row">
                  <div class="rc-field">
                    <label class="rc-label" for={`wh-x${index}-date`}>
                      {W.date}
                    </label>
                    <input
                      id={`wh-x${index}-date`}
                      class="rc-input"
                      type="date"
                      value={x.date}
                      aria-invalid={save.invalid(`workingHours.exceptions.${index}.date`)}
                      onInput={(ev) => setException(index, { ...x, date: ev.currentTarget.value })}
                    />
                  </div>
                  <div class="rc-field wh-exception-label">
                    <label class="rc-label" for={`wh-x${index}-label`}>
                      {W.name}
                    </label>
                    <input id={`wh-x${index}-label`} class="rc-input" value={x.label} placeholder={W.namePlaceholder} onInput={(ev) => setException(index, { ...x, label: ev.currentTarget.value })} />
                  </div>
                  <div class="rc-field">
                    <label class="rc-label" for={`wh-x${index}-kind`}>
                      {W.hours}
                    </label>
                    <select
                      id={`wh-x${index}-kind`}
                      class="rc-select rc-input"
                      value={x.intervals.length ? 'special' : 'closed'}
                      onChange={(ev) => setException(index, { ...x, intervals: ev.currentTarget.value === 'special' ? [{ start: '10:00', end: '14:00', overnight: false }] : [] })}
                    >
                      <option value="closed">{W.closedAllDay}</option>
                      <option value="special">{W.specialHours}</option>
                    </select>
                  </div>
                  <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm wh-x-remove" onClick={() => setException(index, null)} aria-label={W.removeLabel(x.label || x.date || W.thisDate)}>
                    {W.remove}
                  </button>
                </div>
                <FieldError id={`wh-x${index}-date-error`} message={e[`workingHours.exceptions.${index}.date`] ?? e[`workingHours.exceptions.${index}.label`]} />
                {x.intervals.map((r, n) => (
                  <RangeEditor
                    key={n}
                    id={`wh-x${index}-r${n}`}
                    label={W.interval(x.label || x.date, n + 1)}
                    range={r}
                    errorKey={`workingHours.exceptions.${index}.intervals.${n}`}
                    errors={e}
                    onChange={(next) => setException(index, { ...x, intervals: x.intervals.map((old, k) => (k === n ? next : old)) })}
                    onRemove={() => setException(index, { ...x, intervals: x.intervals.filter((_, k) => k !== n) })}
                  />
                ))}
                {x.intervals.length > 0 && (
                  <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => setException(index, { ...x, intervals: [...x.intervals, { start: '15:00', end: '17:00', overnight: false }] })}>
                    {W.addHours}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <div>
          <button type="button" class="rc-btn rc-btn-secondary" onClick={() => change({ exceptions: [...draft.exceptions, { date: '', label: '', intervals: [] }] })}>
            {W.addDate}
          </button>
        </div>
      </section>

      <section class="settings-section">
        <label class="rc-check">
          <input type="checkbox" checked={draft.showOnClosedScreen} onChange={(ev) => change({ showOnClosedScreen: ev.currentTarget.checked })} />
          {W.showOnClosedScreen}
        </label>
      </section>

      <SaveBar state={save} />
    </form>
  );
}
