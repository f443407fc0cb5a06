/** The Reports page's words (src/protocol/reports.ts has the definitions they name). */
import type { ReportGrouping, ReportSubject } from '../../src/protocol/reports.js';

export const REPORT_WORDS = {
  nav: 'Reports',
  title: 'Reports',
  intro: 'How your queues and agents did: chats offered, answered and abandoned, service level, waits and handle times, declined offers, left messages and callbacks, and customers’ ratings.',
  subject: 'Show',
  subjects: { queue: 'Queues', agent: 'Agents' } satisfies Record<ReportSubject, string>,
  groupBy: 'By',
  groupings: { hour: 'Hour', day: 'Day', week: 'Week' } satisfies Record<ReportGrouping, string>,
  from: 'From',
  to: 'To',
  queue: 'Queue',
  allQueues: 'All queues',
  timeZone: 'Time zone',
  presets: 'Period',
  today: 'Today',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  thisYear: 'This year',
  show: 'Show report',
  loading: 'Loading…',
  failed: 'Could not load the report.',
  nothing: 'Nothing happened in this period.',
  summary: 'Summary',
  chats: 'Chats',
  chartTitle: (subject: ReportSubject, by: string) => (subject === 'queue' ? `Chats by ${by}` : `Chats answered by ${by}`),
  chartFallback: 'The chart could not be drawn; the tables below have every figure.',
  totalsTitle: (subject: ReportSubject) => (subject === 'queue' ? 'Per queue' : 'Per agent'),
  detailTitle: (by: string) => `By ${by}`,
  downloadCsv: 'Download CSV',
  downloadCsvLabel: (table: string) => `Download CSV: ${table}`,
  timesIn: (zone: string) => `Times in ${zone}.`,
  period: 'Period',
  name: { queue: 'Queue', agent: 'Agent' } satisfies Record<ReportSubject, string>,
  none: '—',
  // Figures
  offered: 'Offered',
  answered: 'Answered',
  abandoned: 'Abandoned',
  averageAbandon: 'Abandoned after (avg)',
  serviceLevel: 'Service level',
  serviceLevelHint: 'Answered within the queue’s target (General Settings) of all answered or abandoned.',
  averageWait: 'Wait (avg)',
  p90Wait: 'Wait (90th pct.)',
  averageHandle: 'Handle time (avg)',
  estimatesChecked: 'Estimates checked',
  estimateError: 'Estimate off by (median)',
  estimateBias: 'Estimate bias (median)',
  /** The bias in words: which way estimates erred (positive: customers were answered sooner than told). */
  bias: (seconds: number | null) => (seconds === null ? '—' : seconds === 0 ? '0 s' : seconds > 0 ? `${duration(seconds)} long` : `${duration(-seconds)} short`),
  p90Handle: 'Handle time (90th pct.)',
  declined: 'Offers declined',
  timedOut: 'Offers timed out',
  leftMessages: 'Left messages',
  callbacks: 'Callbacks',
  offlineHandled: 'Messages & callbacks handled',
  offlineSpeed: 'Handled within (median)',
  surveys: 'Survey answers',
  averageRating: 'Rating (avg of 5)',
  rated: (n: number) => `Rated ${n}★`,
  rating: (value: number | null) => (value === null ? '—' : value.toFixed(2)),
  commentsTitle: 'Recent survey comments',
  commentsEmpty: 'No comments in this period.',
  commentBy: (customer: string, queue: string, agents: string[]) => `${customer} · ${queue}${agents.length ? ` · ${agents.join(', ')}` : ''}`,
  starsLabel: (n: number) => `${n} out of 5 stars`,
  transferredIn: 'Transferred in',
  transferredOut: 'Transferred out',
} as const;

/** "2 min 05 s", "45 s", "1 h 20 min": durations as a person reads them. */
export function duration(seconds: number | null): string {
  if (seconds === null) return REPORT_WORDS.none;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

export const percent = (share: number | null) => (share === null ? REPORT_WORDS.none : `${Math.round(share * 1000) / 10} %`);
