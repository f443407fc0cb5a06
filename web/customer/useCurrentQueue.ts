/**
 * The queue the chat is in now. The page opened on one queue (its URL, where the chat token is kept),
 * but an agent may transfer the chat to another queue: the server's chat state then names that queue
 * (`queueSlug`), live and on every resume after a reload, and the page fetches its public view once,
 * so the header, the waiting texts and the offline options are the new queue's. If the new queue
 * cannot be read (deleted, offline), the page keeps the one it has.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PublicQueueView } from '../../src/protocol/views.js';
import { getQueue } from './api.js';

export function useCurrentQueue(opened: PublicQueueView, slugNow: string | undefined): PublicQueueView {
  const [moved, setMoved] = useState<PublicQueueView | null>(null);
  const wanted = slugNow && slugNow !== opened.slug ? slugNow : null;
  useEffect(() => {
    if (!wanted) return undefined;
    let live = true;
    getQueue(wanted).then(
      (queue) => live && setMoved(queue),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return wanted && moved?.slug === wanted ? moved : opened;
}
