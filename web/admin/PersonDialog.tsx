/** Add or edit a person: email, display name, role, capacity (and a first password, or their picture). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { PASSWORD_MIN_LENGTH, type PersonBody, type PersonRole, type PersonView } from '../../src/protocol/admin.js';
import { createPerson, resetPassword, updatePerson } from './api.js';
import { FieldError } from './FieldError.js';
import { Modal } from './Modal.js';
import { PictureField } from './PictureField.js';
import { useSave } from './useSave.js';

export const ROLE_LABELS: Record<PersonRole, string> = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' };

interface Draft {
  email: string;
  displayName: string;
  role: PersonRole;
  capacity: string;
  password: string;
}

export function PersonDialog({ person, onSaved, onClose }: { person: PersonView | null; onSaved: (p: PersonView, close: boolean) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>({
    email: person?.email ?? '',
    displayName: person?.displayName ?? '',
    role: person?.role ?? 'agent',
    capacity: String(person?.capacity ?? 3),
    password: '',
  });
  const save = useSave();
  const set = (key: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    save.edited(key);
  };

  function submit(event: Event) {
    event.preventDefault();
    const body: PersonBody = { email: draft.email.trim(), displayName: draft.displayName.trim(), role: draft.role, capacity: draft.capacity.trim() === '' ? Number.NaN : Number(draft.capacity) };
    void save.run(() => (person ? updatePerson(person.id, body) : createPerson({ ...body, password: draft.password })), (saved) => onSaved(saved, true));
  }

  const field = (key: keyof Draft, label: string, input: JSX.Element, hint?: string) => (
    <div class="rc-field">
      <label class="rc-label" for={`person-${key}`}>
        {label}
      </label>
      {input}
      {hint && <p class="rc-hint">{hint}</p>}
      <FieldError id={`person-${key}-error`} message={save.fields[key]} />
    </div>
  );

  return (
    <Modal title={person ? `Edit ${person.displayName}` : 'Add a person'} onClose={onClose}>
      <form class="modal-body" onSubmit={submit} noValidate>
        {person && <PictureField person={person} onChanged={(p) => onSaved(p, false)} />}
        {field(
          'displayName',
          'Display name',
          <input id="person-displayName" class="rc-input" value={draft.displayName} aria-invalid={save.invalid('displayName')} onInput={(e) => set('displayName', e.currentTarget.value)} />,
          'Customers see this name when the person answers their chat.',
        )}
        {field('email', 'Email', <input id="person-email" class="rc-input" type="email" autocomplete="off" value={draft.email} aria-invalid={save.invalid('email')} onInput={(e) => set('email', e.currentTarget.value)} />, 'They sign in with it.')}
        <div class="field-pair">
          {field(
            'role',
            'Role',
            <select id="person-role" class="rc-select rc-input" value={draft.role} aria-invalid={save.invalid('role')} onChange={(e) => set('role', e.currentTarget.value)}>
              {(Object.keys(ROLE_LABELS) as PersonRole[]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>,
          )}
          {field(
            'capacity',
            'Chat capacity',
            <input id="person-capacity" class="rc-input input-narrow" type="number" min={1} max={50} value={draft.capacity} aria-invalid={save.invalid('capacity')} onInput={(e) => set('capacity', e.currentTarget.value)} />,
            'Chats at once.',
          )}
        </div>
        {!person &&
          field(
            'password',
            'First password',
            <input id="person-password" class="rc-input" type="password" autocomplete="new-password" value={draft.password} aria-invalid={save.invalid('password')} onInput={(e) => set('password', e.currentTarget.value)} />,
            `At least ${PASSWORD_MIN_LENGTH} characters. Give it to them in person or by phone.`,
          )}
        {save.error && (
          <p class="rc-alert rc-alert-error" role="alert">
            {save.error}
          </p>
        )}
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="rc-btn rc-btn-primary" disabled={save.saving}>
            {person ? 'Save' : 'Add person'}
          </button>
        </footer>
      </form>
    </Modal>
  );
}

export function PasswordDialog({ person, onClose }: { person: PersonView; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const save = useSave();
  return (
    <Modal title={`Reset the password of ${person.displayName}`} onClose={onClose}>
      <form
        class="modal-body"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(() => resetPassword(person.id, password), () => undefined);
        }}
      >
        {save.saved ? (
          <p class="rc-alert rc-alert-success" role="status">
            The password was changed. {person.displayName} was signed out everywhere and signs in with the new one.
          </p>
        ) : (
          <div class="rc-field">
            <label class="rc-label" for="reset-password">
              New password
            </label>
            <input
              id="reset-password"
              class="rc-input"
              type="password"
              autocomplete="new-password"
              value={password}
              aria-invalid={save.invalid('password')}
              onInput={(e) => {
                setPassword(e.currentTarget.value);
                save.edited('password');
              }}
            />
            <p class="rc-hint">At least {PASSWORD_MIN_LENGTH} characters. Their open sessions end.</p>
            <FieldError id="reset-password-error" message={save.fields.password} />
          </div>
        )}
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
            {save.saved ? 'Close' : 'Cancel'}
          </button>
          {!save.saved && (
            <button type="submit" class="rc-btn rc-btn-primary" disabled={save.saving}>
              Set password
            </button>
          )}
        </footer>
      </form>
    </Modal>
  );
}
