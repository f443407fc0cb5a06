/**
 * One chat opened from the live view, read-only: its transcript as it
 * happens (the server sends the watched chat's events to this page), and a
 * whisper to its agent, which only the agent sees. A long chat opens on its
 * newest page; "Show earlier messages" loads the page before the oldest shown
 * (chat:history, the console's paging), keeping the reader's place.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TypingPayload } from '../../src/protocol/events.js';
import type { WatchedChat, WhisperView } from '../../src/protocol/supervisor.js';
import { WHISPER_MAX_LENGTH } from '../../src/protocol/supervisor.js';
import { type ChatNoteView, NOTE_MAX_LENGTH } from '../../src/protocol/staffNotes.js';
import type { ChatEventView, ChatStatus } from '../../src/protocol/views.js';
import { systemText } from '../agent/format.js';
import { MessageText } from '../shared/MessageText.js';
import { attachmentUrl } from '../../src/protocol/attachments.js';
import { type LiveSocket, request } from './liveSocket.js';
import { LIVE_WORDS as W } from './liveWords.js';
import { StaffLineForm } from './StaffLineForm.js';

export interface LiveChatProps {
  socket: LiveSocket;
  online: boolean;
  chatId: string;
  onBack: () => void;
}

type Row = { kind: 'event'; event: ChatEventView } | { kind: 'whisper'; whisper: WhisperView | ChatNoteView };

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Events by seq and whispers after the event that was newest when each was written. */
function rowsOf(events: ChatEventView[], whispers: Array<WhisperView | ChatNoteView>): Row[] {
  const rows: Row[] = [];
  const pending = [...whispers].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const event of events) {
    while (pending.length && pending[0]!.afterSeq < event.seq) rows.push({ kind: 'whisper', whisper: pending.shift()! });
    rows.push({ kind: 'event', event });
  }
  for (const whisper of pending) rows.push({ kind: 'whisper', whisper });
  return rows;
}

function addEvent(events: ChatEventView[], event: ChatEventView): ChatEventView[] {
  if (events.some((e) => e.seq === event.seq)) return events;
  return [...events, event].sort((a, b) => a.seq - b.seq);
}


