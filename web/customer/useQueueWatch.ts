/**
 * A page that has not started a chat follows its queue live (issue 11): the Data Collection form, the
 * closed and no-agents screens, a full line. It reads the public view again (in its language, as on
 * load) when the server says the queue changed (`queue:changed` on the /visitor namespace, e.g. an
 * agent became Available, an admin added a field or closed the queue), when the working hours turn
 * (`hoursChangeAt`), when the tab comes back into view or the socket back online (events may have been
 * missed), and once a minute regardless (a line that filled or emptied tells nobody).
 */
import { useEffect, useRef } from 'preact/hooks';
import { io } from 'socket.io-client';
import type { PublicQueueView } from '../../src/protocol/views.js';
import { VISITOR_NAMESPACE, type VisitorServerEvents } from '../../src/protocol/visitor.js';
import { ApiError, getQueue } from './api.js';

/** A read at least this often, whatever happened. */
const SAFETY_READ_MS = 60_000;
/** The pages of one queue spread their reads after one event over this long, rather than all at once. */
const SPREAD_MS = 1_500;
/** setTimeout's longest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface QueueWatchHandlers {
  /** The queue as it is now. */
  fresh(queue: PublicQueueView): void;
  /** The queue is gone (deleted, or its address changed): the link is no longer valid. */
  gone(): void;
}

/** `queue`: the view the page shows; null while it shows no screen that needs following (a chat, loading). */
export function useQueueWatch(slug: string, queue: PublicQueueView | null, handlers: QueueWatchHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const readRef = useRef<(delayMs: number) => void>(() => undefined);
  const watching = queue !== null;

  useEffect(() => {
    if (!watching) return undefined;
    let live = true;
    let pending: ReturnType<typeof setTimeout> | undefined;
    // One read at a time: events arriving while one is due are answered by it.
    const read = (delayMs: number) => {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        getQueue(slug).then(
          (fresh) => {
            pending = undefined;
            if (live) latest.current.fresh(fresh);
          },
          (error: unknown) => {
            pending = undefined;
            if (live && error instanceof ApiError && error.status === 404) latest.current.gone();
          },
        );
      }, delayMs);
    };
    readRef.current = read;
    const spread = () => Math.floor(Math.random() * SPREAD_MS);

    const socket = io(VISITOR_NAMESPACE, { auth: { slug } });
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
      clearInterval(safety);
      document.removeEventListener('visibilitychange', onVisible);
      socket.close();
      readRef.current = () => undefined;
    };
  }, [slug, watching]);

  // The working hours turn without anyone telling: read when they do.
  const hoursChangeAt = queue?.hoursChangeAt ?? null;
  useEffect(() => {
    if (!hoursChangeAt) return undefined;
    const delay = new Date(hoursChangeAt).getTime() - Date.now() + 500 + Math.floor(Math.random() * SPREAD_MS);
    if (!(delay <= MAX_DELAY_MS)) return undefined;
    const timer = setTimeout(() => readRef.current(0), Math.max(0, delay));
    return () => clearTimeout(timer);
  }, [hoursChangeAt, watching]);
}
