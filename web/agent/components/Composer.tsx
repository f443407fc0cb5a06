/**
 * The agent's message box. Enter sends, Shift+Enter breaks the line. Typing
 * is announced at most every 2 s while keys are pressed and withdrawn after
 * 3 s of quiet or on send.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MESSAGE_MAX_CHARS } from '../../../src/protocol/limits.js';
import { loadDraft, saveDraft } from '../drafts.js';

const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

export interface ComposerProps {
  chatId: string;
  disabled: boolean;
  onSend: (body: string) => void;
  onTyping: (typing: boolean) => void;
  /** Beside Send: the attach button (ChatPane sends the file). */
  attach?: ComponentChildren;
}

export function Composer({ chatId, disabled, onSend, onTyping, attach }: ComposerProps) {
  // Unsent text per chat survives switching chats and reloads (drafts.ts).
  const [text, setText] = useState(() => loadDraft(chatId));
  const textRef = useRef(text);
  textRef.current = text;
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef({ active: false, lastSentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const onTypingRef = useRef(onTyping);
  onTypingRef.current = onTyping;

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
    if (!disabled) input.current?.focus();
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

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <form
      class={disabled ? 'composer is-disabled' : 'composer'}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={input}
        class="composer-input"
        aria-label="Message"
        placeholder={disabled ? 'This chat has ended' : 'Type a message…'}
        rows={2}
        maxLength={MESSAGE_MAX_CHARS}
        value={text}
        disabled={disabled}
        onInput={(event) => {
          setText(event.currentTarget.value);
          saveDraft(chatId, event.currentTarget.value);
          if (event.currentTarget.value.trim()) noteTyping();
          else stopTyping();
        }}
        onKeyDown={onKeyDown}
      />
      <div class="composer-bar">
        <span class="composer-hint">
          {disabled ? '' : text.length > MESSAGE_MAX_CHARS - 200 ? `${text.length} / ${MESSAGE_MAX_CHARS}` : 'Enter to send · Shift+Enter for a new line'}
        </span>
        {attach}
        <button type="submit" class="rc-btn rc-btn-primary rc-btn-sm" disabled={disabled || !text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
