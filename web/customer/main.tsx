/**
 * Entry of the customer chat page, served at /chat/<queue-slug>.
 * Only reads the slug from the URL and mounts the app; everything else lives
 * in app.tsx so it can be reasoned about without the DOM bootstrapping.
 */
import { render } from 'preact';
import { App } from './app.js';
import { prepareLanguage } from './i18n/index.js';
import './styles.css';

/** The queue slug is the last non-empty path segment (a trailing slash is tolerated). */
function slugFromPath(pathname: string): string {
  const segments = pathname.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1] ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

const root = document.getElementById('app');
const slug = slugFromPath(location.pathname);
// Inside the website widget's frame: the bridge to the loader is a chunk of its own, fetched only there.
const embedded = new URLSearchParams(location.search).get('embed') === '1';
if (embedded) document.documentElement.classList.add('embed');
// The reader's catalog first (French and Spanish are chunks of their own), so nothing flashes in English.
void Promise.all([prepareLanguage(), embedded ? import('./embed.js').then((m) => m.embedHooks(slug)) : undefined]).then(([, embed]) => {
  if (!root) return;
  root.textContent = '';
  render(<App slug={slug} embed={embed} />, root);
});
