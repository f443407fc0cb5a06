/**
 * The agent's message box. Enter sends, Shift+Enter breaks the line. Typing
 * is announced at most every 2 s while keys are pressed and withdrawn after
 * 3 s of quiet or on send.
 *
 * Two modes: a reply to the customer, or an internal note (staff only: it goes
 * out as note:add, never as a message, and announces no typing). In reply mode
 * "/" at the start opens the canned replies (a combobox over a listbox: arrows
 * choose, Enter or Tab insert, Escape closes); the reply's text, placeholders
 * filled, replaces the "/word" for the agent to edit before sending.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MESSAGE_MAX_CHARS } from '../../../src/protocol/limits.js';
import type { CannedReplyView } from '../../../src/protocol/staffNotes.js';
import { NOTE_MAX_LENGTH } from '../../../src/protocol/staffNotes.js';
import { fillPlaceholders, matchingReplies, typedShortcut } from '../cannedReplies.js';
import { CANNED_WORDS } from '../cannedWords.js';
import { loadDraft, saveDraft } from '../drafts.js';
import { NOTE_WORDS } from '../noteWords.js';
import { COMPOSER_WORDS } from '../composerWords.js';

const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

export interface ComposerProps {
  chatId: string;
  disabled: boolean;
  onSend: (body: string) => void;
  onTyping: (typing: boolean) => void;
  /** Canned replies the agent may use (filtered here by the chat's queue). */
  replies?: readonly CannedReplyView[];
  queueName?: string;
  customerName?: string;
  agentName?: string;
  /** Adds an internal note; resolves with an error to show, or null when stored. Absent: no note mode. */
  onNote?: (body: string) => Promise<string | null>;
  /** Beside Send: the attach button (ChatPane sends the file). */
  attach?: ComponentChildren;
  /** Take focus when a chat opens (not on a phone, where it would bring up the on-screen keyboard over the chat). */
  focusOnOpen?: boolean;
}

