/** The offline options under the waiting messages (WaitingOffline.tsx decides when): part of the offline chunk (lazyOffline.tsx). */
import type { PublicQueueView } from '../../../src/protocol/views.js';
import { words } from '../i18n/messages.js';
import { Hours, OfflineOptions } from './Closed.js';
import type { FromLine } from './OfflineForms.js';

/** `from`: the chat token and what to do once a message or callback request ended the wait (it leaves the line). */
export function WaitingOfflinePanel({ queue, closed, nobody, ...from }: { queue: PublicQueueView; closed: boolean; nobody: boolean } & FromLine) {
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
      {closed && queue.hours && <Hours hours={queue.hours} />}
      <OfflineOptions queue={queue} {...from} />
    </section>
  );
}
