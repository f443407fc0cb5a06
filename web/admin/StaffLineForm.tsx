/**
 * The live view's forms that add a staff-only line to a watched chat — a whisper to its agent, an
 * internal note — are one form: a text, sent once per text (a retry keeps its clientMsgId, so the
 * server stores it once), with the server's refusal at the field and a quiet "sent" after.
 */
import { useRef, useState } from 'preact/hooks';
import type { Result } from '../../src/protocol/errors.js';
import { newClientMsgId } from '../shared/ids.js';

export interface StaffLineWords {
  title: string;
  label: string;
  hint: string;
  send: string;
  sending: string;
  sent: string;
  failed: string;
}

interface Props<T extends object> {
  /** Prefix of the form's element ids (e.g. "live-note"). */
  id: string;
  words: StaffLineWords;
  maxLength: number;
  rows: number;
  buttonClass: string;
  online: boolean;
  send: (clientMsgId: string, body: string) => Promise<Result<T>>;
  onSent?: (result: T) => void;
}

export function StaffLineForm<T extends object>({ id, words, maxLength, rows, buttonClass, online, send, onSent }: Props<T>) {
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ clientMsgId: string; body: string } | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (sending) return;
    // A retry of the same text keeps its id: the server stores it once.
    if (!attempt.current || attempt.current.body !== body) attempt.current = { clientMsgId: newClientMsgId(), body };
    setSending(true);
    setDone(null);
    setError(null);
    const result = await send(attempt.current.clientMsgId, body);
    setSending(false);
    if (result.ok) {
      attempt.current = null;
      setBody('');
      setDone(words.sent);
      onSent?.(result);
    } else setError(result.error.fields?.body ?? result.error.message ?? words.failed);
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2 id={`${id}-title`} class="live-heading">
        {words.title}
      </h2>
      <div class="rc-field">
        <label class="rc-label" for={`${id}-body`}>
          {words.label}
        </label>
        <textarea
          id={`${id}-body`}
          class="rc-textarea"
          rows={rows}
          maxLength={maxLength}
          value={body}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onInput={(e) => {
            setBody(e.currentTarget.value);
            setError(null);
            setDone(null);
          }}
        />
        <p class="rc-hint" id={`${id}-hint`}>
          {words.hint}
        </p>
        {error && (
          <p class="rc-field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
      <div class="live-whisper-actions">
        <button type="submit" class={buttonClass} disabled={sending || !online}>
          {sending ? words.sending : words.send}
        </button>
        <span role="status" class="save-ok-text">
          {done}
        </span>
      </div>
    </form>
  );
}