export function LiveChat({ socket, online, chatId, onBack }: LiveChatProps) {
  const [watched, setWatched] = useState<WatchedChat | null>(null);
  const [events, setEvents] = useState<ChatEventView[]>([]);
  const [whispers, setWhispers] = useState<WhisperView[]>([]);
  const [notes, setNotes] = useState<ChatNoteView[]>([]);
  const [status, setStatus] = useState<ChatStatus | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  /** While older lines are put on top: the distance from the bottom to keep, so the reader's place does not move. */
  const keepFromBottom = useRef<number | null>(null);
  const eventsRef = useRef<ChatEventView[]>([]);
  eventsRef.current = events;

  useEffect(() => {
    const mine = (id: string) => id === chatId;
    const onEvent = (event: ChatEventView) => mine(event.chatId) && setEvents((list) => addEvent(list, event));
    const onState = (state: { chatId: string; status: ChatStatus }) => mine(state.chatId) && setStatus(state.status);
    const onTyping = (t: TypingPayload) => mine(t.chatId) && setTyping(t.typing ? t.name : null);
    const onWhisper = (w: WhisperView) => mine(w.chatId) && setWhispers((list) => (list.some((x) => x.id === w.id) ? list : [...list, w]));
    const onNote = (n: ChatNoteView) => mine(n.chatId) && setNotes((list) => (list.some((x) => x.id === n.id) ? list : [...list, n]));
    const watch = async () => {
      const result = await request<WatchedChat>(socket, 'chat:watch', { chatId });
      if (!result.ok) return setError(result.error.id === 'not_found' ? W.chatLoadFailed : result.error.message);
      setError(null);
      setWatched(result);
      setStatus(result.chat.status);
      // A re-watch (reconnect) brings the newest page again: what is held stays when the page joins
      // on to it; after a gap (much said while away) the page replaces it, and its "earlier" with it.
      const held = eventsRef.current;
      const joins = held.length > 0 && (result.events[0]?.seq ?? Infinity) <= held[held.length - 1]!.seq + 1;
      setEvents(joins ? result.events.reduce(addEvent, held) : result.events);
      if (!joins) setHasOlder(result.hasOlder);
      setWhispers((list) => [...list, ...result.whispers.filter((w) => !list.some((x) => x.id === w.id))]);
      setNotes((list) => [...list, ...result.notes.filter((n) => !list.some((x) => x.id === n.id))]);
    };
    socket.on('chat:note', onNote);
    socket.on('chat:event', onEvent);
    socket.on('chat:state', onState);
    socket.on('typing', onTyping);
    socket.on('chat:whisper', onWhisper);
    // Every (re)connect watches again: the room is the connection's.
    socket.on('connect', watch);
    if (socket.connected) void watch();
    return () => {
      socket.off('chat:event', onEvent);
      socket.off('chat:state', onState);
      socket.off('typing', onTyping);
      socket.off('chat:whisper', onWhisper);
      socket.off('chat:note', onNote);
      socket.off('connect', watch);
      void request(socket, 'chat:unwatch', { chatId });
    };
  }, [socket, chatId]);

  // Focus the heading when the chat opens, so a keyboard or screen reader user lands in it.
  useEffect(() => heading.current?.focus(), [watched !== null]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepFromBottom.current !== null) el.scrollTop = el.scrollHeight - keepFromBottom.current;
    else el.scrollTop = el.scrollHeight;
    keepFromBottom.current = null;
  }, [events.length, whispers.length, notes.length]);

  async function showEarlier() {
    const first = events[0];
    if (!first || loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(null);
    const result = await request<{ events: ChatEventView[]; hasOlder: boolean }>(socket, 'chat:history', { chatId, beforeSeq: first.seq });
    setLoadingOlder(false);
    if (!result.ok) return setOlderError(result.error.message || W.earlierFailed);
    const el = scroller.current;
    if (el) keepFromBottom.current = el.scrollHeight - el.scrollTop;
    setEvents((list) => result.events.reduce(addEvent, list));
    setHasOlder(result.hasOlder);
    // The button goes with the last page: the keyboard focus moves to the transcript, not to the page's top.
    if (!result.hasOlder) log.current?.focus();
  }

  const chat = watched?.chat;
  const ended = status === 'ended';
  return (
    <div class="page page-wide live-page">
      <p>
        <a
          class="rc-link"
          href="#/live"
          onClick={(event) => {
            event.preventDefault();
            onBack();
          }}
        >
          ← {W.back}
        </a>
      </p>
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!chat && !error && <p class="rc-muted">{W.connecting}</p>}
      {chat && (
        <div class="live-chat">
          <section class="rc-card live-chat-main" aria-labelledby="live-chat-title">
            <header class="live-chat-head">
              <h1 id="live-chat-title" class="page-title" tabIndex={-1} ref={heading}>
                {W.chatWith(chat.customerName)}
              </h1>
              <p class="rc-muted">{W.chatMeta(chat.queueName, chat.agentName)}</p>
              <p class="rc-hint">{W.readOnly}</p>
            </header>
            <div class="live-transcript" ref={scroller}>
              {hasOlder && (
                <div class="live-earlier">
                  <button
                    type="button"
                    class="rc-btn rc-btn-secondary rc-btn-sm"
                    // Not disabled while loading: a disabled button would drop the keyboard focus.
                    aria-busy={loadingOlder ? 'true' : undefined}
                    disabled={!online}
                    onClick={() => void showEarlier()}
                  >
                    {loadingOlder ? W.loadingEarlier : W.showEarlier}
                  </button>
                </div>
              )}
              {olderError && (
                <p class="rc-alert rc-alert-error" role="alert">
                  {olderError}
                </p>
              )}
              <div role="log" aria-label={W.transcript} aria-live="polite" tabIndex={0} ref={log}>
                {events.length === 0 && <p class="rc-muted">{W.noMessages}</p>}
                <ol class="live-lines">
                  {rowsOf(events, [...whispers, ...notes]).map((row) =>
                    row.kind === 'event' ? (
                      <EventLine key={row.event.seq} event={row.event} customerName={chat.customerName} />
                    ) : 'authorRole' in row.whisper ? (
                      <NoteLine key={row.whisper.id} note={row.whisper} />
                    ) : (
                      <WhisperLine key={row.whisper.id} whisper={row.whisper} />
                    ),
                  )}
                </ol>
              </div>
            </div>
            <p class="live-typing" aria-live="polite">
              {typing && !ended ? W.typing(typing) : ''}
            </p>
            {ended && (
              <p class="rc-alert rc-alert-info" role="status">
                {W.chatEnded}
              </p>
            )}
          </section>
          <div class="live-side">
          {!ended && (
            <aside class="rc-card live-whisper" aria-labelledby="live-whisper-title">
              {chat.agentName && status === 'active' ? (
                <WhisperForm socket={socket} online={online} chatId={chatId} agentName={chat.agentName} />
              ) : (
                <>
                  <h2 id="live-whisper-title" class="live-heading">
                    {W.whisperTitle(W.agentSide)}
                  </h2>
                  <p class="rc-muted">{W.whisperNotAnswered}</p>
                </>
              )}
            </aside>
          )}
            <aside class="rc-card live-whisper live-note" aria-labelledby="live-note-title">
              <NoteForm socket={socket} online={online} chatId={chatId} onAdded={(n) => setNotes((list) => (list.some((x) => x.id === n.id) ? list : [...list, n]))} />
            </aside>
          </div>
        </div>
      )}
    </div>
  );
}

