/**
 * The `/visitor` namespace: a customer page at a queue's chat URL that has not started a chat yet
 * (the Data Collection form, the closed or no-agents screen, a full line). It connects with
 * `auth: { slug }` and is told `queue:changed` whenever what the public view of that queue says may
 * have changed — an agent became Available or went away, an admin saved a tab or changed its agents,
 * the queue was deleted — and then reads GET /api/public/queues/:slug again. Nothing rides on the
 * event itself: the view is read over HTTP in the page's language, as on load. A handshake costs the
 * server nothing but the socket (the room is the slug's, no database read); a slug that is not even
 * well formed is refused with `not_found`. A queue whose address changed tells the pages at the old
 * one too: their read then finds nothing there.
 */
export const VISITOR_NAMESPACE = '/visitor';

export interface VisitorServerEvents {
  'queue:changed': () => void;
}
