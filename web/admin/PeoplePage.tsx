/** People: the client's agents, supervisors and admins — add, edit, picture, capacity, reset password, deactivate. */
import { useEffect, useState } from 'preact/hooks';
import type { PersonView } from '../../src/protocol/admin.js';
import type { MeView } from '../../src/protocol/views.js';
import { ApiError } from '../shared/http.js';
import { listPeople, setPersonActive } from './api.js';
import { Modal } from './Modal.js';
import { PasswordDialog, PersonDialog, ROLE_LABELS } from './PersonDialog.js';
import { DEFAULT_AVATAR } from './PictureField.js';

type Dialog = { kind: 'add' } | { kind: 'edit'; person: PersonView } | { kind: 'password'; person: PersonView } | { kind: 'deactivate'; person: PersonView };

const STATUS_LABELS: Record<PersonView['status'], string> = { available: 'Available', away: 'Away', offline: 'Offline' };

export function PeoplePage({ me, onUnauthorized }: { me: MeView; onUnauthorized: () => void }) {
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    listPeople().then(setPeople, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      setError(cause instanceof Error ? cause.message : 'Could not load the people.');
    });
  }, []);

  const put = (p: PersonView) =>
    setPeople((list) => {
      const next = list?.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...(list ?? []), p];
      // As the server lists them: active first, then by name.
      return next.sort((a, b) => Number(b.active) - Number(a.active) || a.displayName.toLowerCase().localeCompare(b.displayName.toLowerCase()));
    });

  async function activate(person: PersonView, active: boolean) {
    setError(null);
    try {
      const updated = await setPersonActive(person.id, active);
      put(updated);
      setNotice(active ? `${person.displayName} can sign in again.` : `${person.displayName} was deactivated. Their open chats went back to the queue.`);
      setDialog(null);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Could not change the account.');
      setDialog(null);
    }
  }

  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">People</h1>
          <p class="rc-muted">Agents answer chats; supervisors and admins sign in to the console and this portal.</p>
        </div>
        <button type="button" class="rc-btn rc-btn-primary" onClick={() => setDialog({ kind: 'add' })}>
          + Add person
        </button>
      </header>
      {notice && (
        <p class="rc-alert rc-alert-success" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!people && !error && <p class="rc-muted">Loading…</p>}
      {people && (
        <div class="rc-card page-card">
          <table class="people-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Capacity</th>
                <th scope="col">Queues</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="rc-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} class={p.active ? '' : 'is-inactive'}>
                  <td>
                    <div class="person-cell">
                      <img class="avatar" src={p.pictureUrl ?? DEFAULT_AVATAR} alt="" width={36} height={36} />
                      <div class="person-text">
                        <span class="person-name">
                          {p.displayName}
                          {p.id === me.id && <span class="rc-muted"> (you)</span>}
                        </span>
                        <span class="person-email">{p.email}</span>
                      </div>
                    </div>
                  </td>
                  <td>{ROLE_LABELS[p.role]}</td>
                  <td>{p.role === 'agent' ? `${p.capacity} at once` : '—'}</td>
                  <td class="person-queues">{p.queues.length ? p.queues.join(', ') : <span class="rc-muted">—</span>}</td>
                  <td>
                    {p.active ? (
                      <span class={`rc-badge ${p.status === 'available' ? 'rc-badge-success' : p.status === 'away' ? 'rc-badge-warning' : ''}`}>{STATUS_LABELS[p.status]}</span>
                    ) : (
                      <span class="rc-badge rc-badge-danger">Deactivated</span>
                    )}
                  </td>
                  <td class="person-actions">
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={`Edit ${p.displayName}`} onClick={() => setDialog({ kind: 'edit', person: p })}>
                      Edit
                    </button>
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={`Reset password of ${p.displayName}`} onClick={() => setDialog({ kind: 'password', person: p })}>
                      Reset password
                    </button>
                    {p.id !== me.id &&
                      (p.active ? (
                        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm text-danger" aria-label={`Deactivate ${p.displayName}`} onClick={() => setDialog({ kind: 'deactivate', person: p })}>
                          Deactivate
                        </button>
                      ) : (
                        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={`Activate ${p.displayName}`} onClick={() => void activate(p, true)}>
                          Activate
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog?.kind === 'add' && (
        <PersonDialog
          person={null}
          onSaved={(p) => {
            put(p);
            setNotice(`${p.displayName} was added. They can sign in now.`);
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'edit' && (
        <PersonDialog
          person={dialog.person}
          onSaved={(p, close) => {
            put(p);
            setDialog(close ? null : { kind: 'edit', person: p });
            if (close) setNotice(`${p.displayName} was saved.`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'password' && <PasswordDialog person={dialog.person} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'deactivate' && (
        <Modal title={`Deactivate ${dialog.person.displayName}?`} onClose={() => setDialog(null)}>
          <div class="modal-body">
            <p>They are signed out at once and cannot sign in. Chats offered to them or in progress go back to the queue, keeping their place in line.</p>
            <footer class="modal-actions">
              <button type="button" class="rc-btn rc-btn-secondary" onClick={() => setDialog(null)}>
                Cancel
              </button>
              <button type="button" class="rc-btn rc-btn-danger" onClick={() => void activate(dialog.person, false)}>
                Deactivate
              </button>
            </footer>
          </div>
        </Modal>
      )}
    </div>
  );
}
