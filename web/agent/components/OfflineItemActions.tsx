/** What an agent can do with a left message (reply by email) or a callback request (record its outcome). */
import { useState } from 'preact/hooks';
import type { OfflineItemView } from '../../../src/protocol/views.js';
import { ApiError, fetchJson } from '../../shared/http.js';

const OUTCOME_TEXT: Record<NonNullable<OfflineItemView['outcome']>, string> = {
  replied: 'Replied by email',
  reached: 'Customer reached',
  no_answer: 'No answer',
  rescheduled: 'Rescheduled',
};

export interface OfflineItemActionsProps {
  item: OfflineItemView;
  onDone: () => void;
}

export function OfflineItemActions({ item, onDone }: OfflineItemActionsProps) {
  const [form, setForm] = useState<'reply' | 'reschedule' | null>(null);
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
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : 'Could not save. Try again.');
    } finally {
      setBusy(false);
    }
  }

  const outcome = item.outcome && (
    <p class="offline-outcome">
      {OUTCOME_TEXT[item.outcome]}
      {item.handledBy ? ` by ${item.handledBy}` : ''}
      {item.response ? `: “${item.response}”` : ''}
    </p>
  );
  if (item.status === 'done') return outcome || null;

  return (
    <div>
      {outcome}
      {form === null && (
        <div class="offline-actions">
          {item.kind === 'message' ? (
            <button type="button" class="rc-btn rc-btn-primary rc-btn-sm" onClick={() => setForm('reply')}>
              Reply by email
            </button>
          ) : (
            <>
              <button type="button" class="rc-btn rc-btn-primary rc-btn-sm" disabled={busy} onClick={() => void post('outcome', { outcome: 'reached' })}>
                Reached
              </button>
              <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" disabled={busy} onClick={() => void post('outcome', { outcome: 'no_answer' })}>
                No answer
              </button>
              <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" onClick={() => setForm('reschedule')}>
                Reschedule…
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
            void (form === 'reply' ? post('reply', { body: text }) : post('outcome', { outcome: 'rescheduled', preferredTime: time, note: text }));
          }}
        >
          {form === 'reschedule' && (
            <input class="rc-input" aria-label="New time" placeholder="New time, e.g. Friday 10 am" value={time} onInput={(e) => setTime(e.currentTarget.value)} />
          )}
          <textarea
            class="rc-input"
            rows={form === 'reply' ? 4 : 2}
            aria-label={form === 'reply' ? 'Reply' : 'Note'}
            placeholder={form === 'reply' ? `Write to ${item.email ?? 'the customer'}…` : 'Note (optional)'}
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
              {form === 'reply' ? 'Send reply' : 'Save'}
            </button>
            <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => setForm(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
