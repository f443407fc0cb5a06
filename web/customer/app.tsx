/**
 * The customer's journey as a small state machine:
 *
 *   loading ─┬─ 404 ──────────────► invalid link
 *            ├─ saved chat token ─► resume (chat) ── refused ─┐
 *            └────────────────────────────────────────────────┴► queue.screen:
 *                 form ──Send──► chat │ closed (409)
 *                 waiting ─────► chat │ closed (409)
 *                 closed
 *
 * "chat" covers waiting in line, talking and ended. "Start a new chat"
 * forgets the token and outbox and runs the flow again from loading.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ErrorBody } from '../../src/protocol/errors.js';
import type { PublicQueueView } from '../../src/protocol/views.js';
import { ApiError, getQueue, startChat } from './api.js';
import { passing } from '../shared/http.js';
import { Header } from './components/Header.js';
import { Notice } from './components/Notice.js';
import { ChatRoute } from './screens/ChatRoute.js';
import type { ClosedReason } from './screens/Closed.js';
import { LazyClosed } from './screens/lazyOffline.js';
import { countUnreadInTitle } from './unreadTitle.js';
import { useQueueWatch } from './useQueueWatch.js';
import { DataCollection } from './screens/DataCollection.js';
import { Waiting } from './screens/Waiting.js';
import { words } from './i18n/messages.js';
import { failureText } from './i18n/refusals.js';
import { ChatConnection } from './socket.js';
import { clearOutbox, clearToken, loadToken, saveToken } from './storage.js';

export type View =
  | { name: 'loading' }
  | { name: 'invalid' }
  | { name: 'failed'; message: string }
  /** `changed`: the form changed while the customer was on it (queueWatch.ts). */
  | { name: 'form'; queue: PublicQueueView; changed?: boolean }
  /** Screen 'waiting': the chat is being created; looks like the Waiting screen already. */
  | { name: 'joining'; queue: PublicQueueView }
  | { name: 'closed'; queue: PublicQueueView; reason: ClosedReason }
  | { name: 'chat'; queue: PublicQueueView; chat: ChatConnection };

/** What the website widget's frame (embed.ts, loaded only with ?embed=1) needs from the page. */
export interface EmbedHooks {
  /** Resolves once the visitor opened the widget: no chat is started for a page view alone. */
  opened(): Promise<void>;
  queue(queue: PublicQueueView): void;
  chat(chat: ChatConnection | null): void;
}

/** The queue's own header colour and logo (its widget branding); the default colour keeps the page's gradient. */
function brand(queue: PublicQueueView): void {
  const root = document.documentElement;
  if (queue.widget.headerColor !== '#1d4ed8') {
    root.style.setProperty('--header-bg', queue.widget.headerColor);
    root.style.setProperty('--header-sub', '#fff');
    root.style.setProperty('--header-btn', 'none');
  }
  // Saved logos are https:// without quotes or spaces (src/domain/widgetConfig.ts), so they sit safely in url("").
  if (queue.widget.logoUrl) {
    root.style.setProperty('--logo', `url("${queue.widget.logoUrl}")`);
    root.dataset.logo = '';
  }
}

/** 409 refusals of a new chat that mean "show the closed screen". */
const CLOSED_IDS: Record<string, ClosedReason> = { queue_closed: 'closed', no_agents: 'no_agents', queue_full: 'queue_full' };

