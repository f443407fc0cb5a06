/**
 * A secret shown in a dialog (a new API token, a webhook's signing secret):
 * the warning, the value selected on focus, and Copy — falling back to a
 * selected field and a Ctrl+C hint where the async clipboard is missing.
 */
import { useRef, useState } from 'preact/hooks';
import { Modal } from './Modal.js';

export interface SecretWords {
  copy: string;
  copied: string;
  copyFailed: string;
  done: string;
}

interface SecretShownProps {
  title: string;
  label: string;
  secret: string;
  warning: string;
  words: SecretWords;
  onClose: () => void;
}

export function SecretShown({ title, label, secret, warning, words, onClose }: SecretShownProps) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // No async clipboard (older browser, insecure context): leave it selected for Ctrl+C.
      input.current?.focus();
      input.current?.select();
      setCopy('failed');
    }
  }
  return (
    <Modal title={title} onClose={onClose}>
      <div class="modal-body">
        <p class="rc-alert rc-alert-info" role="status">
          {warning}
        </p>
        <div class="rc-field">
          <label class="rc-label" for="shown-secret">
            {label}
          </label>
          <div class="url-row">
            <input ref={input} id="shown-secret" class="rc-input url-input token-secret" type="text" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" class="rc-btn rc-btn-secondary url-copy" onClick={() => void copySecret()}>
              {copy === 'copied' ? words.copied : words.copy}
            </button>
          </div>
          {copy === 'failed' && <p class="rc-hint">{words.copyFailed}</p>}
        </div>
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-primary" onClick={onClose}>
            {words.done}
          </button>
        </footer>
      </div>
    </Modal>
  );
}
