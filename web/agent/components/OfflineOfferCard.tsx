/** A left message or callback request offered to the agent, with the same countdown as a chat offer. */
import { useState } from 'preact/hooks';
import type { OfflineOfferView } from '../../../src/protocol/views.js';
import { useSecondsLeft } from './OfferCard.js';

export interface OfflineOfferCardProps {
  offer: OfflineOfferView;
  onAccept: (id: string) => Promise<void>;
  onDecline: (id: string) => Promise<void>;
}

export function OfflineOfferCard({ offer, onAccept, onDecline }: OfflineOfferCardProps) {
  const [busy, setBusy] = useState(false);
  const secondsLeft = useSecondsLeft(offer.expiresAt);
  const { item } = offer;
  const who = item.kind === 'message' ? (item.email ?? 'Customer') : (item.name ?? 'Customer');

  async function run(action: (id: string) => Promise<void>) {
    setBusy(true);
    try {
      await action(item.id);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="offer-card" aria-label={`${item.kind === 'message' ? 'Message' : 'Callback request'} from ${who}`}>
      <header class="offer-head">
        <div>
          <h3 class="offer-name">{who}</h3>
          <p class="offer-queue">
            <span class={`rc-badge ${item.kind === 'message' ? 'rc-badge-brand' : 'rc-badge-warning'}`}>
              {item.kind === 'message' ? 'Message' : 'Callback'}
            </span>{' '}
            {item.queueName}
          </p>
        </div>
        <span class={secondsLeft <= 10 ? 'offer-countdown is-urgent' : 'offer-countdown'} aria-label={`${secondsLeft} seconds left to accept`}>
          {secondsLeft} s
        </span>
      </header>
      <p class="offer-preview">{item.kind === 'message' ? item.message : `${item.phone ?? ''} · ${item.preferredTime ?? ''}`}</p>
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
