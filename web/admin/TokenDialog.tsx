/**
 * New API token: a name and its scopes; once created, the secret is shown
 * here this one time, with Copy (the server keeps only its hash).
 */
import { useState } from 'preact/hooks';
import { API_TOKEN_SCOPES, type ApiTokenScope, type NewApiTokenView } from '../../src/protocol/admin.js';
import { createApiToken } from './api.js';
import { FieldError } from './FieldError.js';
import { Modal } from './Modal.js';
import { SecretShown } from './SecretShown.js';
import { SCOPE_WORDS, TOKEN_WORDS as W } from './tokenWords.js';
import { useSave } from './useSave.js';

export function TokenDialog({ onCreated, onClose }: { onCreated: (token: NewApiTokenView) => void; onClose: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['chats:read']);
  const [created, setCreated] = useState<NewApiTokenView | null>(null);
  const save = useSave();

  if (created) return <SecretShown title={W.createdTitle} label={`${W.secretLabel} · ${created.name}`} secret={created.secret} warning={W.secretWarning} words={W} onClose={onClose} />;

  const toggle = (scope: ApiTokenScope, on: boolean) => {
    setScopes((list) => API_TOKEN_SCOPES.filter((s) => (s === scope ? on : list.includes(s))));
    save.edited('scopes');
  };

  return (
    <Modal title={W.createTitle} onClose={onClose}>
      <form
        class="modal-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save.run(
            () => createApiToken({ name: name.trim(), scopes }),
            (token) => {
              setCreated(token);
              onCreated(token);
            },
          );
        }}
      >
        <div class="rc-field">
          <label class="rc-label" for="token-name">
            {W.nameLabel}
          </label>
          <input
            id="token-name"
            class="rc-input"
            value={name}
            maxLength={80}
            aria-invalid={save.invalid('name')}
            aria-describedby="token-name-hint"
            onInput={(e) => {
              setName(e.currentTarget.value);
              save.edited('name');
            }}
          />
          <p class="rc-hint" id="token-name-hint">
            {W.nameHint}
          </p>
          <FieldError id="token-name-error" message={save.fields.name} />
        </div>
        <fieldset class="rc-field token-scopes" aria-describedby="token-scopes-hint">
          <legend class="rc-label">{W.scopesLegend}</legend>
          <p class="rc-hint" id="token-scopes-hint">
            {W.scopesHint}
          </p>
          {API_TOKEN_SCOPES.map((scope) => (
            <label key={scope} class="rc-check token-scope">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
              <span>
                <strong>{SCOPE_WORDS[scope].label}</strong> <code class="token-scope-id">{scope}</code>
                <span class="rc-hint token-scope-hint">{SCOPE_WORDS[scope].hint}</span>
              </span>
            </label>
          ))}
          <FieldError id="token-scopes-error" message={save.fields.scopes ?? Object.entries(save.fields).find(([k]) => k.startsWith('scopes.'))?.[1]} />
        </fieldset>
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
            {W.create}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
