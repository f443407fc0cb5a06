/** One incoming chat waiting for the agent to accept or decline. */
import { useEffect, useState } from 'preact/hooks';
import type { OfferView } from '../../../src/protocol/views.js';
import { clockTime } from '../format.js';
import { DataList } from './DataList.js';

export interface OfferCardProps {
  offer: OfferView;
  onAccept: (chatId: string) => Promise<void>;
  onDecline: (chatId: string) => Promise<void>;
}

/** Seconds left before the offer moves on, ticking once a second. */
export function useSecondsLeft(expiresAt: string): number {
  const left = () => Math.max(0, Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    const timer = setInterval(() => setSeconds(left()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return seconds;
}

export function OfferCard({ offer, onAccept, onDecline }: OfferCardProps) {
  const [busy, setBusy] = useState(false);
  const secondsLeft = useSecondsLeft(offer.expiresAt);

  async function run(action: (chatId: string) => Promise<void>) {
    setBusy(true);
    try {
      await action(offer.chatId);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="offer-card" aria-label={`Chat offer from ${offer.customerName}`}>
      <header class="offer-head">
        <div>
          <h3 class="offer-name">{offer.customerName}</h3>
          <p class="offer-queue">{offer.queueName}</p>
        </div>
        <div class="offer-timing">
          <time class="offer-time" dateTime={offer.offeredAt}>
            {clockTime(offer.offeredAt)}
          </time>
          <span class={secondsLeft <= 10 ? 'offer-countdown is-urgent' : 'offer-countdown'} aria-label={`${secondsLeft} seconds left to accept`}>
            {secondsLeft} s
          </span>
        </div>
      </header>
      {offer.customerData.length > 0 && <DataList items={offer.customerData} compact />}
      <div class="offer-actions">
        <button type="button" class="rc-btn rc-btn-primary rc-btn-sm" disabled={busy} onClick={() => run(onAccept)}>
          Accept
        </button>
        <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" disabled={busy} onClick={() => run(onDecline)}>
          Decline
        </button>
      </div>
    </article>
  );
}
