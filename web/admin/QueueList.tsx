/** The sidebar's list of the client's queues. */
import type { AdminQueueSummary } from '../../src/protocol/views.js';
import { hashFor } from './route.js';
import { QUEUE_WORDS as W } from './queueWords.js';

export interface QueueListProps {
  queues: AdminQueueSummary[] | null;
  selectedId: string | null;
  error: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
}

export function QueueList({ queues, selectedId, error, onSelect, onNew }: QueueListProps) {
  return (
    <nav class="queue-nav" aria-labelledby="queues-title">
      <div class="nav-title-row">
        <h2 class="nav-title" id="queues-title">
          {W.listTitle}
        </h2>
        <button type="button" class="nav-add" onClick={onNew}>
          {W.newQueue}
        </button>
      </div>
      {error && (
        <p class="nav-note nav-error" role="alert">
          {error}
        </p>
      )}
      {!queues && !error && <p class="nav-note">{W.loading}</p>}
      {queues && queues.length === 0 && <p class="nav-note">{W.noQueues}</p>}
      {queues && queues.length > 0 && (
        <ul class="queue-list">
          {queues.map((queue) => (
            <li key={queue.id}>
              <a
                class="queue-link"
                href={hashFor({ section: 'queues', queueId: queue.id, tab: 'general' })}
                aria-current={queue.id === selectedId ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(queue.id);
                }}
              >
                <span class={`queue-dot ${queue.open ? 'is-open' : 'is-closed'}`} title={queue.open ? W.dotOpen : W.dotClosed} aria-hidden="true" />
                <span class="queue-link-name">{queue.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
