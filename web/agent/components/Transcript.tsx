/** The chat's messages in seq order, then the agent's unconfirmed ones; sticks to the bottom. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatEventView } from '../../../src/protocol/views.js';
import { MessageText } from '../../shared/MessageText.js';
import { clockTime, systemText } from '../format.js';
import type { ChatEntry } from '../state.js';

export interface TranscriptProps {
  chat: ChatEntry;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
}

/** How close to the bottom (px) still counts as "reading the latest". */
const STICKY_PX = 80;

function EventRow({ event, customerName }: { event: ChatEventView; customerName: string }) {
  if (event.kind === 'system') {
    return (
      <li class="msg-system">
        <span>{systemText(event, customerName)}</span>
        <time dateTime={event.at}>{clockTime(event.at)}</time>
      </li>
    );
  }
  const side = event.author === 'agent' ? 'msg-agent' : 'msg-customer';
  return (
    <li class={`msg ${side}`}>
      <div class="msg-meta">
        <span class="msg-author">{event.authorName}</span>
        <time dateTime={event.at}>{clockTime(event.at)}</time>
      </div>
      <div class="msg-bubble">
        <MessageText text={event.body} />
      </div>
    </li>
  );
}

export function Transcript({ chat, onRetry, onDiscard }: TranscriptProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    stick.current = true;
  }, [chat.chatId]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [chat.chatId, chat.events.length, chat.pending.length, chat.typingName]);

  function onScroll() {
    const el = scroller.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
  }

  return (
    <div class="transcript" ref={scroller} onScroll={onScroll}>
      <ol class="transcript-list" role="log" aria-label="Transcript" aria-live="polite">
        {chat.events.map((event) => (
          <EventRow key={event.seq} event={event} customerName={chat.customerName} />
        ))}
        {chat.pending.map((pending) => (
          <li key={pending.clientMsgId} class={`msg msg-agent msg-pending${pending.status === 'failed' ? ' is-failed' : ''}`}>
            <div class="msg-bubble">{pending.body}</div>
            {pending.status === 'sending' ? (
              <div class="msg-status">Sending…</div>
            ) : pending.status === 'waiting' ? (
              <div class="msg-status">Waiting for the message above</div>
            ) : (
              <div class="msg-status msg-status-error" role="alert">
                <span>Not sent — {pending.error}</span>
                <button type="button" class="link-button" onClick={() => onRetry(pending.clientMsgId)}>
                  Retry
                </button>
                <button type="button" class="link-button" onClick={() => onDiscard(pending.clientMsgId)}>
                  Discard
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
