/**
 * The `/visitor` namespace: a customer page at a queue's chat URL that has not started a chat yet
 * (the Data Collection form, the closed or no-agents screen, a full line). It connects with
 * `auth: { slug }` and is told `queue:changed` whenever what the public view of that queue says may
 * have changed — an agent became Available or went away, an admin saved a tab or changed its agents,
 * the queue was deleted — and then reads GET /api/public/queues/:slug again. Nothing rides on the
 * event itself: the view is read over HTTP in the page's language, as on load. A refused handshake
 * says `not_found` (no such queue) or `rate_limited`.
 */
export const VISITOR_NAMESPACE = '/visitor';

export interface VisitorServerEvents {
  'queue:changed': () => void;
}
