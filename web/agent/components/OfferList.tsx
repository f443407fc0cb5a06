/** "Incoming": the offers waiting for this agent. */
import type { OfferView } from '../../../src/protocol/views.js';
import { OfferCard } from './OfferCard.js';

export interface OfferListProps {
  offers: OfferView[];
  onAccept: (chatId: string) => Promise<void>;
  onDecline: (chatId: string) => Promise<void>;
}

export function OfferList({ offers, onAccept, onDecline }: OfferListProps) {
  return (
    <section class="side-section" aria-labelledby="incoming-title">
      <h2 class="side-title" id="incoming-title">
        Incoming
        {offers.length > 0 && <span class="side-count side-count-alert">{offers.length}</span>}
      </h2>
      <div class="offer-list" aria-live="polite">
        {offers.length === 0 ? (
          <p class="side-empty">No chats waiting for you.</p>
        ) : (
          offers.map((offer) => <OfferCard key={offer.chatId} offer={offer} onAccept={onAccept} onDecline={onDecline} />)
        )}
      </div>
    </section>
  );
}
