/**
 * The signed-in person's frame. A supervisor sees the Live view, Reports and Chat history only (every other page and
 * API is an admin's); an admin sees them too, beside the rest.
 * The admin's sidebar: (client, queues, live view, reports, chats in progress, people, audit log, mail, customer data, API tokens, webhooks, sign out) and the selected page. */
import { useEffect, useState } from 'preact/hooks';
import type { AdminQueueDetail } from '../../src/protocol/admin.js';
import type { AdminQueueSummary, MeView } from '../../src/protocol/views.js';
import { ApiError } from '../shared/http.js';
import { createQueue, listQueues } from './api.js';
import { AuditPage } from './AuditPage.js';
import { ChatsPage } from './ChatsPage.js';
import { MailPage } from './MailPage.js';
import { NameDialog } from './NameDialog.js';
import { PeoplePage } from './PeoplePage.js';
import { PrivacyPage } from './PrivacyPage.js';
import { QueueList } from './QueueList.js';
import { QueuePage } from './QueuePage.js';
import { LivePage } from './LivePage.js';
import { HistoryPage } from './HistoryPage.js';
import { HISTORY_WORDS } from './historyWords.js';
import { REPORT_WORDS } from './reportWords.js';
import { ReportsPage } from './ReportsPage.js';
import { LIVE_WORDS } from './liveWords.js';
import { hashFor, type Route, useRoute } from './route.js';
import { TokensPage } from './TokensPage.js';
import { TOKEN_WORDS } from './tokenWords.js';
import { WebhooksPage } from './WebhooksPage.js';
import { WEBHOOK_WORDS } from './webhookWords.js';
import { CannedRepliesPage } from './CannedRepliesPage.js';
import { CANNED_WORDS } from './cannedWords.js';
import { AUDIT_WORDS } from './auditWords.js';
import { CHATS_WORDS } from './chatsWords.js';
import { MAIL_WORDS } from './mailWords.js';
import { PEOPLE_WORDS } from './peopleWords.js';
import { PORTAL_WORDS as W } from './portalWords.js';
import { PRIVACY_WORDS } from './privacyWords.js';
import { QUEUE_WORDS } from './queueWords.js';

export interface PortalProps {
  me: MeView;
  onSignOut: () => void;
  onSignedOut: (notice?: string) => void;
}

function summaryOf(queue: AdminQueueDetail): AdminQueueSummary {
  return { id: queue.id, slug: queue.slug, name: queue.name, chatUrl: queue.chatUrl, open: queue.open };
}

const NAV_LABELS = { live: LIVE_WORDS.nav, chats: CHATS_WORDS.nav, people: PEOPLE_WORDS.nav, audit: AUDIT_WORDS.nav, mail: MAIL_WORDS.nav, privacy: PRIVACY_WORDS.nav, tokens: TOKEN_WORDS.nav, webhooks: WEBHOOK_WORDS.nav, canned: CANNED_WORDS.nav, reports: REPORT_WORDS.nav, history: HISTORY_WORDS.nav } as const;

type Section = keyof typeof NAV_LABELS;
const ADMIN_SECTIONS: readonly Section[] = ['live', 'reports', 'history', 'chats', 'people', 'canned', 'audit', 'mail', 'privacy', 'tokens', 'webhooks'];
const SUPERVISOR_SECTIONS: readonly Section[] = ['live', 'reports', 'history'];
const routeOf = (section: Section): Route => (section === 'live' ? { section, chatId: null } : { section });

const byName = (a: AdminQueueSummary, b: AdminQueueSummary) => a.name.toLowerCase().localeCompare(b.name.toLowerCase());

