/**
 * A report for one client: the statements of reportSpecs.ts run over the
 * range, their rows joined by subject and bucket into the figures the portal
 * shows (src/protocol/reports.ts). Five statements per report (chats, offers, offline work, surveys, transfers in and out), each one pass
 * over its rows with every total computed in the same pass.
 */
import type { Queryable } from '../../db/db.js';
import { boardTimeZone } from '../../domain/localDay.js';
import type { AgentReportFigures, QueueReportFigures, ReportGrouping, ReportRow, ReportSubject, ReportView, SurveyFigures } from '../../protocol/reports.js';
import { type GroupedRow, type GroupedSpec, type ReportParams, runGrouped } from './groupedSql.js';
import { recentComments } from '../surveys.js';
import { AGENT_CHATS, AGENT_OFFERS, AGENT_OFFLINE, AGENT_SURVEYS, AGENT_TRANSFERS, QUEUE_CHATS, QUEUE_OFFERS, QUEUE_OFFLINE, QUEUE_SURVEYS, QUEUE_TRANSFERS } from './reportSpecs.js';

export interface ReportQuery {
  subject: ReportSubject;
  groupBy: ReportGrouping;
  from: string;
  to: string;
  timeZone: string;
  queueId: string | null;
}

/** The client's time zone, as the live view counts "today" (src/domain/localDay.ts boardTimeZone). */
export async function clientTimeZone(db: Queryable, clientId: string): Promise<string> {
  const rows = await db.query<{ zone: string | null; enabled: boolean | null; created_at: Date }>(
    `SELECT config->'workingHours'->>'timeZone' AS zone, (config->'workingHours'->>'enabled')::boolean AS enabled, created_at
       FROM queues WHERE client_id = $1`,
    [clientId],
  );
  return boardTimeZone(rows.map((r) => ({ timeZone: r.zone ?? 'UTC', createdAt: new Date(r.created_at), hoursEnabled: r.enabled === true })));
}

type Figures = QueueReportFigures | AgentReportFigures;
type TransferKeys = 'transferredIn' | 'transferredOut';

const round = (n: number | null | undefined): number | null => (n === null || n === undefined ? null : Math.round(Number(n)));

/** Ratings keep two decimals: 4.25 and 4.33 are different stories. */
function surveyFigures(surveys?: GroupedRow): SurveyFigures {
  const average = surveys?.average_rating;
  return {
    surveys: surveys?.surveys ?? 0,
    averageRating: average === null || average === undefined ? null : Math.round(Number(average) * 100) / 100,
    ratings: [surveys?.rated_1 ?? 0, surveys?.rated_2 ?? 0, surveys?.rated_3 ?? 0, surveys?.rated_4 ?? 0, surveys?.rated_5 ?? 0],
  };
}

function queueFigures(chats?: GroupedRow, offers?: GroupedRow, offline?: GroupedRow, surveys?: GroupedRow): Omit<QueueReportFigures, TransferKeys> {
  const answered = chats?.answered ?? 0;
  const abandoned = chats?.abandoned ?? 0;
  const inTarget = chats?.in_target ?? 0;
  return {
    offered: chats?.offered ?? 0,
    answered,
    abandoned,
    averageAbandonSeconds: round(chats?.average_abandon),
    answeredInTarget: inTarget,
    serviceLevel: answered + abandoned > 0 ? inTarget / (answered + abandoned) : null,
    averageWaitSeconds: round(chats?.average_wait),
    p90WaitSeconds: round(chats?.p90_wait),
    averageHandleSeconds: round(chats?.average_handle),
    estimatesChecked: chats?.estimated ?? 0,
    medianEstimateErrorSeconds: round(chats?.estimate_error),
    medianEstimateBiasSeconds: round(chats?.estimate_bias),
    offersDeclined: offers?.declined ?? 0,
    offersTimedOut: offers?.timed_out ?? 0,
    leftMessages: offline?.messages ?? 0,
    callbacks: offline?.callbacks ?? 0,
    offlineHandled: offline?.handled ?? 0,
    medianOfflineHandleSeconds: round(offline?.median_handle),
    ...surveyFigures(surveys),
  };
}

