/** A small modal dialog: focus moves into it, Escape or the backdrop closes it. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { DIALOG_WORDS } from './dialogWords.js';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}

export function Modal({ title, onClose, children }: ModalProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.modal-close)')?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, []);
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="modal rc-card" role="dialog" aria-modal="true" aria-labelledby="modal-title" ref={box}>
        <header class="modal-head">
          <h2 id="modal-title" class="modal-title">
            {title}
          </h2>
          <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm modal-close" aria-label={DIALOG_WORDS.close} onClick={onClose}>
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
