/**
 * The chat thread: stored events in seq order, then the customer's messages
 * still on their way: "Sending…" while they are sent or retried by
 * themselves, "Not sent — Retry · Remove" only once the server refused one
 * for good, and "Waiting…" for those held up behind it. Every text is
 * rendered as a text node, never as HTML. It keeps itself scrolled to the
 * newest message unless the customer has scrolled up to read.
 *
 * Cheap per message: a stored event's row is rendered once (Row skips
 * re-rendering unchanged rows), and the scroll to the bottom waits for the
 * next animation frame, once per frame, so a new message costs one layout
 * (the frame's own) rather than one forced in the middle of each update.
 */
import { Component, type ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { type CustomerLineCatalog, isWaitingLine, renderSystemLine } from '../../../src/protocol/systemLines.js';
import type { ChatEventView } from '../../../src/protocol/views.js';
import { MessageText } from '../../shared/MessageText.js';
import { LazyFile } from './lazyFiles.js';
import { formatTime } from '../format.js';
import { intlLocale, language } from '../i18n/index.js';
import { type Words, words } from '../i18n/messages.js';
import { pendingLabel } from '../../shared/outbox.js';
import type { PendingMessage } from '../socket.js';

interface TranscriptProps {
  events: readonly ChatEventView[];
  /** Authorises the chat's files. */
  token: string;
  pending: readonly PendingMessage[];
  /** Whether failed messages may be retried (not once the chat is over). */
  canRetry: boolean;
  onRetry: (clientMsgId: string) => void;
  onRemove: (clientMsgId: string) => void;
  /** The queue the chat is in now (its name in the customer's language), for "… transferred you to Billing". */
  queue?: { slug: string; name: string };
}

/** Within this many pixels of the bottom counts as "following the conversation". */
const STICKY_PX = 80;

type ChatWords = ReturnType<Words['chat']['get']>;

export function Transcript({ events, token, pending, canRetry, onRetry, onRemove, queue }: TranscriptProps) {
  const t = words.chat.get();
  const lines = words.system.get();
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  /** scrollTop at the last scroll event or scroll to the bottom: only a scroll up is the reader's (follow.ts). */
  const lastTop = useRef(0);
  const frame = useRef(0);

  // Reading scrollHeight right after the DOM changed would force a layout in the middle of the
  // update; in the next frame's callback it is the layout that frame needs anyway.
  const toBottom = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = ref.current;
      if (el && following.current) {
        el.scrollTop = el.scrollHeight;
        // The rows that came into view take their real height only now (content-visibility): again next
        // frame, until the scroll moves no more.
        if (lastTop.current !== (lastTop.current = el.scrollTop)) toBottom();
      }
    });
  };

  useLayoutEffect(toBottom, [events.length, pending.length, pending[0]?.held]);

  // The box shrinks when the typing indicator or the counter appears: stay at the bottom.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(toBottom);
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  const onScroll = () => {
    const el = ref.current;
    if (el) {
      const top = el.scrollTop;
      // Only the reader scrolling up stops the following: the event of our own scroll to the bottom may
      // come after more rows went in, or grew (content-visibility). The rule of follow.ts, inlined (bundle budget).
      following.current = el.scrollHeight - top - el.clientHeight < STICKY_PX || (following.current && top >= lastTop.current - 1);
      lastTop.current = top;
    }
  };

  return (
    // Focusable so a keyboard can scroll back through a long conversation (WCAG 2.1.1).
    <div class="transcript" ref={ref} onScroll={onScroll} role="log" aria-live="polite" aria-label={t.conversation} tabIndex={0}>
      {events.map((event, i) => {
        // The footer under an ended thread already says "This chat has ended." /
        // "You ended the chat."; saying it twice reads as noise.
        if (event.kind === 'system' && (event.system === 'ended' || event.system === 'customer_left')) return null;
        // The line the log starts with ("You are waiting…") was the waiting screen's to say, not the thread's.
        if (isWaitingLine(event)) return null;
        const previous = events[i - 1];
        // Name once per run of messages from the same person, like most messengers.
        const showName = event.author !== 'customer' && (previous?.author !== event.author || previous.kind !== 'message');
        return <Row key={event.seq} event={event} showName={showName} t={t} lines={lines} token={token} queue={queue} />;
      })}
      {pending.map((p, i) => {
        const label = pendingLabel(pending, i);
        return (
          <Message key={p.clientMsgId} mine name={t.you} showName={false} body={p.body} pending held={label === 'held'} t={t}>
            {label === 'held' ? (
              <span class="msg-failed" role="alert">
                {t.notSent({ reason: p.held ?? '' })}
                {canRetry && (
                  <>
                    {' '}
                    <button type="button" class="link" onClick={() => onRetry(p.clientMsgId)}>
                      {t.retry}
                    </button>
                  </>
                )}{' '}
                <button type="button" class="link" onClick={() => onRemove(p.clientMsgId)}>
                  {t.remove}
                </button>
              </span>
            ) : label === 'blocked' ? (
              <span class="msg-sending">{t.waitingAbove}</span>
            ) : (
              <span class="msg-sending">{t.sending}</span>
            )}
          </Message>
        );
      })}
    </div>
  );
}

interface RowProps {
  event: ChatEventView;
  showName: boolean;
  t: ChatWords;
  lines: CustomerLineCatalog;
  token: string;
  queue?: { slug: string; name: string } | undefined;
}

/** A stored event never changes: its row renders again only if whether it shows the name does. */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return next.event !== this.props.event || next.showName !== this.props.showName || next.t !== this.props.t || next.lines !== this.props.lines || next.queue?.name !== this.props.queue?.name;
  }

  override render({ event, showName, t, lines, token, queue }: RowProps) {
    if (event.kind === 'system') {
      const text = renderSystemLine(event, { reader: 'customer', locale: language, catalog: lines, ...(queue && { queue }) });
      return <p class={event.system === 'inactivity_warning' ? 'system-line system-line--warning' : 'system-line'}>{text}</p>;
    }
    return (
      <Message mine={event.author === 'customer'} name={event.authorName} showName={showName} body={event.body} t={t} file={event.attachment ? <LazyFile file={event.attachment} token={token} /> : undefined}>
        <time dateTime={event.at}>{formatTime(event.at, intlLocale)}</time>
      </Message>
    );
  }
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
  t: ChatWords;
  /** A file: shown instead of the body (which holds its name). */
  file?: ComponentChildren;
}

function Message({ mine, name, showName, body, pending, held, children, t, file }: MessageProps) {
  return (
    <div class={`msg ${mine ? 'msg--mine' : 'msg--agent'}${pending ? ' msg--pending' : ''}${held ? ' msg--held' : ''}`}>
      {showName && <span class="msg-author">{name}</span>}
      <span class="visually-hidden">{mine ? t.youSaid : t.theySaid({ name })}</span>
      <div class={file ? 'msg-bubble msg-bubble--file' : 'msg-bubble'}>{file ?? <MessageText text={body} />}</div>
      <div class="msg-meta">{children}</div>
    </div>
  );
}
