/**
 * Reports (src/protocol/reports.ts): admins and supervisors by session, or a
 * server with a chats:read API token. Read-only; the range is bounded so that
 * one request stays one bounded pass over the client's rows.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { buildReport, clientTimeZone } from '../../app/reports/reports.js';
import { REPORT_GROUPINGS, REPORT_SUBJECTS } from '../../protocol/reports.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { requireCaller } from './caller.js';

/** Longest range per grouping, in days: at most 744 hours, 366 days or about 105 weeks per subject. */
const MAX_DAYS = { hour: 31, day: 366, week: 731 } as const;

const localDate = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Give the ${field} date as YYYY-MM-DD.`)
    .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), 'This date does not exist.');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ReportQuery = z
  .object({
    subject: z.enum(REPORT_SUBJECTS, 'Choose queue or agent.').default('queue'),
    groupBy: z.enum(REPORT_GROUPINGS, 'Choose hour, day or week.').default('day'),
    /** Default: six days before `to`. */
    from: localDate('first').optional(),
    /** Default: today in the report's time zone. */
    to: localDate('last').optional(),
    timeZone: z.string().max(64).refine(isTimeZone, 'Unknown time zone; use a name such as Europe/Paris.').optional(),
    queueId: z.uuid('Unknown queue.').optional(),
  })
  .superRefine((q, ctx) => {
    const problem = q.from && q.to ? rangeProblem(q.from, q.to, q.groupBy) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem });
  });

function rangeProblem(from: string, to: string, groupBy: keyof typeof MAX_DAYS): string | null {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days < 1) return 'The last date must not be before the first.';
  if (days > MAX_DAYS[groupBy]) return `By ${groupBy}, a report covers at most ${MAX_DAYS[groupBy]} days.`;
  return null;
}

/** The local date of `at` in `timeZone`, YYYY-MM-DD. */
function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function reportRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/admin/reports',
    { schema: routeDoc('GET', { tag: 'reports', access: 'session', scope: 'chats:read', summary: 'How queues or agents did, by hour, day or week, in a time zone', querystring: ReportQuery }) },
    async (request) => {
      const caller = await requireCaller(deps, request, ['admin', 'supervisor'], 'chats:read');
      const query = parseInput(ReportQuery, request.query);
      const timeZone = query.timeZone ?? (await clientTimeZone(deps.db, caller.clientId));
      const to = query.to ?? (query.from ? addDays(query.from, 6) : localDay(deps.now(), timeZone));
      const from = query.from ?? addDays(to, -6);
      const problem = rangeProblem(from, to, query.groupBy);
      if (problem) throw new AppError('validation', problem, { to: problem });
      return buildReport(deps.db, caller.clientId, { subject: query.subject, groupBy: query.groupBy, from, to, timeZone, queueId: query.queueId ?? null });
    },
  );
}
