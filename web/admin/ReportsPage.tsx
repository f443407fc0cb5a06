/**
 * Reports: pick queues or agents, a grouping (hour, day, week), a period and
 * a queue; see the summary, a chart, the totals per queue or agent and the
 * figures per bucket, each table downloadable as CSV. Admins and supervisors.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AgentReportFigures, QueueReportFigures, ReportGrouping, ReportSubject, ReportView } from '../../src/protocol/reports.js';
import { REPORT_GROUPINGS, REPORT_SUBJECTS } from '../../src/protocol/reports.js';
import { ApiError } from '../shared/http.js';
import { getReport } from './api.js';
import { columnsOf, download, toCsv } from './reportColumns.js';
import { ReportChart } from './ReportChart.js';
import { duration, percent, REPORT_WORDS as W } from './reportWords.js';

interface Filters {
  subject: ReportSubject;
  groupBy: ReportGrouping;
  from: string;
  to: string;
  queueId: string;
}

/**
 * Today in the report's time zone (the browser's until the first report names it): the presets are
 * days of the report's calendar. In the browser's, an admin west of Paris at midnight there asked
 * for "the last 7 days" ending yesterday and saw nothing of the night's chats.
 */
const todayIn = (timeZone: string | undefined) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const PRESETS = [
  { label: W.today, from: (today: string) => today, groupBy: 'hour' },
  { label: W.last7, from: (today: string) => addDays(today, -6), groupBy: 'day' },
  { label: W.last30, from: (today: string) => addDays(today, -29), groupBy: 'day' },
  { label: W.thisYear, from: (today: string) => `${today.slice(0, 4)}-01-01`, groupBy: 'week' },
] as const;

export function ReportsPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  // No dates on the first load: the server answers the last 7 days of the report's zone, and names them.
  const [filters, setFilters] = useState<Filters>({ subject: 'queue', groupBy: 'day', from: '', to: '', queueId: '' });
  const [report, setReport] = useState<ReportView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const load = (next: Filters) => {
    setLoading(true);
    setError(null);
    setFieldErrors({});
    getReport({ subject: next.subject, groupBy: next.groupBy, from: next.from, to: next.to, ...(next.queueId ? { queueId: next.queueId } : {}) }).then(
      (view) => {
        setReport(view);
        setFilters((shown) => (shown.from && shown.to ? shown : { ...shown, from: view.from, to: view.to }));
        setLoading(false);
      },
      (cause: unknown) => {
        setLoading(false);
        if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
        setError(cause instanceof Error ? cause.message : W.failed);
        if (cause instanceof ApiError && cause.body.fields) setFieldErrors(cause.body.fields);
      },
    );
  };
  useEffect(() => load(filters), []);

  const change = (patch: Partial<Filters>, now = false) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    if (now) load(next);
  };

  return (
    <div class="page page-wide">
      <header class="page-head">
        <h1 class="page-title">{W.title}</h1>
        <p class="rc-muted">{W.intro}</p>
      </header>

      <form
        class="rc-card report-filters"
        aria-label={W.title}
        onSubmit={(e) => {
          e.preventDefault();
          load(filters);
        }}
      >
        <div class="report-presets" role="group" aria-label={W.presets}>
          {PRESETS.map((p) => (
            <button key={p.label} type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => {
                const today = todayIn(report?.timeZone);
                change({ from: p.from(today), to: today, groupBy: p.groupBy }, true);
              }}>
              {p.label}
            </button>
          ))}
        </div>
        <div class="report-fields">
          <label class="rc-field">
            <span class="rc-label">{W.subject}</span>
            <select class="rc-select" value={filters.subject} onChange={(e) => change({ subject: e.currentTarget.value as ReportSubject }, true)}>
              {REPORT_SUBJECTS.map((s) => (
                <option key={s} value={s}>
                  {W.subjects[s]}
                </option>
              ))}
            </select>
          </label>
          <label class="rc-field">
            <span class="rc-label">{W.groupBy}</span>
            <select class="rc-select" value={filters.groupBy} onChange={(e) => change({ groupBy: e.currentTarget.value as ReportGrouping })}>
              {REPORT_GROUPINGS.map((g) => (
                <option key={g} value={g}>
                  {W.groupings[g]}
                </option>
              ))}
            </select>
          </label>
          <DateField id="report-from" label={W.from} value={filters.from} error={fieldErrors.from} onInput={(from) => change({ from })} />
          <DateField id="report-to" label={W.to} value={filters.to} error={fieldErrors.to} onInput={(to) => change({ to })} />
          <label class="rc-field">
            <span class="rc-label">{W.queue}</span>
            <select class="rc-select" value={filters.queueId} onChange={(e) => change({ queueId: e.currentTarget.value }, true)}>
              <option value="">{W.allQueues}</option>
              {(report?.queues ?? []).map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="rc-btn rc-btn-primary report-submit" disabled={loading}>
            {loading && <span class="rc-spinner" aria-hidden="true" />}
            {W.show}
          </button>
        </div>
      </form>

      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!report && loading && <p class="rc-muted">{W.loading}</p>}
      {report && <ReportBody report={report} />}
    </div>
  );
}