export function Portal({ me, onSignOut, onSignedOut }: PortalProps) {
  const [asked, navigate] = useRoute();
  const isAdmin = me.role === 'admin';
  // A supervisor's portal is the Live view: any other address lands there.
  const route: Route = isAdmin || asked.section === 'live' || asked.section === 'reports' || asked.section === 'history' ? asked : { section: 'live', chatId: null };
  const [queues, setQueues] = useState<AdminQueueSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const expired = () => onSignedOut(W.sessionEnded);

  useEffect(() => {
    if (!isAdmin) return;
    listQueues().then(setQueues, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return expired();
      setError(cause instanceof Error ? cause.message : QUEUE_WORDS.loadFailed);
    });
  }, []);

  const routeQueue = route.section === 'queues' ? route.queueId : null;
  const tab = route.section === 'queues' ? route.tab : 'general';
  const known = queues?.some((q) => q.id === routeQueue) ?? false;
  const queueId = route.section !== 'queues' ? null : known ? routeQueue : (queues?.[0]?.id ?? null);

  const added = (queue: AdminQueueDetail) => {
    setQueues((list) => [...(list ?? []), summaryOf(queue)].sort(byName));
    navigate({ section: 'queues', queueId: queue.id, tab: 'general' });
  };

  return (
    <div class="portal">
      <aside class="portal-sidebar">
        <div class="portal-brand">
          <span class="rc-brandmark-dot" aria-hidden="true" />
          <div>
            <p class="portal-product">{W.product}</p>
            <p class="portal-client">{me.clientName}</p>
          </div>
        </div>
        {isAdmin && (
          <QueueList
            queues={queues}
            selectedId={queueId}
            error={error}
            onSelect={(id) => navigate({ section: 'queues', queueId: id, tab })}
            onNew={() => setCreating(true)}
          />
        )}
        <nav class="portal-nav" aria-label={isAdmin ? W.adminNav : W.supervisorNav}>
          {(isAdmin ? ADMIN_SECTIONS : SUPERVISOR_SECTIONS).map((section) => (
            <a
              key={section}
              class="queue-link"
              href={hashFor(routeOf(section))}
              aria-current={route.section === section ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(routeOf(section));
              }}
            >
              <NavIcon name={section} />
              {NAV_LABELS[section]}
            </a>
          ))}
        </nav>
        <div class="portal-account">
          <div class="portal-me">
            <span class="portal-me-name">{me.displayName}</span>
            <span class="portal-me-email">{me.email}</span>
          </div>
          <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm portal-signout" onClick={onSignOut}>
            {W.signOut}
          </button>
        </div>
      </aside>
      <main class="portal-main">
        {route.section === 'live' ? (
          <LivePage chatId={route.chatId} onOpenChat={(chatId) => navigate({ section: 'live', chatId })} onUnauthorized={expired} />
        ) : route.section === 'chats' ? (
          <ChatsPage onUnauthorized={expired} />
        ) : route.section === 'people' ? (
          <PeoplePage me={me} onUnauthorized={expired} />
        ) : route.section === 'audit' ? (
          <AuditPage onUnauthorized={expired} />
        ) : route.section === 'mail' ? (
          <MailPage onUnauthorized={expired} />
        ) : route.section === 'privacy' ? (
          <PrivacyPage onUnauthorized={expired} />
        ) : route.section === 'tokens' ? (
          <TokensPage onUnauthorized={expired} />
        ) : route.section === 'webhooks' ? (
          <WebhooksPage onUnauthorized={expired} />
        ) : route.section === 'canned' ? (
          <CannedRepliesPage queues={queues ?? []} onUnauthorized={expired} />
        ) : route.section === 'reports' ? (
          <ReportsPage onUnauthorized={expired} />
        ) : route.section === 'history' ? (
          <HistoryPage onUnauthorized={expired} />
        ) : queueId ? (
          <QueuePage
            key={queueId}
            queueId={queueId}
            tab={tab}
            onTab={(next) => navigate({ section: 'queues', queueId, tab: next })}
            onSaved={(queue) => setQueues((list) => list?.map((q) => (q.id === queue.id ? summaryOf(queue) : q)).sort(byName) ?? list)}
            onCreated={added}
            onDeleted={(id) => {
              setQueues((list) => list?.filter((q) => q.id !== id) ?? list);
              navigate({ section: 'queues', queueId: null, tab: 'general' });
            }}
            onPeople={() => navigate({ section: 'people' })}
            onUnauthorized={expired}
          />
        ) : (
          queues && (
            <div class="page">
              <h1 class="page-title">{QUEUE_WORDS.title}</h1>
              <div class="rc-card empty-card">
                <p>{QUEUE_WORDS.empty}</p>
                <button type="button" class="rc-btn rc-btn-primary" onClick={() => setCreating(true)}>
                  {QUEUE_WORDS.create}
                </button>
              </div>
            </div>
          )
        )}
      </main>
      {creating && (
        <NameDialog
          title={QUEUE_WORDS.newTitle}
          hint={QUEUE_WORDS.newHint}
          initial=""
          action={QUEUE_WORDS.newAction}
          submit={createQueue}
          onDone={(queue) => {
            setCreating(false);
            added(queue);
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </div>
  );
}

/** Line icons drawn inline: the portal ships no icon font and cannot count on emoji fonts. */
function NavIcon({ name }: { name: keyof typeof NAV_LABELS }) {
  return (
    <svg class="nav-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      {name === 'live' ? (
        <path d="M3 12h4l3-7 4 14 3-7h4" />
      ) : name === 'chats' ? (
        <path d="M4 5h16v11H9l-5 4z" />
      ) : name === 'people' ? (
        <>
          <circle cx="9" cy="8" r="3.5" />
          <path d="M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5" />
          <path d="M16 4.8a3.3 3.3 0 0 1 0 6.4M18 14.8c1.9.7 3.1 2.4 3.5 5.2" />
        </>
      ) : name === 'mail' ? (
        <>
          <rect x="3" y="5" width="18" height="14" rx="2" />
          <path d="M3.5 6.5l8.5 6.5 8.5-6.5" />
        </>
      ) : name === 'privacy' ? (
        <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6z" />
      ) : name === 'tokens' ? (
        <>
          <circle cx="8" cy="15" r="4" />
          <path d="M11 12l9-9M16 7l3 3M14 9l2 2" />
        </>
      ) : name === 'history' ? (
        <>
          <path d="M4 5h16v11H9l-5 4z" />
          <path d="M9 9h6M9 12h4" />
        </>
      ) : name === 'reports' ? (
        <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
      ) : name === 'canned' ? (
        <>
          <path d="M4 5h16v11H9l-5 4z" />
          <path d="M8 9h8M8 12h5" />
        </>
      ) : name === 'webhooks' ? (
        <>
          <circle cx="6" cy="17" r="2.5" />
          <circle cx="18" cy="17" r="2.5" />
          <circle cx="12" cy="6" r="2.5" />
          <path d="M10.8 8.2L7.3 14.8M8.5 17h7M13.2 8.2l3.5 6.6" />
        </>
      ) : (
        <>
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 2" />
        </>
      )}
    </svg>
  );
}