function EventLine({ event, customerName }: { event: ChatEventView; customerName: string }) {
  if (event.kind === 'system') {
    return (
      <li class="live-line live-line-system">
        <span>{systemText(event, customerName)}</span> <time dateTime={event.at}>{time(event.at)}</time>
      </li>
    );
  }
  return (
    <li class={`live-line live-line-${event.author}`}>
      <span class="live-line-meta">
        <span class="live-line-author">{event.authorName}</span>
        <span class="rc-sr-only">({event.author === 'agent' ? W.agentSide : W.customerSide})</span> <time dateTime={event.at}>{time(event.at)}</time>
      </span>
      <span class="live-line-body">
        {event.attachment ? (
          // A file: a link that opens it (sandboxed by the server) rather than its name as text.
          <a href={attachmentUrl(event.attachment.id)} target="_blank" rel="noopener noreferrer">
            {event.attachment.name}
          </a>
        ) : (
          <MessageText text={event.body} />
        )}
      </span>
    </li>
  );
}

function WhisperLine({ whisper }: { whisper: WhisperView }) {
  return (
    <li class="live-line live-line-whisper">
      <span class="live-line-meta">
        <span class="live-line-author">{W.whisperFrom(whisper.authorName)}</span> <span class="rc-badge rc-badge-warning">{W.whisperNote}</span>{' '}
        <time dateTime={whisper.at}>{time(whisper.at)}</time>
      </span>
      <span class="live-line-body">
        <MessageText text={whisper.body} />
      </span>
    </li>
  );
}

function WhisperForm({ socket, online, chatId, agentName }: { socket: LiveSocket; online: boolean; chatId: string; agentName: string }) {
  const words = {
    title: W.whisperTitle(agentName),
    label: W.whisperLabel(agentName),
    hint: W.whisperHint(agentName),
    send: W.whisperSend,
    sending: W.whisperSending,
    sent: W.whisperSent,
    failed: W.whisperFailed,
  };
  return (
    <StaffLineForm<{ whisper: WhisperView }>
      id="live-whisper"
      words={words}
      maxLength={WHISPER_MAX_LENGTH}
      rows={4}
      buttonClass="rc-btn rc-btn-primary"
      online={online}
      send={(clientMsgId, body) => request(socket, 'whisper:send', { chatId, clientMsgId, body })}
    />
  );
}

function NoteLine({ note }: { note: ChatNoteView }) {
  return (
    <li class="live-line live-line-note">
      <span class="live-line-meta">
        <span class="rc-badge live-note-badge">{W.noteBadge}</span> <span class="live-line-author">{W.noteFrom(note.authorName)}</span>{' '}
        <time dateTime={note.at}>{time(note.at)}</time>
      </span>
      <span class="live-line-body">
        <MessageText text={note.body} />
      </span>
    </li>
  );
}

/** A staff-only note on the watched chat, from the live view (kept with the chat: the agent sees it too). */
function NoteForm({ socket, online, chatId, onAdded }: { socket: LiveSocket; online: boolean; chatId: string; onAdded: (note: ChatNoteView) => void }) {
  const words = { title: W.noteTitle, label: W.noteLabel, hint: W.noteHint, send: W.noteAdd, sending: W.noteAdding, sent: W.noteAdded, failed: W.noteFailed };
  return (
    <StaffLineForm<{ note: ChatNoteView }>
      id="live-note"
      words={words}
      maxLength={NOTE_MAX_LENGTH}
      rows={3}
      buttonClass="rc-btn rc-btn-secondary"
      online={online}
      send={(clientMsgId, body) => request(socket, 'note:add', { chatId, clientMsgId, body })}
      onSent={(result) => onAdded(result.note)}
    />
  );
}
