/** The right column: what the customer entered on the Data Collection screen. */
import type { ChatEntry } from '../state.js';
import { DataList } from './DataList.js';

export function CustomerDetails({ chat }: { chat: ChatEntry | null }) {
  return (
    <aside class="details" aria-labelledby="details-title">
      <h2 class="side-title" id="details-title">
        Customer details
      </h2>
      {!chat ? (
        <p class="side-empty">Select a chat to see what the customer entered.</p>
      ) : (
        <div class="details-body">
          <div class="details-card">
            <p class="details-name">{chat.customerName}</p>
            <p class="details-queue">{chat.queueName}</p>
          </div>
          {chat.customerData.length > 0 ? (
            <DataList items={chat.customerData} />
          ) : (
            <p class="side-empty">This queue collected no details.</p>
          )}
        </div>
      )}
    </aside>
  );
}
