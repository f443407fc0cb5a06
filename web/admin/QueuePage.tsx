/** "Queues Configuration" for one queue: loads its detail and shows the tabs. */
import { useEffect, useState } from 'preact/hooks';
import type { AdminQueueDetail } from '../../src/protocol/http.js';
import { ApiError } from '../shared/http.js';
import { getQueue } from './api.js';
import { DataCollectionTab } from './DataCollectionTab.js';
import { GeneralSettingsTab } from './GeneralSettingsTab.js';
import { Tabs } from './Tabs.js';
import type { TabId } from './route.js';

export interface QueuePageProps {
  queueId: string;
  tab: TabId;
  onTab: (tab: TabId) => void;
  onSaved: (queue: AdminQueueDetail) => void;
  onUnauthorized: () => void;
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; queue: AdminQueueDetail };

export function QueuePage({ queueId, tab, onTab, onSaved, onUnauthorized }: QueuePageProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ status: 'loading' });
    getQueue(queueId, abort.signal).then(
      (queue) => setLoad({ status: 'ready', queue }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) return onUnauthorized();
        setLoad({ status: 'error', message: error instanceof Error ? error.message : 'Could not load the queue.' });
      },
    );
    return () => abort.abort();
  }, [queueId]);

  const queue = load.status === 'ready' ? load.queue : null;

  return (
    <div class="page">
      <header class="page-head">
        <h1 class="page-title">Queues Configuration</h1>
        <div class="page-sub">
          <h2 class="page-queue">{queue?.name ?? (load.status === 'loading' ? 'Loading…' : 'Queue')}</h2>
          {queue && (
            <span class={`rc-badge ${queue.open ? 'rc-badge-success' : ''}`}>
              {queue.open ? 'Open for chats' : 'Closed'}
            </span>
          )}
        </div>
      </header>

      {load.status === 'error' && (
        <p class="rc-alert rc-alert-error" role="alert">
          {load.message}
        </p>
      )}

      {queue && (
        <div class="rc-card page-card">
          <Tabs current={tab} onChange={onTab} />
          <div class="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'general' ? (
              <GeneralSettingsTab
                key={queue.id}
                queue={queue}
                onSaved={(updated) => {
                  setLoad({ status: 'ready', queue: updated });
                  onSaved(updated);
                }}
              />
            ) : (
              <DataCollectionTab queue={queue} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
