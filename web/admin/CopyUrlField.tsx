/** The queue's Reactive Chat URL (or another text to paste elsewhere, such as the widget's snippet): read-only, with Copy (confirmed for 2 s) and Open for a URL. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { COPY_URL_WORDS as W } from './copyUrlWords.js';

const CONFIRM_MS = 2_000;

export interface CopyUrlFieldProps {
  id: string;
  label: string;
  url: string;
  /** The hint under the field; by default the Reactive Chat URL's. */
  hint?: string;
  /** A text that is not a page to open (the snippet): no Open link. */
  noOpen?: boolean;
  /** The button's words before and after copying, when "Copy" alone would be ambiguous on the page. */
  copyWords?: { copy: string; copied: string };
}

/** Older or insecure-context browsers have no async clipboard; a selected input still copies. */
function copyBySelection(input: HTMLInputElement): boolean {
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function CopyUrlField({ id, label, url, hint, noOpen, copyWords = { copy: W.copy, copied: W.copied } }: CopyUrlFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    let copied = false;
    if (navigator.clipboard?.writeText) {
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        copied = false;
      }
    }
    if (!copied && input.current) copied = copyBySelection(input.current);
    setState(copied ? 'copied' : 'failed');
  }

  return (
    <div class="rc-field">
      <label class="rc-label" for={id}>
        {label}
      </label>
      <div class="url-row">
        <input
          ref={input}
          id={id}
          class="rc-input url-input"
          type="text"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="rc-btn rc-btn-secondary url-copy" onClick={() => void copy()}>
          {state === 'copied' ? copyWords.copied : copyWords.copy}
        </button>
        {!noOpen && (
          <a class="rc-btn rc-btn-secondary" href={url} target="_blank" rel="noopener noreferrer">
            {W.open}
          </a>
        )}
      </div>
      <p class="rc-hint" role="status">
        {state === 'failed'
          ? W.failed
          : (hint ?? W.hint)}
      </p>
    </div>
  );
}