export function App({ slug, embed }: { slug: string; embed?: EmbedHooks | undefined }) {
  const t = words.app.get();
  const [view, setView] = useState<View>({ name: 'loading' });
  // Each run of the flow gets a number; results of an older run are dropped.
  const run = useRef(0);

  const chat = view.name === 'chat' ? view.chat : null;
  useEffect(() => {
    embed?.chat(chat);
    return chat ? () => chat.close() : undefined;
  }, [chat, embed]);

  useEffect(() => {
    if (view.name === 'loading' || view.name === 'invalid' || view.name === 'failed') return;
    const title = () => t.pageTitle({ queue: view.queue.name });
    document.title = title();
    return chat ? countUnreadInTitle(chat, title) : undefined;
  }, [view, t, chat]);

  /** Creates the chat; returns the refusal for the form to show, or null once the page moved on. */
  const join = useCallback(
    async (queue: PublicQueueView, fields: Record<string, string>, id: number): Promise<ErrorBody | null> => {
      try {
        const started = await startChat(slug, { fields });
        if (id !== run.current) return null;
        saveToken(slug, started.token);
        const connection = new ChatConnection(started.token, started.state);
        connection.connect();
        setView({ name: 'chat', queue, chat: connection });
        return null;
      } catch (error) {
        if (id !== run.current) return null;
        const reason = error instanceof ApiError && error.status === 409 ? CLOSED_IDS[error.id] : undefined;
        // The refusal for the form, its message in the reader's words (the server's is English).
        if (!reason) return error instanceof ApiError ? { ...error.body, message: failureText(error) } : { id: 'internal', message: failureText(error) };
        // Closed meanwhile: fetch the queue again so the offline options and hours are current.
        const fresh = await getQueue(slug).catch(() => queue);
        if (id !== run.current) return null;
        setView({ name: 'closed', queue: fresh, reason });
        return null;
      }
    },
    [slug],
  );

  const boot = useCallback(async () => {
    const id = ++run.current;
    setView({ name: 'loading' });
    let queue: PublicQueueView;
    try {
      queue = await getQueue(slug);
    } catch (error) {
      if (id !== run.current) return;
      if (error instanceof ApiError && error.status === 404) return setView({ name: 'invalid' });
      // Unreachable, or not serving now (a database outage): tried again by itself 5 s on.
      if (passing(error)) setTimeout(() => id === run.current && void boot(), 5000);
      return setView({ name: 'failed', message: failureText(error) });
    }
    if (id !== run.current) return;
    brand(queue);
    embed?.queue(queue);

    // A chat from before a reload comes first, whatever the queue's first screen.
    const token = loadToken(slug);
    if (token) {
      const resumed = new ChatConnection(token);
      const outcome = await resumed.start();
      if (id !== run.current) return resumed.close();
      if (outcome === 'ok') return setView({ name: 'chat', queue, chat: resumed });
      resumed.close();
      // Refused: the token is dead. Unreachable: keep it for the next reload.
      if (outcome === 'refused') clearToken(slug);
    }

    if (queue.screen === 'form' && queue.form?.length) return setView({ name: 'form', queue });
    if (queue.screen === 'closed') return setView({ name: 'closed', queue, reason: queue.closedReason ?? 'closed' });
    // In the widget, a queue without a form starts a chat only once the visitor opens it.
    if (embed) {
      setView({ name: 'loading' });
      await embed.opened();
      if (id !== run.current) return;
    }
    setView({ name: 'joining', queue });
    const refusal = await join(queue, {}, id);
    if (refusal && id === run.current) setView({ name: 'failed', message: refusal.message });
  }, [slug, join, embed]);

  useEffect(() => {
    void boot();
  }, [boot]);

  // Before a chat starts, the screen follows the queue live (issue 11): the form as the admin changes
  // it, the form giving way to the closed screen, the closed screen saying an agent is available now.
  useQueueWatch(slug, view.name === 'form' || view.name === 'closed' ? view.queue : null, setView);

  const newChat = useCallback(() => {
    if (view.name === 'chat') {
      const chatId = view.chat.snapshot.state?.chatId;
      if (chatId) clearOutbox(chatId);
    }
    clearToken(slug);
    void boot();
  }, [view, slug, boot]);

  return (
    <div class="page">
      <main class={view.name === 'chat' || view.name === 'joining' ? 'card card--tall' : 'card'}>{screen(view)}</main>
    </div>
  );

  function screen(v: View) {
    switch (v.name) {
      case 'loading':
        return (
          <>
            <Header queueName={t.chat} />
            <Notice icon="spinner" title={t.loading} />
          </>
        );
      case 'invalid':
        return (
          <>
            <Header queueName={t.chat} />
            <Notice icon="link" title={t.invalidTitle}>
              <p>{t.invalidText}</p>
            </Notice>
          </>
        );
      case 'failed':
        return (
          <>
            <Header queueName={t.chat} />
            <Notice icon="alert" title={t.failedTitle}>
              <p>{v.message}</p>
              <button type="button" class="btn btn-primary" onClick={() => void boot()}>
                {t.tryAgain}
              </button>
            </Notice>
          </>
        );
      case 'form':
        return <DataCollection queue={v.queue} changed={v.changed} onSubmit={(fields) => join(v.queue, fields, run.current)} />;
      case 'joining':
        return <Waiting queue={v.queue} state={null} />;
      case 'closed':
        return <LazyClosed queue={v.queue} reason={v.reason} onStart={() => void boot()} />;
      case 'chat':
        return <ChatRoute key={v.chat.snapshot.state?.chatId ?? 'chat'} queue={v.queue} chat={v.chat} onNewChat={newChat} />;
    }
  }
}
