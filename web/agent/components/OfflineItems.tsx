/** "Messages & callbacks": what customers left while no agent could chat. */
import { useEffect, useState } from 'preact/hooks';
import type { OfflineItemView } from '../../../src/protocol/views.js';
import { fetchJson } from '../../shared/http.js';
import { dateTime } from '../format.js';
import { LongText } from './LongText.js';
import { OfflineItemActions } from './OfflineItemActions.js';
import { BackButton } from './BackButton.js';
import { OFFLINE_LIST_WORDS as W } from '../offlineListWords.js';

export interface OfflineItemsProps {
  /** Changes whenever the server announces a new item. */
  revision: number;
  /** Phone: the way back to the chat list. */
  onBack?: (() => void) | undefined;
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: OfflineItemView[] };

function Details({ item }: { item: OfflineItemView }) {
  if (item.kind === 'message') {
    return (
      <div class="offline-details">
        {item.email && (
          <a class="offline-primary" href={`mailto:${item.email}`}>
            {item.email}
          </a>
        )}
        {item.message && <LongText class="offline-message" id={`offline-message-${item.id}`} text={item.message} />}
      </div>
    );
  }
  return (
    <div class="offline-details">
      <span class="offline-primary">{item.name}</span>
      {item.phone && (
        <a href={`tel:${item.phone}`} class="offline-phone">
          {item.phone}
        </a>
      )}
      {item.preferredTime && <span class="offline-pref">{W.preferredTime(item.preferredTime)}</span>}
    </div>
  );
}

export function OfflineItems({ revision, onBack }: OfflineItemsProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    fetchJson<{ items: OfflineItemView[] }>('/api/agent/offline-items', { signal: abort.signal }).then(
      ({ items }) => setLoad({ status: 'ready', items }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ status: 'error', message: error instanceof Error ? error.message : W.loadFailed });
      },
    );
    return () => abort.abort();
  }, [revision, reloads]);

  return (
    <section class="offline" aria-labelledby="offline-title">
      <header class="offline-head">
        {onBack && <BackButton onBack={onBack} />}
        <div class="offline-head-text">
          <h2 id="offline-title" class="chat-title">
            {W.title}
          </h2>
          <p class="chat-subtitle">{W.intro}</p>
        </div>
        <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" onClick={() => setReloads((n) => n + 1)}>
          {W.refresh}
        </button>
      </header>
      <div class="offline-body">
        {load.status === 'loading' && <p class="rc-muted">{W.loading}</p>}
        {load.status === 'error' && (
          <p class="rc-alert rc-alert-error" role="alert">
            {load.message}
          </p>
        )}
        {load.status === 'ready' &&
          (load.items.length === 0 ? (
            <p class="empty-state">{W.none}</p>
          ) : (
            // On a tablet or a phone each row reads as a card (styles.css); the roles keep it a table for screen readers
            // even though its parts are displayed as blocks there.
            <table class="offline-table" role="table">
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">{W.columns.type}</th>
                  <th scope="col" role="columnheader">{W.columns.queue}</th>
                  <th scope="col" role="columnheader">{W.columns.details}</th>
                  <th scope="col" role="columnheader">{W.columns.received}</th>
                  <th scope="col" role="columnheader">{W.columns.status}</th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {load.items.map((item) => (
                  <tr key={item.id} role="row">
                    <td role="cell" class="offline-kind">
                      <span class={`rc-badge ${item.kind === 'message' ? 'rc-badge-brand' : 'rc-badge-warning'}`}>
                        {W.kind[item.kind]}
                      </span>
                    </td>
                    <td role="cell" class="offline-queue" data-label={W.columns.queue}>
                      {item.queueName}
                    </td>
                    <td role="cell" class="offline-details-cell">
                      <Details item={item} />
                      <OfflineItemActions item={item} onDone={() => setReloads((n) => n + 1)} />
                    </td>
                    <td role="cell" class="offline-time" data-label={W.columns.received}>
                      <time dateTime={item.createdAt}>{dateTime(item.createdAt)}</time>
                    </td>
                    <td role="cell" class="offline-status">
                      <span class={`rc-badge ${item.status === 'open' ? 'rc-badge-success' : ''}`}>
                        {item.status === 'done' ? W.done : item.assignedTo ? W.withAgent(item.assignedTo.name) : W.open}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </div>
    </section>
  );
}
