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

export interface ErrorBody {
  id: ErrorId;
  message: string;
  /** Per-field messages, keyed by the field's name or data-collection field id. */
  fields?: Record<string, string>;
}

/** Every socket acknowledgement has this shape. */
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
