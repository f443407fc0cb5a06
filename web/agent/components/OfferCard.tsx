/** One incoming chat waiting for the agent to accept or decline. */
import { useState } from 'preact/hooks';
import type { OfferView } from '../../../src/protocol/views.js';
import { clockTime } from '../format.js';
import { DataList } from './DataList.js';

export interface OfferCardProps {
  offer: OfferView;
  onAccept: (chatId: string) => Promise<void>;
  onDecline: (chatId: string) => Promise<void>;
}

export function OfferCard({ offer, onAccept, onDecline }: OfferCardProps) {
  const [busy, setBusy] = useState(false);

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
        <time class="offer-time" dateTime={offer.offeredAt}>
          {clockTime(offer.offeredAt)}
        </time>
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
