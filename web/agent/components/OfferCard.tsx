/** One incoming chat waiting for the agent to accept or decline. */
import type { OfferView } from '../../../src/protocol/views.js';
import { clockTime } from '../format.js';
import { DataList } from './DataList.js';
import { OfferActions, OfferCountdown } from './OfferControls.js';
import { TRANSFER_WORDS } from '../transferWords.js';
import { OFFER_WORDS } from '../offerWords.js';

export interface OfferCardProps {
  offer: OfferView;
  onAccept: (chatId: string) => Promise<unknown>;
  onDecline: (chatId: string) => Promise<void>;
}

export function OfferCard({ offer, onAccept, onDecline }: OfferCardProps) {
  return (
    <article class="offer-card" aria-label={OFFER_WORDS.chatLabel(offer.customerName)}>
      <header class="offer-head">
        <div>
          <h3 class="offer-name">{offer.customerName}</h3>
          <p class="offer-queue">{offer.queueName}</p>
        </div>
        <div class="offer-timing">
          <time class="offer-time" dateTime={offer.offeredAt}>
            {clockTime(offer.offeredAt)}
          </time>
          <OfferCountdown expiresAt={offer.expiresAt} />
        </div>
      </header>
      {offer.transfer && (
        <p class="offer-transfer">
          <strong>{TRANSFER_WORDS.offerFrom(offer.transfer.fromName)}</strong>
          {offer.transfer.note ? `: ${offer.transfer.note}` : ''}
        </p>
      )}
      {offer.customerData.length > 0 && <DataList items={offer.customerData} compact />}
      <OfferActions id={offer.chatId} onAccept={onAccept} onDecline={onDecline} />
    </article>
  );
}
