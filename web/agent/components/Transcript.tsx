/**
 * The chat's messages in seq order, then the agent's unconfirmed ones; sticks to the bottom.
 * When older messages exist, "Show earlier messages" at the top loads the page before the oldest
 * shown and keeps what the agent was reading where it was.
 */
import { memo } from 'preact/compat';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatNoteView } from '../../../src/protocol/staffNotes.js';
import type { WhisperView } from '../../../src/protocol/supervisor.js';
import { NOTE_WORDS } from '../noteWords.js';
import type { ChatEventView } from '../../../src/protocol/views.js';
import { followsAfterScroll } from '../../shared/follow.js';
import { MessageText } from '../../shared/MessageText.js';
import { FileView } from './FileView.js';
import { clockTime, systemText } from '../format.js';
import type { ChatEntry } from '../state.js';
import { WHISPER_WORDS } from '../whisperWords.js';
import { THREAD_WORDS } from '../threadWords.js';

export interface TranscriptProps {
  chat: ChatEntry;
  /** Supervisors' whispers, each shown after the event that was the chat's newest when it was written. */
  whispers?: readonly WhisperView[] | undefined;
  /** Staff-only notes, placed like whispers. */
  notes?: readonly ChatNoteView[] | undefined;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  /** Loads the page before the oldest event shown (only offered while the chat has older events). */
  onShowEarlier?: () => Promise<void>;
}

/** How close to the bottom (px) still counts as "reading the latest". */
const STICKY_PX = 80;

/** Memoised: an event never changes, so a new event renders one row, not the whole thread. */
const EventRow = memo(function EventRow({ event, customerName }: { event: ChatEventView; customerName: string }) {
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
      {event.attachment ? (
        <div class="msg-file">
          <FileView file={event.attachment} />
        </div>
      ) : (
        <div class="msg-bubble">
          <MessageText text={event.body} />
        </div>
      )}
    </li>
  );
});

/** A supervisor's note: styled apart from both sides' messages, and saying the customer does not see it. */
const WhisperRow = memo(function WhisperRow({ whisper }: { whisper: WhisperView }) {
  return (
    <li class="msg msg-whisper">
      <div class="msg-meta">
        <span class="msg-author">{WHISPER_WORDS.from(whisper.authorName)}</span>
        <time dateTime={whisper.at}>{clockTime(whisper.at)}</time>
      </div>
      <div class="msg-bubble">
        <MessageText text={whisper.body} />
      </div>
      <div class="msg-status">{WHISPER_WORDS.onlyYou}</div>
    </li>
  );
});

/** An internal note: yellow, with its author, and saying the customer does not see it. */
const NoteRow = memo(function NoteRow({ note }: { note: ChatNoteView }) {
  return (
    <li class="msg msg-note">
      <div class="msg-meta">
        <span class="rc-badge msg-note-badge">{NOTE_WORDS.badge}</span>
        <span class="msg-author">{NOTE_WORDS.from(note.authorName, note.authorRole)}</span>
        <time dateTime={note.at}>{clockTime(note.at)}</time>
      </div>
      <div class="msg-bubble">
        <MessageText text={note.body} />
      </div>
      <div class="msg-status">{NOTE_WORDS.staffOnly}</div>
    </li>
  );
});

type Aside = WhisperView | ChatNoteView;
const asideRow = (aside: Aside) => ('authorRole' in aside ? <NoteRow key={aside.id} note={aside} /> : <WhisperRow key={aside.id} whisper={aside} />);

/** Whispers and notes grouped by the last event shown before each (older than the first shown: before it, keyed 0). */
function whispersByEvent(events: readonly ChatEventView[], whispers: readonly Aside[] | undefined): Map<number, Aside[]> {
  const groups = new Map<number, Aside[]>();
  if (!whispers?.length) return groups;
  for (const whisper of whispers) {
    // The last event shown with seq <= afterSeq (events are ascending).
    let at = 0;
    for (let i = events.length - 1; i >= 0; i--) {
      if (events[i]!.seq <= whisper.afterSeq) {
        at = events[i]!.seq;
        break;
      }
    }
    groups.set(at, [...(groups.get(at) ?? []), whisper]);
  }
  return groups;
}

/** Where the reader was before older events went in above: the oldest seq shown and the distance to the bottom. */
interface ScrollAnchor {
  chatId: string;
  firstSeq: number;
  fromBottom: number;
}

