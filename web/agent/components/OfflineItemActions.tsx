/**
 * What an agent can do with a left message (reply by email) or a callback request (record its outcome:
 * reached, no answer — with a time to try again, which keeps it open — or rescheduled). A reply reads
 * "queued" until its mail is sent (OfflineItemView.replyMail).
 */
import { useState } from 'preact/hooks';
import type { OfflineItemView } from '../../../src/protocol/views.js';
import { ApiError, fetchJson } from '../../shared/http.js';
import { OFFLINE_WORDS as W } from '../offlineWords.js';

/** What was done, in words: a reply by its mail's state, a callback by its outcome (and the time to try again). */
function outcomeText(item: OfflineItemView): string {
  const by = item.handledBy ? W.by(item.handledBy) : '';
  if (item.outcome === 'replied') return `${W.reply[item.replyMail ?? 'sent']}${by}`;
  if (!item.outcome) return '';
  const retry = item.outcome === 'no_answer' && item.status === 'open' && item.preferredTime ? W.tryAgain(item.preferredTime) : '';
  return `${W.outcome[item.outcome]}${by}${retry}`;
}

export interface OfflineItemActionsProps {
  item: OfflineItemView;
  onDone: () => void;
}

/** The open form: an email reply, a rescheduled callback, or a callback nobody answered. */
type OpenForm = 'reply' | 'reschedule' | 'no_answer';

export function OfflineItemActions({ item, onDone }: OfflineItemActionsProps) {
  const [form, setForm] = useState<OpenForm | null>(null);
  const [text, setText] = useState('');
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function post(path: string, body: unknown) {
    setBusy(true);
    setError(null);
    try {
      await fetchJson(`/api/agent/offline-items/${item.id}/${path}`, { method: 'POST', body });
      setForm(null);
      setTime('');
      setText('');
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : W.couldNotSave);
    } finally {
      setBusy(false);
    }
  }

  function submit(open: OpenForm) {
    if (open === 'reply') return post('reply', { body: text });
    if (open === 'reschedule') return post('outcome', { outcome: 'rescheduled', preferredTime: time, note: text });
    // No answer: a time to try again keeps the request open with it; none closes it.
    return post('outcome', { outcome: 'no_answer', note: text, ...(time.trim() ? { preferredTime: time } : {}) });
  }

  const done = outcomeText(item);
  const outcome = done && (
    <p class="offline-outcome">
      {done}
      {item.response ? `: “${item.response}”` : ''}
    </p>
  );
  if (item.status === 'done') return outcome || null;

  const timeInput =
    form === 'reschedule'
      ? { label: W.newTime, placeholder: W.newTimePlaceholder }
      : form === 'no_answer'
        ? { label: W.retryTime, placeholder: W.retryTimePlaceholder }
        : null;
  return (
    <div>
      {outcome}
      {form === null && (
        <div class="offline-actions">
          {item.kind === 'message' ? (
            <button type="button" class="rc-btn rc-btn-primary rc-btn-sm" onClick={() => setForm('reply')}>
              {W.replyByEmail}
            </button>
          ) : (
            <>
              <button type="button" class="rc-btn rc-btn-primary rc-btn-sm" disabled={busy} onClick={() => void post('outcome', { outcome: 'reached' })}>
                {W.reached}
              </button>
              <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" onClick={() => setForm('no_answer')}>
                {W.noAnswer}
              </button>
              <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" onClick={() => setForm('reschedule')}>
                {W.reschedule}
              </button>
            </>
          )}
        </div>
      )}
      {form && (
        <form
          class="offline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(form);
          }}
        >
          {timeInput && <input class="rc-input" aria-label={timeInput.label} placeholder={timeInput.placeholder} value={time} onInput={(e) => setTime(e.currentTarget.value)} />}
          <textarea
            class="rc-input"
            rows={form === 'reply' ? 4 : 2}
            aria-label={form === 'reply' ? W.replyLabel : W.note}
            placeholder={form === 'reply' ? W.writeTo(item.email) : W.notePlaceholder}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {error && (
            <p class="rc-field-error" role="alert">
              {error}
            </p>
          )}
          <div class="offline-actions">
            <button type="submit" class="rc-btn rc-btn-primary rc-btn-sm" disabled={busy}>
              {form === 'reply' ? W.sendReply : W.save}
            </button>
            <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => setForm(null)}>
              {W.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
