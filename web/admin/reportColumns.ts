/**
 * The columns of the report tables, for the screen and for CSV alike: the
 * screen shows durations and shares as words, the CSV plain numbers (seconds,
 * fractions) that a spreadsheet can sum.
 */
import type { AgentReportFigures, QueueReportFigures, ReportSubject, SurveyFigures } from '../../src/protocol/reports.js';
import { duration, percent, REPORT_WORDS as W } from './reportWords.js';

export interface Column<F> {
  label: string;
  shown: (f: F) => string;
  raw: (f: F) => number | null;
}

const count = <F>(label: string, get: (f: F) => number): Column<F> => ({ label, shown: (f) => String(get(f)), raw: get });
const seconds = <F>(label: string, get: (f: F) => number | null): Column<F> => ({ label: label, shown: (f) => duration(get(f)), raw: get });

/** Survey columns, the same for queues and agents: answers, average, and how many gave each rating. */
const surveyColumns = <F extends SurveyFigures>(): Column<F>[] => [
  count(W.surveys, (f) => f.surveys),
  { label: W.averageRating, shown: (f) => W.rating(f.averageRating), raw: (f) => f.averageRating },
  ...[1, 2, 3, 4, 5].map((n) => count<F>(W.rated(n), (f) => f.ratings[n - 1] ?? 0)),
];

export const QUEUE_COLUMNS: Column<QueueReportFigures>[] = [
  count(W.offered, (f) => f.offered),
  count(W.answered, (f) => f.answered),
  count(W.abandoned, (f) => f.abandoned),
  seconds(W.averageAbandon, (f) => f.averageAbandonSeconds),
  { label: W.serviceLevel, shown: (f) => percent(f.serviceLevel), raw: (f) => f.serviceLevel },
  seconds(W.averageWait, (f) => f.averageWaitSeconds),
  seconds(W.p90Wait, (f) => f.p90WaitSeconds),
  seconds(W.averageHandle, (f) => f.averageHandleSeconds),
  count(W.estimatesChecked, (f) => f.estimatesChecked),
  seconds(W.estimateError, (f) => f.medianEstimateErrorSeconds),
  // Signed seconds in the CSV (positive: estimates ran long), words on screen.
  { label: W.estimateBias, shown: (f) => W.bias(f.medianEstimateBiasSeconds), raw: (f) => f.medianEstimateBiasSeconds },
  count(W.declined, (f) => f.offersDeclined),
  count(W.timedOut, (f) => f.offersTimedOut),
  count(W.leftMessages, (f) => f.leftMessages),
  count(W.callbacks, (f) => f.callbacks),
  count(W.offlineHandled, (f) => f.offlineHandled),
  seconds(W.offlineSpeed, (f) => f.medianOfflineHandleSeconds),
  count(W.transferredIn, (f) => f.transferredIn),
  count(W.transferredOut, (f) => f.transferredOut),
  ...surveyColumns<QueueReportFigures>(),
];

export const AGENT_COLUMNS: Column<AgentReportFigures>[] = [
  count(W.answered, (f) => f.answered),
  seconds(W.averageHandle, (f) => f.averageHandleSeconds),
  seconds(W.p90Handle, (f) => f.p90HandleSeconds),
  count(W.declined, (f) => f.offersDeclined),
  count(W.timedOut, (f) => f.offersTimedOut),
  count(W.offlineHandled, (f) => f.offlineHandled),
  count(W.transferredIn, (f) => f.transferredIn),
  count(W.transferredOut, (f) => f.transferredOut),
  ...surveyColumns<AgentReportFigures>(),
];

export function columnsOf(subject: ReportSubject): Column<QueueReportFigures | AgentReportFigures>[] {
  return (subject === 'queue' ? QUEUE_COLUMNS : AGENT_COLUMNS) as Column<QueueReportFigures | AgentReportFigures>[];
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; formulas are defused. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A name starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file through a temporary link (no server round trip). */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
