/**
 * The report's chart: chats per bucket (queues: offered, answered, abandoned
 * and the service level on its own axis; agents: chats answered, one line
 * each). uPlot (small, canvas, framework-free) is loaded only when a report is
 * shown, so neither the portal's first load nor the customer page carries it.
 * The canvas is an image with a text summary; the tables carry every figure.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentReportFigures, QueueReportFigures, ReportView } from '../../src/protocol/reports.js';
import { REPORT_WORDS as W } from './reportWords.js';

const COLORS = ['#2563eb', '#059669', '#dc2626', '#7c3aed', '#d97706', '#0891b2', '#db2777', '#4b5563'];

interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  /** On the right axis, 0–100 %. */
  percent?: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAY_S = DAY_MS / 1000;

/** Steps of the chats axis: whole chats only (uPlot's own steps go to 0.5 and 0.2 on a quiet period). */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
/** Steps of the time axis, in seconds: days or weeks are not drawn with hour ticks between them. */
const TIME_STEPS: Record<ReportView['groupBy'], number[] | undefined> = {
  hour: undefined,
  day: [DAY_S, 2 * DAY_S, 7 * DAY_S, 14 * DAY_S, 28 * DAY_S, 91 * DAY_S],
  week: [7 * DAY_S, 14 * DAY_S, 28 * DAY_S, 91 * DAY_S],
};

/**
 * Every bucket of the period, oldest first, quiet ones included (a line over the days that had chats
 * only would hide the empty ones). Local times, as the report writes them ("YYYY-MM-DDTHH:MM"); weeks
 * start on Monday as the server's date_trunc('week') does. A local hour skipped or repeated by a
 * daylight-saving change is drawn as the server names it (rows add what the walk does not have).
 */
export function periodBuckets(report: Pick<ReportView, 'from' | 'to' | 'groupBy' | 'rows'>): string[] {
  const start = Date.parse(`${report.from}T00:00:00Z`);
  const end = Date.parse(`${report.to}T00:00:00Z`) + DAY_MS;
  const first = report.groupBy === 'week' ? start - ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS : start;
  const step = report.groupBy === 'hour' ? HOUR_MS : report.groupBy === 'day' ? DAY_MS : 7 * DAY_MS;
  const buckets = new Set<string>();
  for (let t = first; t < end; t += step) buckets.add(new Date(t).toISOString().slice(0, 16));
  for (const row of report.rows) buckets.add(row.bucket);
  return [...buckets].sort();
}

/** Buckets oldest first, and the series to draw over them. */
export function chartData(report: ReportView): { buckets: string[]; series: Series[] } {
  const buckets = periodBuckets(report);
  const at = new Map(buckets.map((b, i) => [b, i]));
  if (report.subject === 'queue') {
    const sum = (get: (f: QueueReportFigures) => number) => {
      const values = buckets.map(() => 0);
      for (const row of report.rows) {
        const i = at.get(row.bucket)!;
        values[i] = (values[i] ?? 0) + get(row.figures as QueueReportFigures);
      }
      return values;
    };
    const answered = sum((f) => f.answered);
    const abandoned = sum((f) => f.abandoned);
    const inTarget = sum((f) => f.answeredInTarget);
    return {
      buckets,
      series: [
        { label: W.offered, values: sum((f) => f.offered), color: COLORS[0]! },
        { label: W.answered, values: answered, color: COLORS[1]! },
        { label: W.abandoned, values: abandoned, color: COLORS[2]! },
        { label: W.serviceLevel, values: buckets.map((_, i) => (answered[i]! + abandoned[i]! > 0 ? (100 * inTarget[i]!) / (answered[i]! + abandoned[i]!) : null)), color: COLORS[3]!, percent: true },
      ],
    };
  }
  const agents = report.totals.slice(0, COLORS.length);
  return {
    buckets,
    series: agents.map((agent, n) => {
      const values = buckets.map(() => 0);
      for (const row of report.rows) if (row.id === agent.id) values[at.get(row.bucket)!] = (row.figures as AgentReportFigures).answered;
      return { label: agent.name, values, color: COLORS[n]! };
    }),
  };
}

export function ReportChart({ report, label }: { report: ReportView; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const { buckets, series } = chartData(report);

  useEffect(() => {
    const element = box.current;
    if (!element || buckets.length === 0) return;
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    import('./uplotLoader.js')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        // Buckets are local times of the report's zone: drawn as UTC so the axis shows them as written.
        const xs = buckets.map((b) => Date.parse(`${b}:00Z`) / 1000);
        chart = new UPlot(
          {
            width: Math.max(320, element.clientWidth),
            height: 260,
            tzDate: (ts: number) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            // From zero, and at least to one chat: a quiet period is a flat line at the bottom, not mid-air.
            scales: { x: { time: true }, y: { range: (_u: unknown, _min: number, max: number) => [0, Math.max(1, max)] }, pct: { range: [0, 100] } },
            axes: [{ incrs: TIME_STEPS[report.groupBy] }, { label: W.chats, size: 50, incrs: COUNT_STEPS }, ...(series.some((s) => s.percent) ? [{ side: 1, scale: 'pct', grid: { show: false }, values: (_u: unknown, ticks: number[]) => ticks.map((t) => `${t} %`) }] : [])],
            series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: buckets.length < 60 }, ...(s.percent ? { scale: 'pct', dash: [6, 4] } : {}) }))],
          },
          [xs, ...series.map((s) => s.values)],
          element,
        );
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [report]);

  if (buckets.length === 0) return null;
  const summary = series.map((s) => `${s.label}: ${s.values.reduce<number>((a, v) => a + (s.percent ? 0 : (v ?? 0)), 0) || ''}`.replace(/: $/, '')).join('; ');
  return (
    <figure class="report-chart">
      <figcaption class="report-chart-title">{label}</figcaption>
      {failed ? <p class="rc-muted">{W.chartFallback}</p> : <div ref={box} role="img" aria-label={`${label}. ${summary}`} />}
    </figure>
  );
}
