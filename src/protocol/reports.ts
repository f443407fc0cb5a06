/**
 * Reports (Client Admin Portal → Reports; GET /api/admin/reports): how a
 * client's queues and agents did, by hour, day or week in a time zone. Every
 * figure is derived from the rows the chat already stores (chats,
 * offer_outcomes, offline_items); see src/app/reports/.
 */
import type { SurveyCommentView } from './afterChat.js';

export const REPORT_GROUPINGS = ['hour', 'day', 'week'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export const REPORT_SUBJECTS = ['queue', 'agent'] as const;
export type ReportSubject = (typeof REPORT_SUBJECTS)[number];

/** Post-chat survey answers of the bucket (src/protocol/afterChat.ts): how many, their average, and how many of each rating. */
export interface SurveyFigures {
  surveys: number;
  /** 1–5, two decimals; null without answers. */
  averageRating: number | null;
  /** Answers rated 1, 2, 3, 4 and 5. */
  ratings: [number, number, number, number, number];
}

/** One queue's figures over a bucket (or over the whole range, in totals). Times in seconds. */
export interface QueueReportFigures extends SurveyFigures {
  /** Customers who joined the line. */
  offered: number;
  /** Of them, answered by an agent. */
  answered: number;
  /** Left the line before an agent answered. */
  abandoned: number;
  /** How long those who left had waited, on average. */
  averageAbandonSeconds: number | null;
  /** Answered within the queue's service level target. */
  answeredInTarget: number;
  /** answeredInTarget ÷ (answered + abandoned); null when nobody was answered or left. */
  serviceLevel: number | null;
  averageWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  /** From the agent's answer to the end, for chats that ended. */
  averageHandleSeconds: number | null;
  /** Answered customers who had been shown a wait estimate when they joined: how far off it was (median), and which way (median of estimate − actual: positive = ran long). */
  estimatesChecked: number;
  medianEstimateErrorSeconds: number | null;
  medianEstimateBiasSeconds: number | null;
  offersDeclined: number;
  offersTimedOut: number;
  leftMessages: number;
  callbacks: number;
  /** Left messages and callbacks of the bucket handled since, and how fast (median). */
  offlineHandled: number;
  medianOfflineHandleSeconds: number | null;
  /** Chats transferred to this queue from another, and from it to another (accepted transfers, when they happened). */
  transferredIn: number;
  transferredOut: number;
}

/** One agent's figures. Chats count where the agent answered them (the bucket of the answer). */
export interface AgentReportFigures extends SurveyFigures {
  answered: number;
  averageHandleSeconds: number | null;
  p90HandleSeconds: number | null;
  offersDeclined: number;
  offersTimedOut: number;
  /** Left messages answered and callbacks recorded. */
  offlineHandled: number;
  /** Transfers to this agent they accepted, and their own transfers that happened (to an agent or a queue). */
  transferredIn: number;
  transferredOut: number;
}

export interface ReportRow<F> {
  /** Local start of the bucket in the report's time zone, "YYYY-MM-DDTHH:MM". */
  bucket: string;
  id: string;
  name: string;
  figures: F;
}

export interface ReportView<F = QueueReportFigures | AgentReportFigures> {
  subject: ReportSubject;
  groupBy: ReportGrouping;
  timeZone: string;
  /** The range, local dates, both included. */
  from: string;
  to: string;
  /** Every queue (or agent) with anything in the range, per bucket, oldest first. */
  rows: ReportRow<F>[];
  /** Per queue (or agent), over the whole range. */
  totals: Omit<ReportRow<F>, 'bucket'>[];
  /** Everything together over the whole range. */
  overall: F;
  /** The client's queues, for choosing one. */
  queues: { id: string; name: string }[];
  /** The latest survey answers with a comment in the range (and queue), newest first, at most 20. */
  comments: SurveyCommentView[];
}