export function Transcript({ chat, whispers, notes: staffNotes, onRetry, onDiscard, onShowEarlier }: TranscriptProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  /** scrollTop at the last scroll event or scroll to the bottom: only a scroll up is the reader's (follow.ts). */
  const lastTop = useRef(0);
  const anchor = useRef<ScrollAnchor | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const firstSeq = chat.events[0]?.seq ?? 0;

  useLayoutEffect(() => {
    stick.current = true;
    anchor.current = null;
  }, [chat.chatId]);

  // To the bottom in the next frame's callback, once per frame: reading scrollHeight right after
  // the DOM changed would force a layout in the middle of the update, on top of the frame's own.
  const frame = useRef(0);
  useLayoutEffect(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scroller.current;
      if (el && stick.current) {
        el.scrollTop = el.scrollHeight;
        lastTop.current = el.scrollTop;
      }
    });
  }, [chat.chatId, chat.events.length, chat.pending.length, chat.typingName, whispers?.length, staffNotes?.length]);
  useLayoutEffect(() => () => cancelAnimationFrame(frame.current), []);

  // After the stick-to-bottom effect: older events went in above, so the same distance from the bottom
  // shows what the agent was reading. Focus stays on the button, or goes to the thread once it is gone.
  useLayoutEffect(() => {
    const el = scroller.current;
    const at = anchor.current;
    if (!el || !at || at.chatId !== chat.chatId || firstSeq >= at.firstSeq) return;
    anchor.current = null;
    // The reader's place wins over a pending stick to the bottom.
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    el.scrollTop = el.scrollHeight - at.fromBottom;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
    lastTop.current = el.scrollTop;
    if (!chat.hasOlder && document.activeElement === document.body) list.current?.focus();
  }, [chat.chatId, firstSeq, chat.hasOlder]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    stick.current = followsAfterScroll(stick.current, lastTop.current, el, STICKY_PX);
    lastTop.current = el.scrollTop;
  }

  async function showEarlier() {
    const el = scroller.current;
    if (!onShowEarlier || loadingOlder || !el) return;
    anchor.current = { chatId: chat.chatId, firstSeq, fromBottom: el.scrollHeight - el.scrollTop };
    setLoadingOlder(true);
    try {
      await onShowEarlier();
    } finally {
      setLoadingOlder(false);
    }
  }

  return (
    <div class="transcript" ref={scroller} onScroll={onScroll}>
      {onShowEarlier && chat.hasOlder && (
        <div class="transcript-earlier">
          <button
            type="button"
            class="rc-btn rc-btn-secondary rc-btn-sm"
            // Not disabled while loading: a disabled button would drop the keyboard focus.
            aria-busy={loadingOlder ? 'true' : undefined}
            onClick={() => void showEarlier()}
          >
            {loadingOlder ? THREAD_WORDS.loadingEarlier : THREAD_WORDS.showEarlier}
          </button>
        </div>
      )}
      {/* The log role on a wrapper: on the <ol> itself it would hide the list from assistive technology. A tab stop:
          a long transcript scrolls, and a keyboard user must be able to reach it to scroll it (axe scrollable-region-focusable). */}
      <div role="log" aria-label={THREAD_WORDS.label} aria-live="polite" tabIndex={0} ref={list}>
      <ol class="transcript-list">
        {(() => {
          const asides: Aside[] = [...(whispers ?? []), ...(staffNotes ?? [])].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
          const notes = whispersByEvent(chat.events, asides);
          return [
            ...(notes.get(0) ?? []).map(asideRow),
            ...chat.events.flatMap((event) => [
              <EventRow key={event.seq} event={event} customerName={chat.customerName} />,
              ...(notes.get(event.seq) ?? []).map(asideRow),
            ]),
          ];
        })()}
        {chat.pending.map((pending) => (
          <li key={pending.clientMsgId} class={`msg msg-agent msg-pending${pending.status === 'failed' ? ' is-failed' : ''}`}>
            <div class="msg-bubble">{pending.body}</div>
            {pending.status === 'sending' ? (
              <div class="msg-status">{THREAD_WORDS.sending}</div>
            ) : pending.status === 'waiting' ? (
              <div class="msg-status">{THREAD_WORDS.waiting}</div>
            ) : (
              <div class="msg-status msg-status-error" role="alert">
                <span>{THREAD_WORDS.notSent(pending.error)}</span>
                <button type="button" class="link-button" onClick={() => onRetry(pending.clientMsgId)}>
                  {THREAD_WORDS.retry}
                </button>
                <button type="button" class="link-button" onClick={() => onDiscard(pending.clientMsgId)}>
                  {THREAD_WORDS.discard}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      </div>
    </div>
  );
}
