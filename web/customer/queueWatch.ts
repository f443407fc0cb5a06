/**
 * Following a queue before any chat (issue 11), fetched after the page's first load (useQueueWatch.ts):
 * the page reads the public view again (in its language, as on load) when the server says the queue
 * changed (`queue:changed` on the /visitor namespace: an agent became Available, an admin added a field
 * or closed the queue…), when the working hours turn (`hoursChangeAt`), when the tab comes back into
 * view or the socket back online (events may have been missed), and once a minute regardless (a line
 * that filled or emptied tells nobody).
 */
import { io } from 'socket.io-client';
import type { PublicQueueView } from '../../src/protocol/views.js';
import { VISITOR_NAMESPACE, type VisitorServerEvents } from '../../src/protocol/visitor.js';
import { ApiError, getQueue } from './api.js';
import type { View } from './app.js';

/** A read at least this often, whatever happened. */
const SAFETY_READ_MS = 60_000;
/** The pages of one queue spread their reads after one event over this long, rather than all at once. */
const SPREAD_MS = 1_500;
/** setTimeout's longest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The screen for a fresh read of the queue. The form stays the form (with the fields as they are now:
 * the customer's entries are kept) unless the queue now turns newcomers away; the closed screen stays,
 * with the queue as it is now — which, when it takes chats again, shows "An agent is available now"
 * with a button, rather than leaving under a customer who may be writing a message.
 */
export function followQueue(view: View, queue: PublicQueueView): View {
  if (view.name === 'form') {
    if (queue.screen === 'closed') return { name: 'closed', queue, reason: queue.closedReason ?? 'closed' };
    // What the customer fills in changed under them: the form says so (and keeps saying it).
    const changed = view.changed || JSON.stringify(queue.form ?? []) !== JSON.stringify(view.queue.form ?? []);
    return { name: 'form', queue, changed };
  }
  if (view.name === 'closed') return { name: 'closed', queue, reason: queue.closedReason ?? view.reason };
  return view;
}

/** Follows the queue of `shown` until the returned function is called; the page's view changes through `setView`. */
export function watchQueue(slug: string, shown: PublicQueueView, setView: (next: (view: View) => View) => void): () => void {
  let live = true;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let hoursTimer: ReturnType<typeof setTimeout> | undefined;
  const spread = () => Math.floor(Math.random() * SPREAD_MS);
  // The working hours turn without anyone telling: read when they do.
  const hoursTurnAt = (at: string | null | undefined) => {
    clearTimeout(hoursTimer);
    if (!at) return;
    const delay = new Date(at).getTime() - Date.now() + 500 + spread();
    if (delay <= MAX_DELAY_MS) hoursTimer = setTimeout(() => read(0), Math.max(0, delay));
  };
  // One read at a time: events arriving while one is due are answered by it.
  const read = (delayMs: number) => {
    if (pending !== undefined || !live) return;
    pending = setTimeout(() => {
      getQueue(slug).then(
        (fresh) => {
          pending = undefined;
          if (!live) return;
          hoursTurnAt(fresh.hoursChangeAt);
          setView((view) => followQueue(view, fresh));
        },
        (error: unknown) => {
          pending = undefined;
          // Deleted, or its address changed: the link no longer leads anywhere.
          if (live && error instanceof ApiError && error.status === 404) setView((view) => (view.name === 'form' || view.name === 'closed' ? { name: 'invalid' } : view));
        },
      );
    }, delayMs);
  };
  hoursTurnAt(shown.hoursChangeAt);

  // A connection of its own: closing it when the chat starts never touches the chat's socket.
  const socket = io(VISITOR_NAMESPACE, { auth: { slug }, forceNew: true });
  let connectedBefore = false;
  socket.on('connect', () => {
    // Back after a drop: what changed meanwhile was not told.
    if (connectedBefore) read(spread());
    connectedBefore = true;
  });
  // Refused at the door: no such queue any more (the read says so), or too many handshakes.
  socket.on('connect_error', (error) => {
    if (error.message === 'not_found') read(0);
  });
  socket.on('queue:changed' satisfies keyof VisitorServerEvents, () => read(spread()));
  const safety = setInterval(() => read(spread()), SAFETY_READ_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') read(0);
  };
  document.addEventListener('visibilitychange', onVisible);

  return () => {
    live = false;
    clearTimeout(pending);
    clearTimeout(hoursTimer);
    clearInterval(safety);
    document.removeEventListener('visibilitychange', onVisible);
    socket.close();
  };
}
