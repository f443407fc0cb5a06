/** A left message or callback request offered to the agent, with the same countdown as a chat offer. */
import type { OfflineOfferView } from '../../../src/protocol/views.js';
import { OfferActions, OfferCountdown } from './OfferControls.js';
import { OFFER_WORDS as W } from '../offerWords.js';

export interface OfflineOfferCardProps {
  offer: OfflineOfferView;
  onAccept: (id: string) => Promise<unknown>;
  onDecline: (id: string) => Promise<void>;
}

export function OfflineOfferCard({ offer, onAccept, onDecline }: OfflineOfferCardProps) {
  const { item } = offer;
  const isMessage = item.kind === 'message';
  const who = (isMessage ? item.email : item.name) ?? W.someone;
  return (
    <article class="offer-card" aria-label={W.offlineLabel(item.kind, who)}>
      <header class="offer-head">
        <div>
          <h3 class="offer-name">{who}</h3>
          <p class="offer-queue">
            <span class={`rc-badge ${isMessage ? 'rc-badge-brand' : 'rc-badge-warning'}`}>{W.kind[item.kind]}</span> {item.queueName}
          </p>
        </div>
        <OfferCountdown expiresAt={offer.expiresAt} />
      </header>
      <p class="offer-preview">{isMessage ? item.message : `${item.phone ?? ''} · ${item.preferredTime ?? ''}`}</p>
      <OfferActions id={item.id} onAccept={onAccept} onDecline={onDecline} />
    </article>
  );
}