function agentFigures(chats?: GroupedRow, offers?: GroupedRow, offline?: GroupedRow, surveys?: GroupedRow): Omit<AgentReportFigures, TransferKeys> {
  return {
    answered: chats?.answered ?? 0,
    averageHandleSeconds: round(chats?.average_handle),
    p90HandleSeconds: round(chats?.p90_handle),
    offersDeclined: offers?.declined ?? 0,
    offersTimedOut: offers?.timed_out ?? 0,
    offlineHandled: offline?.handled ?? 0,
    ...surveyFigures(surveys),
  };
}

/** Transfers in and out (a fourth statement, QUEUE_TRANSFERS / AGENT_TRANSFERS), beside the other figures. */
const transferFigures = (row?: GroupedRow) => ({ transferredIn: row?.transferred_in ?? 0, transferredOut: row?.transferred_out ?? 0 });

const slot = (row: GroupedRow) => `${row.level}|${row.key ?? ''}|${row.bucket ?? ''}`;

export async function buildReport(db: Queryable, clientId: string, query: ReportQuery): Promise<ReportView> {
  const { timeZone } = query;
  const params: ReportParams = { clientId, from: query.from, to: query.to, groupBy: query.groupBy, timeZone, queueId: query.queueId };
  const specs: GroupedSpec[] =
    query.subject === 'queue' ? [QUEUE_CHATS, QUEUE_OFFERS, QUEUE_OFFLINE, QUEUE_SURVEYS] : [AGENT_CHATS, AGENT_OFFERS, AGENT_OFFLINE, AGENT_SURVEYS];
  const [chats, offers, offline, surveys] = await Promise.all(specs.map((spec) => runGrouped(db, spec, params)));
  const moved = await runGrouped(db, query.subject === 'queue' ? QUEUE_TRANSFERS : AGENT_TRANSFERS, params);
  const t = new Map(moved.map((row) => [slot(row), row]));
  const queues = await db.query<{ id: string; name: string }>('SELECT id::text, name FROM queues WHERE client_id = $1 ORDER BY lower(name), id', [clientId]);
  const names = new Map(
    (query.subject === 'queue' ? queues : await db.query<{ id: string; name: string }>('SELECT id::text, display_name AS name FROM users WHERE client_id = $1', [clientId])).map((r) => [
      r.id,
      r.name,
    ]),
  );
  const index = (rows: GroupedRow[]) => new Map(rows.map((row) => [slot(row), row]));
  const [c, o, f, s] = [index(chats!), index(offers!), index(offline!), index(surveys!)];
  const figuresOf = (key: string) => ({
    ...(query.subject === 'queue' ? queueFigures(c.get(key), o.get(key), f.get(key), s.get(key)) : agentFigures(c.get(key), o.get(key), f.get(key), s.get(key))),
    ...transferFigures(t.get(key)),
  });

  const slots = new Map<string, GroupedRow>();
  for (const row of [...chats!, ...offers!, ...offline!, ...surveys!, ...moved]) slots.set(slot(row), row);
  const rows: ReportRow<Figures>[] = [];
  const totals: Omit<ReportRow<Figures>, 'bucket'>[] = [];
  for (const [key, row] of slots) {
    if (row.level === 3 || row.key === null) continue;
    const named = { id: row.key, name: names.get(row.key) ?? '—', figures: figuresOf(key) };
    if (row.level === 0 && row.bucket !== null) rows.push({ bucket: row.bucket, ...named });
    else if (row.level === 1) totals.push(named);
  }
  rows.sort((a, b) => a.bucket.localeCompare(b.bucket) || a.name.localeCompare(b.name));
  totals.sort((a, b) => a.name.localeCompare(b.name));
  const comments = await recentComments(db, params);
  return { subject: query.subject, groupBy: query.groupBy, timeZone, from: query.from, to: query.to, rows, totals, overall: figuresOf('3||'), queues, comments };
}
