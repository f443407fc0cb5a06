/**
 * A confirmation before something that cannot be undone (ending a chat,
 * signing out with chats open), on the native modal <dialog>: the browser
 * makes the rest of the page inert, so Tab stays inside (focus trapped) and
 * screen readers read only the dialog; Escape cancels. Focus starts on the
 * harmless choice and goes back where it was when the dialog closes.
 * No dependencies, small enough for the customer page's bundle.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './confirmModal.css';

export interface ConfirmModalProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  /** Button classes of the app that shows it (the customer page and the console style buttons differently). */
  buttonClass: { confirm: string; cancel: string };
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmModal({ title, children, confirmLabel, cancelLabel, buttonClass, busy = false, onConfirm, onCancel }: ConfirmModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // Escape fires "cancel" on the dialog; the latest handler is read through a ref, so the effect runs once.
  const onCancelRef = useRef(onCancel);
  onCancelRef.current = onCancel;

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onEscape = (event: Event) => {
      event.preventDefault();
      onCancelRef.current();
    };
    // A modal <dialog> makes the page inert, but Tab past its last button still leaves for the browser's
    // own controls; wrap around instead, so keyboard users stay in the dialog until they answer it.
    const onTab = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const focusable = [...box.querySelectorAll<HTMLElement>('button:not(:disabled), [href], input, select, textarea')];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    box.addEventListener('cancel', onEscape);
    box.addEventListener('keydown', onTab);
    if (!box.open) box.showModal();
    cancel.current?.focus();
    return () => {
      box.removeEventListener('cancel', onEscape);
      box.removeEventListener('keydown', onTab);
      if (box.open) box.close();
      // The opener may be gone (the chat it belonged to ended): then focus simply stays on the page.
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog ref={dialog} class="confirm-modal" aria-labelledby="confirm-modal-title" aria-describedby="confirm-modal-body">
      <h2 id="confirm-modal-title" class="confirm-modal-title">
        {title}
      </h2>
      <div id="confirm-modal-body" class="confirm-modal-body">
        {children}
      </div>
      <div class="confirm-modal-actions">
        <button type="button" ref={cancel} class={buttonClass.cancel} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" class={buttonClass.confirm} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
