/**
 * A confirmation for something that cannot be undone (delete a queue, end a
 * chat): what will happen, Cancel, and the danger button. The action's error
 * is shown in the dialog, which stays open so the admin can try again.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { DIALOG_WORDS } from './dialogWords.js';
import { Modal } from './Modal.js';

interface ConfirmDialogProps {
  title: string;
  /** The danger button's label, e.g. "Delete queue". */
  confirmLabel: string;
  /** Said when the action fails without a message of its own. */
  failure: string;
  /** Does it; throws to keep the dialog open with the error. */
  action: () => Promise<void>;
  onClose: () => void;
  /** The action threw this: e.g. a 401 that signs the admin out instead. Return true when handled. */
  onError?: (cause: unknown) => boolean;
  children: ComponentChildren;
}

export function ConfirmDialog({ title, confirmLabel, failure, action, onClose, onError, children }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      if (onError?.(cause)) return;
      setError(cause instanceof Error ? cause.message : failure);
      setBusy(false);
    }
  }
  return (
    <Modal title={title} onClose={onClose}>
      <div class="modal-body">
        {children}
        {error && (
          <p class="rc-alert rc-alert-error" role="alert">
            {error}
          </p>
        )}
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
            {DIALOG_WORDS.cancel}
          </button>
          <button type="button" class="rc-btn rc-btn-danger" disabled={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </footer>
      </div>
    </Modal>
  );
}
