/**
 * Add or edit a webhook: URL, description, events, on/off. A new webhook's
 * signing secret is shown right after it is added (SecretShown).
 */
import { useState } from 'preact/hooks';
import { WEBHOOK_EVENTS, type WebhookEvent, type WebhookView } from '../../src/protocol/webhooks.js';
import { createWebhook, updateWebhook } from './api.js';
import { FieldError } from './FieldError.js';
import { Modal } from './Modal.js';
import { SecretShown } from './SecretShown.js';
import { useSave } from './useSave.js';
import { EVENT_WORDS, WEBHOOK_WORDS as W } from './webhookWords.js';

interface WebhookDialogProps {
  /** The webhook to edit; none to add one. */
  webhook?: WebhookView;
  onSaved: (webhook: WebhookView) => void;
  onClose: () => void;
}

export function WebhookDialog({ webhook, onSaved, onClose }: WebhookDialogProps) {
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [events, setEvents] = useState<WebhookEvent[]>(webhook?.events ?? [...WEBHOOK_EVENTS]);
  const [active, setActive] = useState(webhook?.active ?? true);
  const [secret, setSecret] = useState<string | null>(null);
  const save = useSave();

  if (secret) return <SecretShown title={W.secretTitle} label={W.secretLabel} secret={secret} warning={W.secretWarning} words={W} onClose={onClose} />;

  const toggle = (event: WebhookEvent, on: boolean) => {
    setEvents((list) => WEBHOOK_EVENTS.filter((e) => (e === event ? on : list.includes(e))));
    save.edited('events');
  };
  const body = () => ({ url: url.trim(), description: description.trim(), events, active });

  return (
    <Modal title={webhook ? W.editTitle : W.createTitle} onClose={onClose}>
      <form
        class="modal-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (webhook) {
            void save.run(
              () => updateWebhook(webhook.id, body()),
              (saved) => {
                onSaved(saved.webhook);
                onClose();
              },
            );
          } else {
            void save.run(
              () => createWebhook(body()),
              (created) => {
                onSaved(created.webhook);
                setSecret(created.secret);
              },
            );
          }
        }}
      >
        <div class="rc-field">
          <label class="rc-label" for="webhook-url">
            {W.urlLabel}
          </label>
          <input
            id="webhook-url"
            class="rc-input"
            type="url"
            inputMode="url"
            placeholder={W.urlPlaceholder}
            value={url}
            maxLength={2000}
            aria-invalid={save.invalid('url')}
            aria-describedby="webhook-url-hint webhook-url-error"
            onInput={(e) => {
              setUrl(e.currentTarget.value);
              save.edited('url');
            }}
          />
          <p class="rc-hint" id="webhook-url-hint">
            {W.urlHint}
          </p>
          <FieldError id="webhook-url-error" message={save.fields.url} />
        </div>
        <div class="rc-field">
          <label class="rc-label" for="webhook-description">
            {W.descriptionLabel}
          </label>
          <input
            id="webhook-description"
            class="rc-input"
            value={description}
            maxLength={200}
            aria-invalid={save.invalid('description')}
            aria-describedby="webhook-description-hint webhook-description-error"
            onInput={(e) => {
              setDescription(e.currentTarget.value);
              save.edited('description');
            }}
          />
          <p class="rc-hint" id="webhook-description-hint">
            {W.descriptionHint}
          </p>
          <FieldError id="webhook-description-error" message={save.fields.description} />
        </div>
        <fieldset class="rc-field token-scopes" aria-describedby="webhook-events-hint">
          <legend class="rc-label">{W.eventsLegend}</legend>
          <p class="rc-hint" id="webhook-events-hint">
            {W.eventsHint}
          </p>
          <div class="webhook-event-grid">
            {WEBHOOK_EVENTS.map((e) => (
              <label key={e} class="rc-check token-scope">
                <input type="checkbox" checked={events.includes(e)} onChange={(ev) => toggle(e, ev.currentTarget.checked)} />
                <span>
                  <strong>{EVENT_WORDS[e].label}</strong> <code class="token-scope-id">{e}</code>
                  <span class="rc-hint token-scope-hint">{EVENT_WORDS[e].hint}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="webhook-events-error" message={save.fields.events ?? Object.entries(save.fields).find(([k]) => k.startsWith('events.'))?.[1]} />
        </fieldset>
        <label class="rc-check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <span>{W.activeLabel}</span>
        </label>
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
            {webhook ? W.save : W.create}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
