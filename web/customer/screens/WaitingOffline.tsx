/**
 * While waiting: when the queue closes (its switch or its hours), or after
 * the queue's longest wait, or while nobody is Available to serve the line,
 * the customer is offered the offline options (and
 * the hours) under the waiting messages; they keep their place meanwhile.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ChatStateView, PublicQueueView } from '../../../src/protocol/views.js';
import { getQueue } from '../api.js';
import { words } from '../i18n/messages.js';
import { LazyHours, LazyOfflineOptions } from './lazyOffline.js';

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

export function useWaitingOffline(queue: PublicQueueView, state: ChatStateView | null) {
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
  return <WaitingOffline queue={fresh ?? queue} closed={closed} nobody={nobody} />;
}

function WaitingOffline({ queue, closed, nobody }: { queue: PublicQueueView; closed: boolean; nobody: boolean }) {
  const t = words.waiting.get();
  const offers = queue.offline.leaveMessage || queue.offline.callback;
  return (
    <section class="waiting-offline" aria-labelledby="waiting-offline-title">
      <h3 id="waiting-offline-title" class="waiting-offline-title">
        {closed ? t.closedTitle : nobody ? t.nobodyTitle : t.lateTitle}
      </h3>
      {/* The fresh view says why it would refuse a newcomer: closed, or the queue's own "no agents" words. */}
      {(closed || (nobody && queue.closedReason === 'no_agents')) && queue.closedMessage && <p class="closed-message">{queue.closedMessage}</p>}
      <p class="waiting-offline-text">
        {closed ? (offers ? `${t.placeKept} ${t.otherWay}` : t.placeKept) : offers ? t.keepWaiting : t.patience}
      </p>
      {closed && queue.hours && <LazyHours hours={queue.hours} />}
      <LazyOfflineOptions queue={queue} />
    </section>
  );
}