export function Composer({ chatId, disabled, onSend, onTyping, replies = [], queueName = '', customerName = '', agentName = '', onNote, attach, focusOnOpen = true }: ComposerProps) {
  // Unsent text per chat survives switching chats and reloads (drafts.ts).
  const [text, setText] = useState(() => loadDraft(chatId));
  const textRef = useRef(text);
  textRef.current = text;
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef({ active: false, lastSentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const onTypingRef = useRef(onTyping);
  onTypingRef.current = onTyping;
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [noteText, setNoteText] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // The canned list: open while the text is "/word" (and not closed with Escape for this text).
  const [closedFor, setClosedFor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const typed = mode === 'reply' && !disabled ? typedShortcut(text) : null;
  const matches = typed === null ? [] : matchingReplies(replies, typed, queueName);
  const listOpen = typed !== null && closedFor !== text && replies.length > 0;
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));
  const listId = `canned-list-${chatId}`;
  const optionId = (i: number) => `canned-option-${chatId}-${i}`;

  function stopTyping() {
    const t = typing.current;
    clearTimeout(t.idle);
    if (t.active) onTypingRef.current(false);
    t.active = false;
    t.lastSentAt = 0;
  }

  // Another chat: its own draft, focus, and the old chat's typing flag withdrawn.
  useEffect(() => {
    setText(loadDraft(chatId));
    if (!disabled && focusOnOpen) input.current?.focus();
    return () => {
      stopTyping();
      saveDraft(chatId, textRef.current);
    };
  }, [chatId]);

  useEffect(() => {
    if (disabled) stopTyping();
  }, [disabled]);

  function noteTyping() {
    const t = typing.current;
    const now = Date.now();
    if (!t.active || now - t.lastSentAt >= TYPING_REPEAT_MS) {
      onTypingRef.current(true);
      t.active = true;
      t.lastSentAt = now;
    }
    clearTimeout(t.idle);
    t.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function send() {
    const body = text.trim();
    if (!body || disabled || body.length > MESSAGE_MAX_CHARS) return;
    stopTyping();
    onSend(body);
    setText('');
    textRef.current = '';
    saveDraft(chatId, '');
    input.current?.focus();
  }

  function insert(reply: CannedReplyView) {
    const filled = fillPlaceholders(reply.body, { customerName, agentName }).slice(0, MESSAGE_MAX_CHARS);
    setText(filled);
    textRef.current = filled;
    saveDraft(chatId, filled);
    noteTyping();
    const box = input.current;
    if (box) {
      box.value = filled;
      box.focus();
      box.setSelectionRange(filled.length, filled.length);
    }
  }

  async function addNote() {
    const body = noteText.trim();
    if (!body || !onNote || adding) return;
    setAdding(true);
    setNoteError(null);
    const error = await onNote(body);
    setAdding(false);
    if (error) return setNoteError(error);
    setNoteText('');
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (listOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (!matches.length) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + matches.length) % matches.length);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setClosedFor(text);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.isComposing && matches[activeIndex]) {
        event.preventDefault();
        insert(matches[activeIndex]);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (mode === 'note') void addNote();
      else send();
    }
  }

  const noting = mode === 'note' && !disabled;

  return (
    <form
      class={`composer${disabled ? ' is-disabled' : ''}${noting ? ' is-note' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (noting) void addNote();
        else send();
      }}
    >
      {onNote && !disabled && (
        <div class="composer-modes" role="group" aria-label={NOTE_WORDS.modesLabel}>
          {(['reply', 'note'] as const).map((m) => (
            <button
              key={m}
              type="button"
              class={`composer-mode${mode === m ? ' is-on' : ''}`}
              aria-pressed={mode === m}
              onClick={() => {
                if (m === 'note') stopTyping();
                setMode(m);
                setNoteError(null);
                input.current?.focus();
              }}
            >
              {m === 'reply' ? NOTE_WORDS.reply : NOTE_WORDS.note}
            </button>
          ))}
        </div>
      )}
      {listOpen && (
        <div class="canned-popup">
          <ul id={listId} class="canned-list" role="listbox" aria-label={CANNED_WORDS.listLabel}>
            {matches.map((reply, i) => (
              <li
                key={reply.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === activeIndex}
                class={`canned-option${i === activeIndex ? ' is-active' : ''}`}
                // mousedown, not click: the textarea keeps focus.
                onMouseDown={(event) => {
                  event.preventDefault();
                  insert(reply);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span class="canned-shortcut">/{reply.shortcut}</span>
                <span class="canned-body">{reply.body}</span>
              </li>
            ))}
          </ul>
          {!matches.length && <p class="canned-none">{CANNED_WORDS.none}</p>}
          <p class="rc-sr-only" role="status">
            {CANNED_WORDS.count(matches.length)}
          </p>
        </div>
      )}
      {noting ? (
        <textarea
          ref={input}
          class="composer-input"
          aria-label={NOTE_WORDS.noteLabel}
          aria-describedby={noteError ? `note-error-${chatId}` : undefined}
          placeholder={NOTE_WORDS.notePlaceholder}
          rows={2}
          maxLength={NOTE_MAX_LENGTH}
          value={noteText}
          onInput={(event) => {
            setNoteText(event.currentTarget.value);
            setNoteError(null);
          }}
          onKeyDown={onKeyDown}
        />
      ) : (
        <textarea
          ref={input}
          class="composer-input"
          aria-label={COMPOSER_WORDS.label}
          role={disabled ? undefined : 'combobox'}
          aria-autocomplete={disabled ? undefined : 'list'}
          aria-expanded={disabled ? undefined : listOpen}
          aria-controls={listOpen ? listId : undefined}
          aria-activedescendant={listOpen && matches.length ? optionId(activeIndex) : undefined}
          placeholder={disabled ? COMPOSER_WORDS.endedPlaceholder : COMPOSER_WORDS.placeholder}
          rows={2}
          maxLength={MESSAGE_MAX_CHARS}
          value={text}
          disabled={disabled}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setActive(0);
            // Escape closes the list for this text only: typing on opens it again.
            setClosedFor(null);
            saveDraft(chatId, event.currentTarget.value);
            if (event.currentTarget.value.trim()) noteTyping();
            else stopTyping();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setClosedFor(text)}
          onFocus={() => setClosedFor(null)}
        />
      )}
      {noteError && (
        <p class="composer-error" id={`note-error-${chatId}`} role="alert">
          {noteError}
        </p>
      )}
      <div class="composer-bar">
        <span class="composer-hint">
          {disabled
            ? ''
            : noting
              ? NOTE_WORDS.noteHint
              : text.length > MESSAGE_MAX_CHARS - 200
                ? COMPOSER_WORDS.count(text.length, MESSAGE_MAX_CHARS)
                : replies.length
                  ? CANNED_WORDS.hint
                  : COMPOSER_WORDS.hint}
        </span>
        {noting ? (
          <button type="submit" class="rc-btn rc-btn-note rc-btn-sm" disabled={adding || !noteText.trim()}>
            {adding ? NOTE_WORDS.adding : NOTE_WORDS.add}
          </button>
        ) : (
          <>
            {attach}
            <button type="submit" class="rc-btn rc-btn-primary rc-btn-sm" disabled={disabled || !text.trim()}>
              {COMPOSER_WORDS.send}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
