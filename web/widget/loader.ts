/**
 * The website widget's loader, served at /widget.js and added to a client's site by the one-line
 * snippet of the queue's General Settings:
 *
 *   <script src="https://chat.example/widget.js" data-queue="support" async></script>
 *
 * It adds a launcher button that opens the queue's chat (/chat/<slug>?embed=1) in an iframe on
 * our origin. Nothing leaks either way: the launcher and the frame live in a shadow root
 * (the page's CSS cannot reach them, ours cannot reach the page), the chat runs in the frame's
 * own origin (its token in its own localStorage), and the two talk by postMessage with the
 * sender checked on both sides (web/widget/protocol.ts). Where the browser denies the frame
 * storage of its own (third-party storage blocked, e.g. private windows), the frame keeps its
 * storage (the chat token first) here instead, in the host's localStorage under a key of ours,
 * handed back to it by postMessage on each page (never in its URL), so the chat survives the
 * site's next page and a tab closed and opened again. The launcher appears once the frame
 * says it is ready, with the queue's colour, position and label and the reader's words; a site
 * the queue does not allow never gets a launcher. Open or closed is remembered in the host's
 * sessionStorage, so the chat stays as it was across the site's pages. Kept tiny (≤ 5 KB gz):
 * no imports but types.
 */
import type { FrameMessage, LoaderMessage, WidgetTag } from './protocol.js';

// Everything inside one function: a classic script's top-level names would land in the page's global scope.
((): void => {
  const TAG: WidgetTag = 'rc-widget';
  const script = (document.currentScript ?? document.querySelector('script[data-queue][src*="/widget.js"]')) as HTMLScriptElement | null;
  const slug = script?.dataset.queue;
  if (!script || !slug) return;
  const origin = new URL(script.src).origin;
  const stateKey = `rc-widget:${origin}/${slug}`;
  // The page may load the snippet twice: one launcher.
  if (document.querySelector(`[data-rc-widget="${CSS.escape(stateKey)}"]`)) return;

  const holder = document.createElement('div');
  holder.setAttribute('data-rc-widget', stateKey);
  const root = holder.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
:host{all:initial}
.l,.p{position:fixed;z-index:2147483000;bottom:20px;right:20px}
.left .l,.left .p{right:auto;left:20px}
.l{display:flex;align-items:center;gap:8px;min-height:48px;padding:0 20px;border:0;border-radius:24px;color:#fff;font:600 15px/1.2 system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 16px rgba(15,23,42,.3)}
.l:focus-visible{outline:3px solid #0f172a;outline-offset:3px;box-shadow:0 0 0 6px #fff}
.l[hidden],.p[hidden],.b[hidden]{display:none}
.b{min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;border-radius:10px;background:#b91c1c;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}
.p{bottom:84px;width:380px;height:600px;max-width:calc(100vw - 40px);max-height:calc(100vh - 104px);border-radius:16px;overflow:hidden;box-shadow:0 12px 40px rgba(15,23,42,.35);background:#fff}
iframe{display:block;width:100%;height:100%;border:0}
</style><div class="w"><div class="p" hidden><iframe></iframe></div><button class="l" type="button" aria-expanded="false" hidden><span class="t"></span><span class="b" aria-hidden="true" hidden></span></button></div>`;
  const wrap = root.querySelector('.w') as HTMLElement;
  const panel = root.querySelector('.p') as HTMLElement;
  const frame = root.querySelector('iframe') as HTMLIFrameElement;
  const launcher = root.querySelector('.l') as HTMLButtonElement;
  const text = root.querySelector('.t') as HTMLElement;
  const badge = root.querySelector('.b') as HTMLElement;

  let open = false;
  let label = '';
  let unreadWords = '';
  const tell = (message: LoaderMessage): void => frame.contentWindow?.postMessage(message, origin);
  /** What the frame stores here when its browser denies it storage of its own (see web/customer/embed.ts): kept like its own would be, across tabs and visits. */
  const storeKey = `${stateKey}:store`;
  const kept = (): Record<string, string> => {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(storeKey) ?? '{}');
      return value && typeof value === 'object' ? (value as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const remember = (): void => {
    try {
      sessionStorage.setItem(stateKey, open ? 'open' : 'closed');
    } catch {
      // No storage: the widget starts closed on the next page.
    }
  };
  const showUnread = (count: number): void => {
    badge.hidden = count === 0;
    badge.textContent = String(count);
    launcher.setAttribute('aria-label', count ? `${label} (${unreadWords.replace('{count}', String(count))})` : label);
  };
  const setOpen = (next: boolean, moveFocus: boolean): void => {
    open = next;
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    remember();
    tell({ rc: TAG, type: open ? 'open' : 'closed' });
    if (open) showUnread(0);
    if (moveFocus) (open ? frame : launcher).focus();
  };

  launcher.addEventListener('click', () => setOpen(!open, true));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) setOpen(false, true);
  });
  addEventListener('message', (event: MessageEvent<FrameMessage>) => {
    const m = event.data;
    if (event.origin !== origin || event.source !== frame.contentWindow || m?.rc !== TAG) return;
    if (m.type === 'ready') {
      label = m.label;
      unreadWords = m.unread;
      text.textContent = label;
      frame.title = m.title;
      launcher.style.background = m.color;
      wrap.className = m.position === 'bottom-left' ? 'w left' : 'w';
      launcher.hidden = false;
      showUnread(0);
      let was: string | null = null;
      try {
        was = sessionStorage.getItem(stateKey);
      } catch {
        // No storage: closed.
      }
      // Back on another page of the site: as the visitor left it, focus where the page puts it.
      setOpen(open || was === 'open', false);
    } else if (m.type === 'unread') {
      if (!open) showUnread(m.count);
    } else if (m.type === 'close') setOpen(false, true);
    else if (m.type === 'load') tell({ rc: TAG, type: 'stored', data: kept() });
    else if (m.type === 'store' && typeof m.key === 'string') {
      // One key at a time, read afresh: another tab's frame may have changed another key meanwhile.
      const data = kept();
      if (typeof m.value === 'string') data[m.key] = m.value;
      else delete data[m.key];
      try {
        if (Object.keys(data).length) localStorage.setItem(storeKey, JSON.stringify(data));
        else localStorage.removeItem(storeKey);
      } catch {
        // No storage here either: the chat lasts as long as this page.
      }
    }
  });

  frame.src = `${origin}/chat/${encodeURIComponent(slug)}?embed=1&host=${encodeURIComponent(location.origin)}`;
  // An async snippet in <head> may run before <body> exists.
  if (document.body) document.body.append(holder);
  else addEventListener('DOMContentLoaded', () => document.body.append(holder));
})();
