/**
 * The chat page inside the website widget's frame (?embed=1&host=<origin>): a chunk of its own,
 * fetched only there. It tells the loader on the client's page (web/widget/loader.ts) the
 * launcher's settings and words, counts the agent's messages that arrive while the widget is
 * closed, holds back the start of a chat until the visitor opens it, and closes on Escape.
 * Messages go only to the host origin named in the URL, and only when the queue lets that site
 * embed it (the server's frame-ancestors enforces the same); messages are taken only from the
 * parent window at that origin.
 */
import type { PublicQueueView } from '../../src/protocol/views.js';
import type { FrameMessage, LoaderMessage, WidgetTag } from '../widget/protocol.js';
import type { EmbedHooks } from './app.js';
import { words } from './i18n/messages.js';
import type { ChatConnection } from './socket.js';

const TAG: WidgetTag = 'rc-widget';

/** The newest agent message the visitor has seen, per chat, in our origin's storage (survives the host's page changes). */
const SEEN_PREFIX = 'rc_seen:';

function originOf(text: string | null): string | null {
  try {
    return text && new URL(text).origin === text ? text : null;
  } catch {
    return null;
  }
}

function seenOf(chatId: string): number {
  try {
    return Number(localStorage.getItem(SEEN_PREFIX + chatId) ?? 0);
  } catch {
    return 0;
  }
}

function markSeen(chatId: string, seq: number): void {
  try {
    localStorage.setItem(SEEN_PREFIX + chatId, String(seq));
  } catch {
    // Storage unavailable: the count starts again from the whole chat after a page change.
  }
}

/** Whether this frame's localStorage refuses to read or write (blocked third-party storage, or no quota). */
const denied = (): boolean => {
  try {
    localStorage.setItem(SEEN_PREFIX, '');
    localStorage.removeItem(SEEN_PREFIX);
    return false;
  } catch {
    return true;
  }
};

export async function embedHooks(_slug: string): Promise<EmbedHooks> {
  const host = originOf(new URLSearchParams(location.search).get('host'));
  // Only where the browser blocks this frame's storage: a chunk of its own, fetched then (most frames never need it).
  if (host && parent !== window && denied()) await (await import('./borrowStorage.js')).borrowStorage(host);
  let allowed = false;
  let open = false;
  let release = (): void => undefined;
  const opened = new Promise<void>((resolve) => (release = resolve));
  let chat: ChatConnection | null = null;
  let unsubscribe = (): void => undefined;
  let sent = -1;

  const post = (message: FrameMessage): void => {
    if (allowed && host && parent !== window) parent.postMessage(message, host);
  };

  /** Counts the agent's messages after the last seen one; while open, everything is seen. */
  const count = (): void => {
    const snapshot = chat?.snapshot;
    const chatId = snapshot?.state?.chatId;
    let unread = 0;
    if (snapshot && chatId) {
      const seqs = snapshot.events.filter((e) => e.kind === 'message' && e.author === 'agent').map((e) => e.seq);
      if (open) markSeen(chatId, Math.max(seenOf(chatId), ...seqs));
      else unread = seqs.filter((seq) => seq > seenOf(chatId)).length;
    }
    if (unread !== sent) post({ rc: TAG, type: 'unread', count: (sent = unread) });
  };

  addEventListener('message', (event: MessageEvent<LoaderMessage>) => {
    if (!allowed || event.source !== parent || event.origin !== host || event.data?.rc !== TAG) return;
    open = event.data.type === 'open';
    if (open) release();
    count();
  });
  addEventListener('keydown', (event) => {
    // An open confirmation dialog takes Escape for itself (it cancels).
    if (event.key === 'Escape' && open && !document.querySelector('dialog[open]')) post({ rc: TAG, type: 'close' });
  });

  return {
    opened: () => opened,
    queue(queue: PublicQueueView) {
      const sites = queue.widget.allowedOrigins;
      allowed = host !== null && (sites.length === 0 || sites.includes(host));
      const t = words.app.get();
      post({ rc: TAG, type: 'ready', label: queue.widget.label, color: queue.widget.color, position: queue.widget.position, title: t.pageTitle({ queue: queue.name }), unread: t.unread });
      sent = -1;
      count();
    },
    chat(next) {
      unsubscribe();
      chat = next;
      unsubscribe = next ? next.subscribe(count) : () => undefined;
      count();
    },
  };
}
