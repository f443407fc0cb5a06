/** Queues Configuration → Offline Options: what a customer can do when the queue is closed or nobody is available. */
import { useState } from 'preact/hooks';
import type { AdminQueueDetail, OfflineBody } from '../../src/protocol/admin.js';
import { saveOffline } from './api.js';
import { FieldError } from './FieldError.js';
import { SaveBar, useSave } from './useSave.js';
import { OFFLINE_OPTIONS_WORDS as W } from './offlineOptionsWords.js';

const draftOf = (q: AdminQueueDetail): OfflineBody => ({ offline: q.offline, closedMessage: q.closedMessage, noAgentsMessage: q.noAgentsMessage });

export function OfflineTab({ queue, onSaved }: { queue: AdminQueueDetail; onSaved: (q: AdminQueueDetail) => void }) {
  const [draft, setDraft] = useState(() => draftOf(queue));
  const save = useSave();
  const { leaveMessage, callback } = draft.offline;

  function setOffline(patch: Partial<OfflineBody['offline']>, key?: string) {
    setDraft((d) => ({ ...d, offline: { ...d.offline, ...patch } }));
    save.edited(key);
  }

  function submit(event: Event) {
    event.preventDefault();
    void save.run(
      () => saveOffline(queue.id, { ...draft, offline: { ...draft.offline, leaveMessage: { ...leaveMessage, email: leaveMessage.email.trim() } } }),
      (updated) => {
        setDraft(draftOf(updated));
        onSaved(updated);
      },
    );
  }

  const summary =
    leaveMessage.enabled && callback.enabled
      ? W.both
      : leaveMessage.enabled
        ? W.messageOnly
        : callback.enabled
          ? W.callbackOnly
          : W.neither;

  return (
    <form class="settings-form" onSubmit={submit} noValidate>
      <p class="rc-hint offline-intro">{W.intro(summary)}</p>
      <section class="settings-section">
        <div class="option-card">
          <label class="rc-switch">
            <input type="checkbox" checked={leaveMessage.enabled} onChange={(e) => setOffline({ leaveMessage: { ...leaveMessage, enabled: e.currentTarget.checked } }, 'offline.leaveMessage.email')} />
            {W.leaveMessage}
          </label>
          <div class="rc-field option-detail">
            <label class="rc-label" for="off-email">
              {W.email}
            </label>
            <input
              id="off-email"
              class="rc-input input-medium"
              type="email"
              value={leaveMessage.email}
              disabled={!leaveMessage.enabled}
              aria-invalid={save.invalid('offline.leaveMessage.email')}
              aria-describedby={save.fields['offline.leaveMessage.email'] ? 'off-email-error' : undefined}
              onInput={(e) => setOffline({ leaveMessage: { ...leaveMessage, email: e.currentTarget.value } }, 'offline.leaveMessage.email')}
            />
            <FieldError id="off-email-error" message={save.fields['offline.leaveMessage.email']} />
          </div>
        </div>
        <div class="option-card">
          <label class="rc-switch">
            <input type="checkbox" checked={callback.enabled} onChange={(e) => setOffline({ callback: { enabled: e.currentTarget.checked } })} />
            {W.callback}
          </label>
          <p class="rc-hint option-detail">{W.callbackHint}</p>
        </div>
      </section>

      <section class="settings-section">
        <div class="rc-field">
          <label class="rc-label" for="off-closed">
            {W.closedMessage}
          </label>
          <textarea
            id="off-closed"
            class="rc-textarea"
            rows={3}
            value={draft.closedMessage}
            aria-invalid={save.invalid('closedMessage')}
            onInput={(e) => {
              setDraft({ ...draft, closedMessage: e.currentTarget.value });
              save.edited('closedMessage');
            }}
          />
          <p class="rc-hint">{W.closedHint}</p>
          <FieldError id="off-closed-error" message={save.fields.closedMessage} />
        </div>
        <div class="rc-field">
          <label class="rc-label" for="off-noagents">
            {W.noAgentsMessage}
          </label>
          <textarea
            id="off-noagents"
            class="rc-textarea"
            rows={2}
            value={draft.noAgentsMessage}
            aria-invalid={save.invalid('noAgentsMessage')}
            onInput={(e) => {
              setDraft({ ...draft, noAgentsMessage: e.currentTarget.value });
              save.edited('noAgentsMessage');
            }}
          />
          <p class="rc-hint">{W.noAgentsHint}</p>
          <FieldError id="off-noagents-error" message={save.fields.noAgentsMessage} />
        </div>
      </section>

      <SaveBar state={save} />
    </form>
  );
}
