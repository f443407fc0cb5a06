/**
 * A server's refusal in the reader's language. The server sends an error id
 * (and params, e.g. the minutes to wait); its `message` is English, for API
 * users, and never reaches this page's screen. Field problems come as codes
 * too (ErrorBody.problems) and are worded with the field's label here.
 */
import type { ErrorBody, FieldProblem } from '../../../src/protocol/errors.js';
import { ApiError } from '../api.js';
import { words } from './messages.js';
import { describeProblem } from './problems.js';

/** What a refusal is worded from: its id (null: no answer came) and params; never its English message. */
export type Refusal = Pick<ErrorBody, 'params'> & { id: string | null };

/** The words for a refusal; `fallback` (default: "Something went wrong") for ids with no words of their own. */
export function refusalText(error: Refusal | null | undefined, fallback?: string): string {
  const t = words.errors.get();
  switch (error?.id) {
    case 'validation':
      return t.validation;
    case 'not_found':
      return t.notFound;
    case 'chat_ended':
      return words.chat.get().ended;
    case 'rate_limited': {
      const minutes = Number(error.params?.minutes);
      return minutes > 0 ? t.waitMinutes(minutes) : t.tooFast;
    }
    case 'unavailable':
      return t.busy;
    case 'forbidden':
      return t.notTaken;
  }
  return fallback ?? words.app.get().somethingWrong;
}

/** A failed request's words: the refusal's, or "cannot reach the server" when there was no answer. */
export function failureText(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? words.errors.get().unreachable : refusalText(error.body);
  return words.app.get().somethingWrong;
}

/**
 * The server's per-field refusals worded for the page's own labels (`labelOf`), keyed like the
 * request; fields the page does not show are left out. A field refused without a code reads "not valid".
 */
export function fieldRefusals(body: ErrorBody, labelOf: (key: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(body.fields ?? {})) {
    const label = labelOf(key);
    if (label === undefined) continue;
    const problem: FieldProblem = body.problems?.[key] ?? { code: 'invalid' };
    out[key] = describeProblem(label, problem);
  }
  return out;
}
