/**
 * The portal's place, kept in the URL hash so reloads and links land in the
 * same spot: #/queues/<id>/<tab>, #/live, #/live/<chatId>, #/chats, #/people, #/audit, #/mail, #/privacy, #/tokens, #/webhooks, #/canned, #/reports, #/history.
 */
import { useEffect, useState } from 'preact/hooks';
import { QUEUE_WORDS } from './queueWords.js';

export const TABS = [
  { id: 'general', label: QUEUE_WORDS.tabs.general },
  { id: 'data-collection', label: QUEUE_WORDS.tabs['data-collection'] },
  { id: 'working-hours', label: QUEUE_WORDS.tabs['working-hours'] },
  { id: 'offline', label: QUEUE_WORDS.tabs.offline },
  { id: 'agents', label: QUEUE_WORDS.tabs.agents },
  { id: 'translations', label: QUEUE_WORDS.tabs.translations },
] as const;

export type TabId = (typeof TABS)[number]['id'];

export type Route =
  | { section: 'queues'; queueId: string | null; tab: TabId }
  | { section: 'live'; chatId: string | null }
  | { section: 'chats' }
  | { section: 'people' }
  | { section: 'audit' }
  | { section: 'mail' }
  | { section: 'privacy' }
  | { section: 'tokens' }
  | { section: 'webhooks' }
  | { section: 'canned' }
  | { section: 'reports' }
  | { section: 'history' };

function isTab(value: string | undefined): value is TabId {
  return TABS.some((tab) => tab.id === value);
}

export function parseHash(hash: string): Route {
  const [section, queueId, tab] = hash.replace(/^#\/?/, '').split('/');
  if (section === 'live') return { section: 'live', chatId: queueId ? decodeURIComponent(queueId) : null };
  if (section === 'chats') return { section: 'chats' };
  if (section === 'people') return { section: 'people' };
  if (section === 'audit') return { section: 'audit' };
  if (section === 'mail') return { section: 'mail' };
  if (section === 'privacy') return { section: 'privacy' };
  if (section === 'tokens') return { section: 'tokens' };
  if (section === 'webhooks') return { section: 'webhooks' };
  if (section === 'canned') return { section: 'canned' };
  if (section === 'reports') return { section: 'reports' };
  if (section === 'history') return { section: 'history' };
  if (section !== 'queues' || !queueId) return { section: 'queues', queueId: null, tab: 'general' };
  return { section: 'queues', queueId: decodeURIComponent(queueId), tab: isTab(tab) ? tab : 'general' };
}

export function hashFor(route: Route): string {
  if (route.section === 'live') return route.chatId ? `#/live/${encodeURIComponent(route.chatId)}` : '#/live';
  if (route.section !== 'queues') return `#/${route.section}`;
  return route.queueId ? `#/queues/${encodeURIComponent(route.queueId)}/${route.tab}` : '#/queues';
}

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = (next: Route) => {
    const hash = hashFor(next);
    if (location.hash !== hash) history.pushState(null, '', hash);
    setRoute(next);
  };
  return [route, navigate];
}
