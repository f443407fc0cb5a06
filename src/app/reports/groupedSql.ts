/**
 * One aggregate statement of a report: rows of a table of the client within
 * the range, grouped by subject (a queue or an agent) and bucket (the local
 * hour, day or week of a time column in the report's time zone), with the
 * subjects' totals and the overall total in the same pass (GROUPING SETS).
 *
 * Parameters every statement takes: $1 client, $2 first local date, $3 last
 * local date (included), $4 grouping ('hour' | 'day' | 'week'), $5 time zone,
 * $6 queue (or null for all).
 */
import type { Queryable } from '../../db/db.js';

export interface GroupedSpec {
  /** FROM clause; its rows' columns are referred to by `key`, `time`, `where` and the aggregates. */
  from: string;
  key: string;
  time: string;
  /** Extra conditions (the client, range and queue are added). */
  where?: string;
  /** The queue column, for the queue filter. */
  queue: string;
  client: string;
  /** name → expression over one row of `from`: what the aggregates read. */
  columns: Record<string, string>;
  /** name → aggregate expression over the columns. */
  aggregates: Record<string, string>;
}

/** A grouped row: level 0 = subject × bucket, 1 = subject total, 3 = overall. */
export type GroupedRow = { key: string | null; bucket: string | null; level: number } & Record<string, number | null>;

export function groupedSql(spec: GroupedSpec): string {
  const columns = Object.entries(spec.columns)
    .map(([name, expression]) => `${expression} AS ${name}`)
    .join(', ');
  const aggregates = Object.entries(spec.aggregates)
    .map(([name, expression]) => `${expression} AS ${name}`)
    .join(',\n       ');
  return `
WITH range AS (SELECT ($2::date::timestamp AT TIME ZONE $5::text) AS t0, (($3::date + 1)::timestamp AT TIME ZONE $5::text) AS t1),
rows AS (
  SELECT ${columns}, ${spec.key} AS report_key, date_trunc($4::text, ${spec.time} AT TIME ZONE $5::text) AS report_bucket
    FROM ${spec.from}, range
   WHERE ${spec.client} = $1 AND ${spec.time} >= range.t0 AND ${spec.time} < range.t1
     AND ($6::uuid IS NULL OR ${spec.queue} = $6::uuid)${spec.where ? ` AND ${spec.where}` : ''}
)
SELECT report_key::text AS key, to_char(report_bucket, 'YYYY-MM-DD"T"HH24:MI') AS bucket, GROUPING(report_key, report_bucket)::int AS level,
       ${aggregates}
  FROM rows
 GROUP BY GROUPING SETS ((report_key, report_bucket), (report_key), ())`;
}

export interface ReportParams {
  clientId: string;
  from: string;
  to: string;
  groupBy: string;
  timeZone: string;
  queueId: string | null;
}

export async function runGrouped(db: Queryable, spec: GroupedSpec, p: ReportParams): Promise<GroupedRow[]> {
  return db.query<GroupedRow>(groupedSql(spec), [p.clientId, p.from, p.to, p.groupBy, p.timeZone, p.queueId]);
}
