/**
 * What the customer entered on the Data Collection screen: the right column on a wide screen, and
 * behind the chat's Details button (DetailsDisclosure) where there is no room for the column.
 */
import type { ChatEntry } from '../state.js';
import { DETAILS_WORDS as W } from '../detailsWords.js';
import { DataList } from './DataList.js';

export function CustomerDetails({ chat }: { chat: ChatEntry | null }) {
  return (
    <aside class="details" aria-labelledby="details-title">
      <h2 class="side-title" id="details-title">
        {W.title}
      </h2>
      {!chat ? <p class="side-empty">{W.noChat}</p> : <CustomerDetailsBody chat={chat} />}
    </aside>
  );
}

/** `card`: the customer's name and queue on top (not under the chat's header, which says them already). */
export function CustomerDetailsBody({ chat, card = true }: { chat: ChatEntry; card?: boolean }) {
  return (
    <div class="details-body">
      {card && (
        <div class="details-card">
          <p class="details-name">{chat.customerName}</p>
          <p class="details-queue">{chat.queueName}</p>
        </div>
      )}
      {chat.customerData.length > 0 ? <DataList items={chat.customerData} /> : <p class="side-empty">{W.none}</p>}
    </div>
  );
}
