/** The signed-in admin's frame: sidebar (client, queues, sign out) and the selected queue. */
import { useEffect, useState } from 'preact/hooks';
import type { AdminQueueDetail } from '../../src/protocol/http.js';
import type { AdminQueueSummary, MeView } from '../../src/protocol/views.js';
import { ApiError } from '../shared/http.js';
import { listQueues } from './api.js';
import { QueueList } from './QueueList.js';
import { QueuePage } from './QueuePage.js';
import { useRoute } from './route.js';

export interface PortalProps {
  me: MeView;
  onSignOut: () => void;
  onSignedOut: (notice?: string) => void;
}

function summaryOf(queue: AdminQueueDetail): AdminQueueSummary {
  return { id: queue.id, slug: queue.slug, name: queue.name, chatUrl: queue.chatUrl, open: queue.open };
}

export function Portal({ me, onSignOut, onSignedOut }: PortalProps) {
  const [route, navigate] = useRoute();
  const [queues, setQueues] = useState<AdminQueueSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const expired = () => onSignedOut('Your session has ended. Sign in again.');

  useEffect(() => {
    listQueues().then(setQueues, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return expired();
      setError(cause instanceof Error ? cause.message : 'Could not load the queues.');
    });
  }, []);

  const known = queues?.some((q) => q.id === route.queueId) ?? false;
  const queueId = known ? route.queueId : (queues?.[0]?.id ?? null);

  return (
    <div class="portal">
      <aside class="portal-sidebar">
        <div class="portal-brand">
          <span class="rc-brandmark-dot" aria-hidden="true" />
          <div>
            <p class="portal-product">Client Admin Portal</p>
            <p class="portal-client">{me.clientName}</p>
          </div>
        </div>
        <QueueList
          queues={queues}
          selectedId={queueId}
          error={error}
          onSelect={(id) => navigate({ queueId: id, tab: route.tab })}
        />
        <div class="portal-account">
          <div class="portal-me">
            <span class="portal-me-name">{me.displayName}</span>
            <span class="portal-me-email">{me.email}</span>
          </div>
          <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm portal-signout" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </aside>
      <main class="portal-main">
        {queueId ? (
          <QueuePage
            queueId={queueId}
            tab={route.tab}
            onTab={(tab) => navigate({ queueId, tab })}
            onSaved={(queue) => setQueues((list) => list?.map((q) => (q.id === queue.id ? summaryOf(queue) : q)) ?? list)}
            onUnauthorized={expired}
          />
        ) : (
          queues && (
            <div class="page">
              <h1 class="page-title">Queues Configuration</h1>
              <p class="rc-muted">There are no queues to configure yet.</p>
            </div>
          )
        )}
      </main>
    </div>
  );
}
