/**
 * Stable error ids shared by the server and the browsers. Clients switch on
 * `id`; `message` is for people; `field` names the input that was refused.
 */
export const ErrorIds = {
  validation: 'validation',
  notFound: 'not_found',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  queueClosed: 'queue_closed',
  noAgents: 'no_agents',
  queueFull: 'queue_full',
  chatEnded: 'chat_ended',
  notOffered: 'not_offered',
  overCapacity: 'over_capacity',
  rateLimited: 'rate_limited',
  /** The node is overloaded and refused the request before doing anything: try again later, with back-off. */
  unavailable: 'unavailable',
  conflict: 'conflict',
  /** A pipelined message's predecessor (`after`) is not stored yet: send it again once that one is. */
  outOfOrder: 'out_of_order',
  internal: 'internal',
} as const;

export type ErrorId = (typeof ErrorIds)[keyof typeof ErrorIds];

/**
 * What is wrong with one field's value, as a code a page words in its reader's language
 * (the customer page: web/customer/i18n; the server's English: problemText in src/domain/dataCollection.ts).
 * invalid: refused for another reason (e.g. not text).
 */
export type FieldProblem = { code: 'required' } | { code: 'too_long'; max: number } | { code: 'email' } | { code: 'phone' } | { code: 'choose' } | { code: 'invalid' };

export interface ErrorBody {
  id: ErrorId;
  /** English words for people (API users, logs); pages that speak other languages word `id` (and `params`) themselves. */
  message: string;
  /** Per-field messages, keyed by the field's name or data-collection field id. */
  fields?: Record<string, string>;
  /** The same fields' problems as codes (keyed alike), for pages to word in their reader's language. */
  problems?: Record<string, FieldProblem>;
  /** What the message is made of, e.g. `{ minutes: 2 }` to wait after `rate_limited`. */
  params?: Record<string, string | number>;
}

/** Every socket acknowledgement has this shape. */
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
