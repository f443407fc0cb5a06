/**
 * While waiting: when the queue closes (its switch or its hours), or after
 * the queue's longest wait, or while nobody is Available to serve the line,
 * the customer is offered the offline options (and
 * the hours) under the waiting messages; they keep their place meanwhile.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ChatStateView, PublicQueueView } from '../../../src/protocol/views.js';
import { getQueue } from '../api.js';
import { LazyWaitingOfflinePanel } from './lazyOffline.js';
import type { FromLine } from './OfflineForms.js';

/** True once the customer has waited `maxWaitSeconds` since `waitingSince`. */
function useWaitedTooLong(waitingSince: string | null, maxWaitSeconds: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    setLate(false);
    if (!waitingSince) return;
    const due = new Date(waitingSince).getTime() + maxWaitSeconds * 1000 - Date.now();
    if (due <= 0) return setLate(true);
    const timer = setTimeout(() => setLate(true), due);
    return () => clearTimeout(timer);
  }, [waitingSince, maxWaitSeconds]);
  return late;
}

/** `from`: the chat's token and what to do when a message or callback request left from here ended the wait. */
export function useWaitingOffline(queue: PublicQueueView, state: ChatStateView | null, from: FromLine) {
  const closed = state?.queueClosed ?? false;
  const nobody = state?.nobodyAvailable ?? false;
  const late = useWaitedTooLong(state?.waitingSince ?? null, queue.maxWaitSeconds);
  const shown = closed || late || nobody;
  // The settings may have changed since the page loaded: show the current options and hours.
  const [fresh, setFresh] = useState<PublicQueueView | null>(null);
  useEffect(() => {
    if (!shown) return;
    let live = true;
    getQueue(queue.slug).then(
      (view) => live && setFresh(view),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [shown, closed, nobody, queue.slug]);
  if (!shown) return null;
  return <LazyWaitingOfflinePanel queue={fresh ?? queue} closed={closed} nobody={nobody} {...from} />;
}
