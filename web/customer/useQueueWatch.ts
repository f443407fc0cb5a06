/**
 * A page that has not started a chat follows its queue live (issue 11; how: queueWatch.ts, a chunk
 * fetched once the page is up, which keeps it out of the first load's budget). Without it (the chunk
 * failed to load) the page works as before, showing the queue as it was read.
 */
import { useEffect } from 'preact/hooks';
import type { PublicQueueView } from '../../src/protocol/views.js';
import type { View } from './app.js';

/** `queue`: the view the page shows; null while it shows no screen that needs following (a chat, loading). */
export function useQueueWatch(slug: string, queue: PublicQueueView | null, setView: (next: (view: View) => View) => void): void {
  const watching = queue !== null;
  useEffect(() => {
    if (!queue) return undefined;
    let stop: (() => void) | false | undefined;
    // The queue as shown when following began; the watch reads it again from then on.
    // A chunk that fails to load leaves the page as it was read.
    import('./queueWatch.js').then(({ watchQueue }) => stop === undefined && (stop = watchQueue(slug, queue, setView)), () => undefined);
    return () => {
      if (stop) stop();
      stop = false;
    };
    // Started once per stretch of screens before a chat, not again for each fresh read.
  }, [slug, watching]);
}
