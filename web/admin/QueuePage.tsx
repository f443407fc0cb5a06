/** "Queues Configuration" for one queue: loads its detail, shows the six tabs, and offers Duplicate and Delete. */
import { useEffect, useState } from 'preact/hooks';
import type { AdminQueueDetail } from '../../src/protocol/admin.js';
import { ApiError } from '../shared/http.js';
import { AgentsTab } from './AgentsTab.js';
import { deleteQueue, duplicateQueue, getQueue } from './api.js';
import { DataCollectionTab } from './DataCollectionTab.js';
import { GeneralSettingsTab } from './GeneralSettingsTab.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { NameDialog } from './NameDialog.js';
import { OfflineTab } from './OfflineTab.js';
import { Tabs } from './Tabs.js';
import { TranslationsTab } from './TranslationsTab.js';
import type { TabId } from './route.js';
import { WorkingHoursTab } from './WorkingHoursTab.js';
import { QUEUE_WORDS as W } from './queueWords.js';

export interface QueuePageProps {
  queueId: string;
  tab: TabId;
  onTab: (tab: TabId) => void;
  onSaved: (queue: AdminQueueDetail) => void;
  /** A copy was made: show it. */
  onCreated: (queue: AdminQueueDetail) => void;
  onDeleted: (id: string) => void;
  onPeople: () => void;
  onUnauthorized: () => void;
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; queue: AdminQueueDetail };

export function QueuePage({ queueId, tab, onTab, onSaved, onCreated, onDeleted, onPeople, onUnauthorized }: QueuePageProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [dialog, setDialog] = useState<'duplicate' | 'delete' | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ status: 'loading' });
    getQueue(queueId, abort.signal).then(
      (queue) => setLoad({ status: 'ready', queue }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) return onUnauthorized();
        setLoad({ status: 'error', message: error instanceof Error ? error.message : W.queueLoadFailed });
      },
    );
    return () => abort.abort();
  }, [queueId]);

  const queue = load.status === 'ready' ? load.queue : null;
  const saved = (updated: AdminQueueDetail) => {
    setLoad({ status: 'ready', queue: updated });
    onSaved(updated);
  };

  function panel(q: AdminQueueDetail) {
    // Keyed by queue: a tab's unsaved draft never leaks into another queue.
    switch (tab) {
      case 'general':
        return <GeneralSettingsTab key={q.id} queue={q} onSaved={saved} />;
      case 'data-collection':
        return <DataCollectionTab key={q.id} queue={q} onSaved={saved} />;
      case 'working-hours':
        return <WorkingHoursTab key={q.id} queue={q} onSaved={saved} />;
      case 'offline':
        return <OfflineTab key={q.id} queue={q} onSaved={saved} />;
      case 'agents':
        return <AgentsTab key={q.id} queue={q} onSaved={saved} onPeople={onPeople} />;
      case 'translations':
        return <TranslationsTab key={q.id} queue={q} onSaved={saved} />;
    }
  }

  return (
    <div class="page">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <div class="page-sub">
            <h2 class="page-queue">{queue?.name ?? (load.status === 'loading' ? W.loading : W.unnamed)}</h2>
            {queue && <span class={`rc-badge ${queue.openNow ? 'rc-badge-success' : ''}`}>{queue.openNow ? W.openForChats : queue.open ? W.closedByHours : W.closed}</span>}
          </div>
        </div>
        {queue && (
          <div class="page-actions">
            <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" onClick={() => setDialog('duplicate')}>
              {W.duplicate}
            </button>
            <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm btn-danger-outline" onClick={() => setDialog('delete')}>
              {W.delete}
            </button>
          </div>
        )}
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
            {panel(queue)}
          </div>
        </div>
      )}

      {queue && dialog === 'duplicate' && (
        <NameDialog
          title={W.duplicateTitle}
          hint={W.duplicateHint}
          initial={W.copyName(queue.name)}
          action={W.duplicateAction}
          submit={(name) => duplicateQueue(queue.id, name)}
          onDone={(copy) => {
            setDialog(null);
            onCreated(copy);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {queue && dialog === 'delete' && <DeleteDialog queue={queue} onClose={() => setDialog(null)} onDeleted={() => onDeleted(queue.id)} />}
    </div>
  );
}

function DeleteDialog({ queue, onClose, onDeleted }: { queue: AdminQueueDetail; onClose: () => void; onDeleted: () => void }) {
  return (
    <ConfirmDialog
      title={W.deleteTitle(queue.name)}
      confirmLabel={W.deleteConfirm}
      failure={W.deleteFailed}
      action={async () => {
        await deleteQueue(queue.id);
        onDeleted();
      }}
      onClose={onClose}
    >
      <p>{W.deleteBody}</p>
    </ConfirmDialog>
  );
}
