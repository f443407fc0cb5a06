/** "Incoming": the offers waiting for this agent. */
import type { OfferView, OfflineOfferView } from '../../../src/protocol/views.js';
import { OfferCard } from './OfferCard.js';
import { OfflineOfferCard } from './OfflineOfferCard.js';
import { OFFER_WORDS as W } from '../offerWords.js';

export interface OfferListProps {
  offers: OfferView[];
  offlineOffers: OfflineOfferView[];
  onAccept: (chatId: string) => Promise<unknown>;
  onDecline: (chatId: string) => Promise<void>;
  onAcceptOffline: (id: string) => Promise<unknown>;
  onDeclineOffline: (id: string) => Promise<void>;
}

export function OfferList({ offers, offlineOffers, onAccept, onDecline, onAcceptOffline, onDeclineOffline }: OfferListProps) {
  const count = offers.length + offlineOffers.length;
  return (
    <section class="side-section" aria-labelledby="incoming-title">
      <h2 class="side-title" id="incoming-title">
        {W.incoming}
        {count > 0 && <span class="side-count side-count-alert">{count}</span>}
      </h2>
      <div class="offer-list" aria-live="polite">
        {count === 0 && <p class="side-empty">{W.none}</p>}
        {offers.map((offer) => (
          <OfferCard key={offer.chatId} offer={offer} onAccept={onAccept} onDecline={onDecline} />
        ))}
        {offlineOffers.map((offer) => (
          <OfflineOfferCard key={offer.item.id} offer={offer} onAccept={onAcceptOffline} onDecline={onDeclineOffline} />
        ))}
      </div>
    </section>
  );
}
