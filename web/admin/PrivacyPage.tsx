/**
 * Customer data: an admin exports everything stored about a customer (a JSON
 * file) or erases it, by email address (and phone, for callback requests).
 * Both are recorded in the audit log.
 */
import { useState } from 'preact/hooks';
import type { CustomerDataExport, CustomerQueryBody, ErasureCounts } from '../../src/protocol/privacy.js';
import { ApiError, fetchJson } from '../shared/http.js';
import { FieldError } from './FieldError.js';
import { Modal } from './Modal.js';
import { PRIVACY_WORDS as W } from './privacyWords.js';

const exportData = (body: CustomerQueryBody) => fetchJson<CustomerDataExport>('/api/admin/privacy/export', { method: 'POST', body });
const eraseData = (body: CustomerQueryBody) => fetchJson<{ erased: ErasureCounts }>('/api/admin/privacy/erase', { method: 'POST', body });

function download(data: CustomerDataExport): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `customer-data-${data.email.replace(/[^a-z0-9.@_-]/gi, '_')}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PrivacyPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const query = (): CustomerQueryBody => (phone.trim() ? { email: email.trim(), phone: phone.trim() } : { email: email.trim() });

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    setFields({});
    try {
      setNotice(await work());
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      if (cause instanceof ApiError) setFields(cause.fields);
      setError(cause instanceof Error ? cause.message : W.failed);
    } finally {
      setBusy(false);
    }
  }

  const onExport = () =>
    run(async () => {
      const data = await exportData(query());
      download(data);
      return W.exported({ chats: data.chats.length, leftMessages: data.leftMessages.length, callbacks: data.callbacks.length, mails: data.mails.length });
    });

  const onErase = () => {
    setConfirming(false);
    return run(async () => {
      const { erased } = await eraseData(query());
      return W.erased(erased);
    });
  };

  return (
    <div class="page">
      <header class="page-head">
        <h1 class="page-title">{W.title}</h1>
        <p class="rc-muted">{W.intro}</p>
      </header>
      <div class="rc-card page-card">
        <form
          class="tab-panel settings-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onExport();
          }}
        >
          <div class="settings-section">
            <div class="rc-field">
              <label class="rc-label" for="privacy-email">
                {W.email}
              </label>
              <input
                id="privacy-email"
                class="rc-input"
                type="email"
                autocomplete="off"
                value={email}
                aria-invalid={Boolean(fields.email)}
                aria-describedby="privacy-email-error"
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              <FieldError id="privacy-email-error" message={fields.email} />
            </div>
            <div class="rc-field">
              <label class="rc-label" for="privacy-phone">
                {W.phone}
              </label>
              <input
                id="privacy-phone"
                class="rc-input"
                type="tel"
                autocomplete="off"
                value={phone}
                aria-invalid={Boolean(fields.phone)}
                aria-describedby="privacy-phone-error privacy-phone-hint"
                onInput={(e) => setPhone(e.currentTarget.value)}
              />
              <p class="rc-muted" id="privacy-phone-hint">
                {W.phoneHint}
              </p>
              <FieldError id="privacy-phone-error" message={fields.phone} />
            </div>
          </div>
          <footer class="settings-actions">
            {error && (
              <p class="rc-alert rc-alert-error" role="alert">
                {error}
              </p>
            )}
            {notice && (
              <p class="rc-alert rc-alert-success" role="status">
                {notice}
              </p>
            )}
            <button type="submit" class="rc-btn rc-btn-primary" disabled={busy || !email.trim()}>
              {W.export}
            </button>
            <button type="button" class="rc-btn rc-btn-danger" disabled={busy || !email.trim()} onClick={() => setConfirming(true)}>
              {W.erase}
            </button>
          </footer>
        </form>
      </div>
      {confirming && (
        <Modal title={W.confirmTitle} onClose={() => setConfirming(false)}>
          <p>
            {W.confirmBefore}
            <strong>{email.trim()}</strong>
            {W.confirmAfter}
          </p>
          <footer class="modal-actions">
            <button type="button" class="rc-btn rc-btn-danger" onClick={() => void onErase()}>
              {W.confirm}
            </button>
            <button type="button" class="rc-btn rc-btn-ghost" onClick={() => setConfirming(false)}>
              {W.cancel}
            </button>
          </footer>
        </Modal>
      )}
    </div>
  );
}
