import { DatabaseBusy } from '../db/admission.js';
import { isDatabaseOutage } from '../db/outage.js';
import type { ErrorBody, ErrorId } from '../protocol/errors.js';

/** What a page needs to word a refusal in its reader's language (ErrorBody's `problems` and `params`). */
export type ErrorDetail = Pick<ErrorBody, 'problems' | 'params'>;

const STATUS: Record<ErrorId, number> = {
  validation: 400,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  queue_closed: 409,
  no_agents: 409,
  queue_full: 409,
  chat_ended: 409,
  not_offered: 409,
  over_capacity: 409,
  rate_limited: 429,
  unavailable: 503,
  conflict: 409,
  out_of_order: 409,
  internal: 500,
};

/** An expected failure with a stable id that clients switch on; never worth an error report. */
export class AppError extends Error {
  constructor(
    readonly id: ErrorId,
    message: string,
    readonly fields?: Record<string, string>,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.id];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { id: this.id, message: this.message };
    if (this.fields) body.fields = this.fields;
    if (this.detail?.problems && Object.keys(this.detail.problems).length) body.problems = this.detail.problems;
    if (this.detail?.params) body.params = this.detail.params;
    return body;
  }
}

/** Overload is expected too: nothing was done, the client retries later (`unavailable`, 503). */
const BUSY = new AppError('unavailable', 'We are very busy right now. Please try again in a moment.');

/** The database cannot be reached: nothing was done, the client retries later (`unavailable`, 503). */
const OUTAGE = new AppError('unavailable', 'The service is briefly unavailable. Please try again in a moment.');

/**
 * The AppError a failure stands for, or null for an unexpected one (a bug,
 * worth logging). A database outage is expected in this sense: the client is
 * told to retry, and the outage itself shows in the database error metric and
 * on /ready rather than once per request in the log.
 */
export function expectedError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof DatabaseBusy) return BUSY;
  return isDatabaseOutage(error) ? OUTAGE : null;
}

export function errorBody(error: unknown): ErrorBody {
  return expectedError(error)?.toBody() ?? { id: 'internal', message: 'Something went wrong on our side. Please try again.' };
}