function DateField({ id, label, value, error, onInput }: { id: string; label: string; value: string; error: string | undefined; onInput: (value: string) => void }) {
  return (
    <div class="rc-field">
      <label class="rc-label" for={id}>
        {label}
      </label>
      <input id={id} class="rc-input" type="date" value={value} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} onInput={(e) => onInput(e.currentTarget.value)} />
      {error && (
        <span id={`${id}-error`} class="rc-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function ReportBody({ report }: { report: ReportView }) {
  const by = W.groupings[report.groupBy].toLowerCase();
  const columns = columnsOf(report.subject);
  const nameLabel = W.name[report.subject];
  const file = (part: string) => `reactive-chat-${report.subject}s-${part}-${report.from}-to-${report.to}.csv`;
  if (report.rows.length === 0) {
    return (
      <section class="rc-card page-card report-empty" aria-live="polite">
        <p>{W.nothing}</p>
        <p class="rc-hint">{W.timesIn(report.timeZone)}</p>
      </section>
    );
  }
  return (
    <>
      <section class="report-summary" aria-label={W.summary}>
        <Summary report={report} />
      </section>
      <p class="rc-hint">
        {report.from} – {report.to}. {W.timesIn(report.timeZone)}
      </p>
      <section class="rc-card page-card">
        <ReportChart report={report} label={W.chartTitle(report.subject, by)} />
      </section>
      <ReportTable
        title={W.totalsTitle(report.subject)}
        header={[nameLabel, ...columns.map((c) => c.label)]}
        rows={report.totals.map((t) => ({ key: t.id, cells: [t.name, ...columns.map((c) => c.shown(t.figures))] }))}
        onCsv={() => download(file('totals'), toCsv([nameLabel, ...columns.map((c) => c.label)], report.totals.map((t) => [t.name, ...columns.map((c) => c.raw(t.figures))])))}
      />
      <ReportTable
        title={W.detailTitle(by)}
        header={[W.period, nameLabel, ...columns.map((c) => c.label)]}
        rows={report.rows.map((r) => ({ key: `${r.bucket}|${r.id}`, cells: [report.groupBy === 'hour' ? r.bucket.replace('T', ' ') : r.bucket.slice(0, 10), r.name, ...columns.map((c) => c.shown(r.figures))] }))}
        onCsv={() =>
          download(file(report.groupBy), toCsv([W.period, nameLabel, ...columns.map((c) => c.label)], report.rows.map((r) => [r.bucket, r.name, ...columns.map((c) => c.raw(r.figures))])))
        }
      />
      <Comments report={report} />
    </>
  );
}

/** The latest survey comments of the period (and queue), newest first. */
function Comments({ report }: { report: ReportView }) {
  return (
    <section class="rc-card page-card report-comments" aria-labelledby="report-comments-title">
      <h2 id="report-comments-title" class="report-table-title">
        {W.commentsTitle}
      </h2>
      {report.comments.length === 0 ? (
        <p class="rc-muted">{W.commentsEmpty}</p>
      ) : (
        <ul class="report-comment-list">
          {report.comments.map((c) => (
            <li key={c.chatId}>
              <span class="rc-stars" role="img" aria-label={W.starsLabel(c.rating)}>
                {'★'.repeat(c.rating)}
                <span class="rc-stars-off">{'★'.repeat(5 - c.rating)}</span>
              </span>{' '}
              <span class="rc-muted">
                {W.commentBy(c.customerName, c.queueName, c.agentNames)} · <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleString()}</time>
              </span>
              <blockquote class="rc-survey-comment">{c.comment}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Summary({ report }: { report: ReportView }) {
  const cards: [string, string][] =
    report.subject === 'queue'
      ? (() => {
          const f = report.overall as QueueReportFigures;
          return [
            [W.offered, String(f.offered)],
            [W.answered, String(f.answered)],
            [W.abandoned, String(f.abandoned)],
            [W.serviceLevel, percent(f.serviceLevel)],
            [W.averageWait, duration(f.averageWaitSeconds)],
            [W.averageHandle, duration(f.averageHandleSeconds)],
            [W.estimateError, duration(f.medianEstimateErrorSeconds)],
            [W.surveys, String(f.surveys)],
            [W.averageRating, W.rating(f.averageRating)],
          ];
        })()
      : (() => {
          const f = report.overall as AgentReportFigures;
          return [
            [W.answered, String(f.answered)],
            [W.averageHandle, duration(f.averageHandleSeconds)],
            [W.declined, String(f.offersDeclined)],
            [W.timedOut, String(f.offersTimedOut)],
            [W.offlineHandled, String(f.offlineHandled)],
            [W.surveys, String(f.surveys)],
            [W.averageRating, W.rating(f.averageRating)],
          ];
        })();
  return (
    <dl class="report-cards">
      {cards.map(([label, value]) => (
        <div key={label} class="rc-card report-card">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ReportTable({ title, header, rows, onCsv }: { title: string; header: string[]; rows: { key: string; cells: string[] }[]; onCsv: () => void }) {
  return (
    <section class="rc-card page-card report-table-card">
      <div class="report-table-head">
        <h2 class="report-table-title">{title}</h2>
        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.downloadCsvLabel(title)} onClick={onCsv}>
          {W.downloadCsv}
        </button>
      </div>
      {/* Wide tables scroll inside their card; the region is focusable so a keyboard can scroll it. */}
      <div class="report-scroll" tabIndex={0} role="region" aria-label={title}>
        <table class="audit-table report-table">
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={h} scope="col" class={i === 0 ? undefined : 'num'}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) => (i === 0 ? <th key={i} scope="row">{cell}</th> : <td key={i} class={i === 1 && header[1] !== W.offered && header[0] === W.period ? undefined : 'num'}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
