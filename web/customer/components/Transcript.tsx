/**
 * The chat thread: stored events in seq order, then the customer's messages
 * still on their way: "Sending…" while they are sent or retried by
 * themselves, "Not sent — Retry · Remove" only once the server refused one
 * for good, and "Waiting…" for those held up behind it. Every text is
 * rendered as a text node, never as HTML. It keeps itself scrolled to the
 * newest message unless the customer has scrolled up to read.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { ChatEventView } from '../../../src/protocol/views.js';
import { MessageText } from '../../shared/MessageText.js';
import { formatTime, systemText } from '../format.js';
import { pendingLabel } from '../../shared/outbox.js';
import type { PendingMessage } from '../socket.js';

interface TranscriptProps {
  events: readonly ChatEventView[];
  pending: readonly PendingMessage[];
  /** Whether failed messages may be retried (not once the chat is over). */
  canRetry: boolean;
  onRetry: (clientMsgId: string) => void;
  onRemove: (clientMsgId: string) => void;
}

/** Within this many pixels of the bottom counts as "following the conversation". */
const STICKY_PX = 80;

export function Transcript({ events, pending, canRetry, onRetry, onRemove }: TranscriptProps) {
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [events.length, pending.length, pending[0]?.held]);

  // The box shrinks when the typing indicator or the counter appears: stay at the bottom.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (following.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = ref.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
  };

  return (
    <div class="transcript" ref={ref} onScroll={onScroll} role="log" aria-live="polite" aria-label="Conversation">
      {events.map((event, i) => {
        if (event.kind === 'system') {
          // The footer under an ended thread already says "This chat has ended." /
          // "You ended the chat."; saying it twice reads as noise.
          if (event.system === 'ended' || event.system === 'customer_left') return null;
          return (
            <p key={event.seq} class={event.system === 'inactivity_warning' ? 'system-line system-line--warning' : 'system-line'}>
              {systemText(event)}
            </p>
          );
        }
        const previous = events[i - 1];
        // Name once per run of messages from the same person, like most messengers.
        const showName = event.author !== 'customer' && (previous?.author !== event.author || previous.kind !== 'message');
        return (
          <Message key={event.seq} mine={event.author === 'customer'} name={event.authorName} showName={showName} body={event.body}>
            <time dateTime={event.at}>{formatTime(event.at)}</time>
          </Message>
        );
      })}
      {pending.map((p, i) => {
        const label = pendingLabel(pending, i);
        return (
          <Message key={p.clientMsgId} mine name="You" showName={false} body={p.body} pending held={label === 'held'}>
            {label === 'held' ? (
              <span class="msg-failed" role="alert">
                Not sent — {p.held}
                {canRetry && (
                  <>
                    {' '}
                    <button type="button" class="link" onClick={() => onRetry(p.clientMsgId)}>
                      Retry
                    </button>
                  </>
                )}{' '}
                <button type="button" class="link" onClick={() => onRemove(p.clientMsgId)}>
                  Remove
                </button>
              </span>
            ) : label === 'blocked' ? (
              <span class="msg-sending">Waiting for the message above</span>
            ) : (
              <span class="msg-sending">Sending…</span>
            )}
          </Message>
        );
      })}
    </div>
  );
}

interface MessageProps {
  mine: boolean;
  name: string;
  showName: boolean;
  body: string;
  pending?: boolean;
  /** Refused for good: drawn as not sent rather than on its way. */
  held?: boolean;
  /** The line under the bubble: time, "Sending…" or an error. */
  children: ComponentChildren;
}

function Message({ mine, name, showName, body, pending, held, children }: MessageProps) {
  return (
    <div class={`msg ${mine ? 'msg--mine' : 'msg--agent'}${pending ? ' msg--pending' : ''}${held ? ' msg--held' : ''}`}>
      {showName && <span class="msg-author">{name}</span>}
      <span class="visually-hidden">{mine ? 'You said:' : `${name} said:`}</span>
      <div class="msg-bubble">
        <MessageText text={body} />
      </div>
      <div class="msg-meta">{children}</div>
    </div>
  );
}
