/** Add or edit a person: email, display name, role, capacity, their queues, their picture (and a first password). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PASSWORD_MIN_LENGTH, type PersonBody, type PersonRole, type PersonView } from '../../src/protocol/admin.js';
import type { AdminQueueSummary } from '../../src/protocol/views.js';
import { ApiError } from '../shared/http.js';
import { createPerson, listQueues, removePicture, resetPassword, updatePerson, uploadPicture } from './api.js';
import { FieldError } from './FieldError.js';
import { Modal } from './Modal.js';
import { type PictureChoice, PictureField, pictureData } from './PictureField.js';
import { personWords as w } from './personWords.js';
import { useSave } from './useSave.js';

const ROLE_LABELS: Record<PersonRole, string> = w.roles;

interface Draft {
  email: string;
  displayName: string;
  role: PersonRole;
  capacity: string;
  password: string;
}

/** The picture's refusal, placed at the picture field (the person themselves was saved). */
class PictureRefused extends Error {
  constructor(
    readonly saved: PersonView,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function PersonDialog({ person, onSaved, onClose }: { person: PersonView | null; onSaved: (p: PersonView, close: boolean) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>({
    email: person?.email ?? '',
    displayName: person?.displayName ?? '',
    role: person?.role ?? 'agent',
    capacity: String(person?.capacity ?? 3),
    password: '',
  });
  // Set once the person exists: a Save after a refused picture edits them rather than adding them twice.
  const [saved, setSaved] = useState<PersonView | null>(person);
  const [queues, setQueues] = useState<AdminQueueSummary[] | null>(null);
  const [queueIds, setQueueIds] = useState<Set<string>>(() => new Set(person?.queueIds ?? []));
  const [picture, setPicture] = useState<PictureChoice>({ kind: 'keep' });
  const [pictureError, setPictureError] = useState<string | undefined>();
  const save = useSave();

  useEffect(() => {
    listQueues().then(setQueues, () => setQueues([]));
  }, []);

  const set = (key: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    save.edited(key);
  };
  const toggleQueue = (id: string, on: boolean) => {
    setQueueIds((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    save.edited('queueIds');
  };

  async function persist(): Promise<PersonView> {
    const body: PersonBody = {
      email: draft.email.trim(),
      displayName: draft.displayName.trim(),
      role: draft.role,
      capacity: draft.capacity.trim() === '' ? Number.NaN : Number(draft.capacity),
      queueIds: draft.role === 'agent' ? [...queueIds] : [],
    };
    let result = saved ? await updatePerson(saved.id, body) : await createPerson({ ...body, password: draft.password });
    setSaved(result);
    try {
      if (picture.kind === 'upload') result = await uploadPicture(result.id, pictureData(picture.dataUrl));
      else if (picture.kind === 'remove' && result.pictureUrl) result = await removePicture(result.id);
    } catch (cause) {
      const reason = cause instanceof ApiError ? (cause.body.fields?.picture ?? cause.body.fields?.data ?? cause.message) : w.pictureUnreadable;
      throw new PictureRefused(result, reason);
    }
    return result;
  }

  function submit(event: Event) {
    event.preventDefault();
    setPictureError(undefined);
    void save.run(
      () =>
        persist().catch((error: unknown) => {
          if (!(error instanceof PictureRefused)) throw error;
          // The rest is saved: the list shows it, the dialog stays open on the picture's reason.
          onSaved(error.saved, false);
          setPictureError(`${w.pictureNotSaved(error.saved.displayName)} ${error.reason}`);
          return null;
        }),
      (result) => {
        if (result) onSaved(result, true);
      },
    );
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
    <Modal title={person ? w.editTitle(person.displayName) : w.addTitle} onClose={onClose}>
      <form class="modal-body" onSubmit={submit} noValidate>
        <PictureField
          name={draft.displayName.trim()}
          currentUrl={saved?.pictureUrl ?? null}
          choice={picture}
          onChoice={(choice) => {
            setPicture(choice);
            setPictureError(undefined);
          }}
          serverError={pictureError}
        />
        {field(
          'displayName',
          w.displayName,
          <input id="person-displayName" class="rc-input" value={draft.displayName} aria-invalid={save.invalid('displayName')} onInput={(e) => set('displayName', e.currentTarget.value)} />,
          w.displayNameHint,
        )}
        {field('email', w.email, <input id="person-email" class="rc-input" type="email" autocomplete="off" value={draft.email} aria-invalid={save.invalid('email')} onInput={(e) => set('email', e.currentTarget.value)} />, w.emailHint)}
        <div class="field-pair">
          {field(
            'role',
            w.role,
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
            w.capacity,
            <input id="person-capacity" class="rc-input input-narrow" type="number" min={1} max={50} value={draft.capacity} aria-invalid={save.invalid('capacity')} onInput={(e) => set('capacity', e.currentTarget.value)} />,
            w.capacityHint,
          )}
        </div>
        <fieldset class="rc-field person-queue-field" aria-describedby="person-queues-hint">
          <legend class="rc-label">{w.queues}</legend>
          {draft.role !== 'agent' ? (
            <p class="rc-hint">{w.queuesOnlyAgents}</p>
          ) : queues === null ? null : queues.length === 0 ? (
            <p class="rc-hint">{w.queuesNone}</p>
          ) : (
            <ul class="person-queue-picks">
              {queues.map((q) => (
                <li key={q.id}>
                  <label class="rc-check">
                    <input type="checkbox" checked={queueIds.has(q.id)} onChange={(e) => toggleQueue(q.id, e.currentTarget.checked)} />
                    <span>{q.name}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {draft.role === 'agent' && (
            <p class="rc-hint" id="person-queues-hint">
              {w.queuesHint}
            </p>
          )}
          <FieldError id="person-queueIds-error" message={save.fields.queueIds} />
        </fieldset>
        {!saved &&
          field(
            'password',
            w.firstPassword,
            <input id="person-password" class="rc-input" type="password" autocomplete="new-password" value={draft.password} aria-invalid={save.invalid('password')} onInput={(e) => set('password', e.currentTarget.value)} />,
            w.firstPasswordHint(PASSWORD_MIN_LENGTH),
          )}
        {save.error && (
          <p class="rc-alert rc-alert-error" role="alert">
            {save.error}
          </p>
        )}
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
            {w.cancel}
          </button>
          <button type="submit" class="rc-btn rc-btn-primary" disabled={save.saving}>
            {saved ? w.save : w.add}
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
    <Modal title={w.passwordTitle(person.displayName)} onClose={onClose}>
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
            {w.passwordChanged(person.displayName)}
          </p>
        ) : (
          <div class="rc-field">
            <label class="rc-label" for="reset-password">
              {w.newPassword}
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
            <p class="rc-hint">{w.newPasswordHint(PASSWORD_MIN_LENGTH)}</p>
            <FieldError id="reset-password-error" message={save.fields.password} />
          </div>
        )}
        <footer class="modal-actions">
          <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
            {save.saved ? w.close : w.cancel}
          </button>
          {!save.saved && (
            <button type="submit" class="rc-btn rc-btn-primary" disabled={save.saving}>
              {w.setPassword}
            </button>
          )}
        </footer>
      </form>
    </Modal>
  );
}
