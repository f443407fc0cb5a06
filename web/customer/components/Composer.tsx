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
}

export function Composer({ onSend, onTyping }: ComposerProps) {
  const t = words.chat.get();
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);

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
