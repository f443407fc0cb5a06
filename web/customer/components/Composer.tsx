/**
 * Where the customer writes. Enter sends, Shift+Enter adds a line; the box
 * grows with the text; a counter appears near the 4000-character limit.
 * Typing is reported through onTyping (the connection throttles it).
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { words } from '../i18n/messages.js';

export const MESSAGE_MAX = 4000;
/** Show the counter from here on, so it does not distract in normal use. */
const COUNTER_FROM = 3500;
const MAX_HEIGHT_PX = 160;
/** The browser grows the box with its text by itself (styles.css: field-sizing). */
const CSS_SIZED = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

interface ComposerProps {
  onSend: (body: string) => void;
  onTyping: () => void;
  /** Files may be sent: the picker's button, and what to do with the chosen file. */
  attach?: { hint: string; onFile: (file: File) => void } | undefined;
}

/** What the picker offers; the server checks the content whatever is chosen. */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';

export function Composer({ onSend, onTyping, attach }: ComposerProps) {
  const t = words.chat.get();
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  // Grow with the content up to a limit, then scroll inside. Where CSS sizes the box (field-sizing)
  // nothing is measured; elsewhere an empty box just drops its height, and only text is measured
  // (reading scrollHeight forces a layout of the page).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || CSS_SIZED) return;
    el.style.height = 'auto';
    if (text) el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  function send() {
    const body = text.trim();
    if (!body || body.length > MESSAGE_MAX) return;
    onSend(body);
    setText('');
    ref.current?.focus();
  }

  function onKeyDown(e: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  }

  const remaining = MESSAGE_MAX - text.length;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {attach && (
        <>
          {/* A real button opens the hidden picker: reachable by Tab, named, with its limit as its description. */}
          <button type="button" class="btn btn-attach" aria-label={words.files.get().attach} aria-describedby="attach-hint" title={attach.hint} onClick={() => picker.current?.click()}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5 12.5 20a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5" />
            </svg>
          </button>
          <span id="attach-hint" class="visually-hidden">
            {attach.hint}
          </span>
          <input
            ref={picker}
            type="file"
            accept={ACCEPT}
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) attach.onFile(file);
            }}
          />
        </>
      )}
      <label for="composer-input" class="visually-hidden">
        {t.composerLabel}
      </label>
      <textarea
        id="composer-input"
        ref={ref}
        rows={1}
        value={text}
        maxLength={MESSAGE_MAX}
        placeholder={t.composerPlaceholder}
        aria-describedby={text.length >= COUNTER_FROM ? 'composer-counter' : undefined}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onTyping();
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="btn btn-primary btn-send" disabled={!text.trim()}>
        {t.send}
      </button>
      {text.length >= COUNTER_FROM && (
        <p id="composer-counter" class={remaining <= 0 ? 'counter counter--full' : 'counter'} aria-live="polite">
          {text.length} / {MESSAGE_MAX}
        </p>
      )}
    </form>
  );
}
