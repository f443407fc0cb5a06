/**
 * The widget frame's storage kept by the loader on the host page, for frames whose browser blocks
 * third-party storage (web/customer/embed.ts fetches this chunk only then).
 */
import type { FrameMessage, LoaderMessage, WidgetTag } from '../widget/protocol.js';

const TAG: WidgetTag = 'rc-widget';

/**
 * When the browser denies this third-party frame its localStorage (blocked third-party storage),
 * the page's storage (chat token, outbox, what was seen) is kept by the loader in the host's
 * localStorage: fetched once before the app starts, each change sent back, so the chat survives
 * the site's next page and a closed tab. The host page could read the token then; it is the
 * client's own site, and the chat would otherwise end with the page. Messages go only to the host
 * origin (postMessage's target); the token never goes into a URL.
 */
export async function borrowStorage(host: string): Promise<void> {
  const data = await new Promise<Record<string, string>>((resolve) => {
    const timer = setTimeout(() => resolve({}), 2000);
    addEventListener('message', function once(event: MessageEvent<LoaderMessage>) {
      if (event.source !== parent || event.origin !== host || event.data?.rc !== TAG || event.data.type !== 'stored') return;
      removeEventListener('message', once);
      clearTimeout(timer);
      resolve(event.data.data);
    });
    parent.postMessage({ rc: TAG, type: 'load' } satisfies FrameMessage, host);
  });
  // Text only: the host page could post anything (it is the client's own site, but the page expects strings).
  const items = new Map(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const keep = (key: string, value: string | null): void => {
    if (value === null) items.delete(key);
    else items.set(key, value);
    parent.postMessage({ rc: TAG, type: 'store', key, value } satisfies FrameMessage, host);
  };
  const shim: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => keep(key, String(value)),
    removeItem: (key) => keep(key, null),
  };
  Object.defineProperty(window, 'localStorage', { value: shim, configurable: true });
}
