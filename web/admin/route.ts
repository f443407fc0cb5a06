/** The portal's place, kept in the URL hash (#/queues/<id>/<tab>) so reloads and links land in the same spot. */
import { useEffect, useState } from 'preact/hooks';

export const TABS = [
  { id: 'general', label: 'General Settings' },
  { id: 'data-collection', label: 'Data Collection' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

export interface Route {
  queueId: string | null;
  tab: TabId;
}

function isTab(value: string | undefined): value is TabId {
  return TABS.some((tab) => tab.id === value);
}

export function parseHash(hash: string): Route {
  const [section, queueId, tab] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'queues' || !queueId) return { queueId: null, tab: 'general' };
  return { queueId: decodeURIComponent(queueId), tab: isTab(tab) ? tab : 'general' };
}

export function hashFor(route: Route): string {
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
