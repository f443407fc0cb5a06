/** Add or edit a canned reply: shortcut, text, and the queues it is meant for (none ticked: every queue). */
import { useState } from 'preact/hooks';
import { CANNED_BODY_MAX, CANNED_SHORTCUT_MAX, type CannedReplyView } from '../../src/protocol/staffNotes.js';
import type { AdminQueueSummary } from '../../src/protocol/views.js';
import { createCannedReply, updateCannedReply } from './api.js';
import { CANNED_WORDS as W } from './cannedWords.js';
import { FieldError } from './FieldError.js';
import { Modal } from './Modal.js';
import { useSave } from './useSave.js';

interface CannedReplyDialogProps {
  /** The reply to edit; none to add one. */
  reply?: CannedReplyView;
  queues: readonly AdminQueueSummary[];
  onSaved: (reply: CannedReplyView) => void;
  onClose: () => void;
}

export function CannedReplyDialog({ reply, queues, onSaved, onClose }: CannedReplyDialogProps) {
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const [queueIds, setQueueIds] = useState<string[]>(reply?.queueIds ?? []);
  const save = useSave();
  const input = () => ({ shortcut: shortcut.trim(), body, queueIds });
  const queuesError = save.fields.queueIds ?? Object.entries(save.fields).find(([k]) => k.startsWith('queueIds.'))?.[1];

  return (
    <Modal title={reply ? W.editTitle : W.createTitle} onClose={onClose}>
      <form
        class="modal-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save.run(
            () => (reply ? updateCannedReply(reply.id, input()) : createCannedReply(input())),
            (saved) => {
              onSaved(saved.reply);
              onClose();
            },
          );
        }}
      >
        <div class="rc-field">
          <label class="rc-label" for="canned-shortcut">
            {W.shortcutLabel}
          </label>
          <div class="canned-shortcut-input">
            <span aria-hidden="true">/</span>
            <input
              id="canned-shortcut"
              class="rc-input"
              value={shortcut}
              maxLength={CANNED_SHORTCUT_MAX + 1}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={save.invalid('shortcut')}
              aria-describedby="canned-shortcut-hint canned-shortcut-error"
              onInput={(e) => {
                setShortcut(e.currentTarget.value);
                save.edited('shortcut');
              }}
            />
          </div>
          <p class="rc-hint" id="canned-shortcut-hint">
            {W.shortcutHint}
          </p>
          <FieldError id="canned-shortcut-error" message={save.fields.shortcut} />
        </div>
        <div class="rc-field">
          <label class="rc-label" for="canned-body">
            {W.bodyLabel}
          </label>
          <textarea
            id="canned-body"
            class="rc-input canned-body-input"
            rows={5}
            value={body}
            maxLength={CANNED_BODY_MAX}
            aria-invalid={save.invalid('body')}
            aria-describedby="canned-body-hint canned-body-error"
            onInput={(e) => {
              setBody(e.currentTarget.value);
              save.edited('body');
            }}
          />
          <p class="rc-hint" id="canned-body-hint">
            {W.bodyHint} {W.placeholders}
          </p>
          <FieldError id="canned-body-error" message={save.fields.body} />
        </div>
        {queues.length > 0 && (
          <fieldset class="rc-field" aria-describedby="canned-queues-hint">
            <legend class="rc-label">{W.queuesLegend}</legend>
            <p class="rc-hint" id="canned-queues-hint">
              {W.queuesHint}
            </p>
            {queues.map((q) => (
              <label key={q.id} class="rc-check">
                <input
                  type="checkbox"
                  checked={queueIds.includes(q.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setQueueIds((ids) => (on ? [...ids, q.id] : ids.filter((id) => id !== q.id)));
                    save.edited('queueIds');
                  }}
                />
                <span>{q.name}</span>
              </label>
            ))}
            <FieldError id="canned-queues-error" message={queuesError} />
          </fieldset>
        )}
        {save.error && (
          <p class="rc-alert rc-alert-error" role="alert">
            {save.error}
          </p>
        )}
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
            {W.cancel}
          </button>
          <button type="submit" class="rc-btn rc-btn-primary" disabled={save.saving}>
            {reply ? W.save : W.create}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
