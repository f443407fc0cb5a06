/** Asks for a queue name (new queue, duplicate) and runs the call, showing a refusal at the field. */
import { useState } from 'preact/hooks';
import { FieldError } from './FieldError.js';
import { Modal } from './Modal.js';
import { useSave } from './useSave.js';
import { QUEUE_WORDS as W } from './queueWords.js';

export interface NameDialogProps<R> {
  title: string;
  hint: string;
  initial: string;
  action: string;
  submit: (name: string) => Promise<R>;
  onDone: (result: R) => void;
  onClose: () => void;
}

export function NameDialog<R>({ title, hint, initial, action, submit, onDone, onClose }: NameDialogProps<R>) {
  const [name, setName] = useState(initial);
  const save = useSave();
  return (
    <Modal title={title} onClose={onClose}>
      <form
        class="modal-body"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(() => submit(name.trim()), onDone);
        }}
      >
        <div class="rc-field">
          <label class="rc-label" for="name-dialog-input">
            {W.nameLabel}
          </label>
          <input
            id="name-dialog-input"
            class="rc-input"
            value={name}
            aria-invalid={save.invalid('name')}
            onInput={(e) => {
              setName(e.currentTarget.value);
              save.edited('name');
            }}
          />
          <p class="rc-hint">{hint}</p>
          <FieldError id="name-dialog-error" message={save.fields.name} />
        </div>
        {save.error && !save.fields.name && (
          <p class="rc-alert rc-alert-error" role="alert">
            {save.error}
          </p>
        )}
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
            {W.cancel}
          </button>
          <button type="submit" class="rc-btn rc-btn-primary" disabled={save.saving}>
            {action}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
