/**
 * A waiting customer left a message or asked for a callback instead (issue 11): their wait ended with
 * it, so the page says so plainly — sent, out of the line, how they will be answered — with a way to
 * start a new chat. Part of the offline chunk: only reachable from the offline options.
 */
import type { PublicQueueView } from '../../../src/protocol/views.js';
import { Header } from '../components/Header.js';
import { Notice } from '../components/Notice.js';
import { words } from '../i18n/messages.js';
import type { LeftWith } from './OfflineForms.js';

/** One function for every render, so the focus moves once, on arrival, not at each re-render. */
const focusOnArrival = (element: HTMLElement | null) => element?.focus();

export function LeftLine({ queue, kind, onNewChat }: { queue: PublicQueueView; kind: LeftWith; onNewChat: () => void }) {
  const t = words.offline.get();
  const chat = words.chat.get();
  return (
    <>
      <Header queueName={queue.name} subtitle={queue.clientName} />
      {/* The form that was sent is gone: focus lands on what happened, for keyboards and screen readers. */}
      <div class="body" ref={focusOnArrival} tabIndex={-1}>
        <Notice icon="check" title={kind === 'message' ? t.leftMessageTitle : t.leftCallbackTitle}>
          <p>{kind === 'message' ? t.leftMessageText : t.leftCallbackText}</p>
          <button type="button" class="btn btn-primary" onClick={onNewChat}>
            {chat.newChat}
          </button>
        </Notice>
      </div>
    </>
  );
}
