/** People: the client's agents, supervisors and admins — add, edit, picture, capacity, reset password, deactivate. */
import { useEffect, useState } from 'preact/hooks';
import type { PersonView } from '../../src/protocol/admin.js';
import type { MeView } from '../../src/protocol/views.js';
import { ApiError } from '../shared/http.js';
import { listPeople, setPersonActive } from './api.js';
import { Modal } from './Modal.js';
import { PasswordDialog, PersonDialog } from './PersonDialog.js';
import { DEFAULT_AVATAR } from './PictureField.js';
import { PEOPLE_WORDS as W } from './peopleWords.js';
import { personWords } from './personWords.js';

type Dialog = { kind: 'add' } | { kind: 'edit'; person: PersonView } | { kind: 'password'; person: PersonView } | { kind: 'deactivate'; person: PersonView };

const STATUS_LABELS: Record<PersonView['status'], string> = W.status;

export function PeoplePage({ me, onUnauthorized }: { me: MeView; onUnauthorized: () => void }) {
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    listPeople().then(setPeople, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      setError(cause instanceof Error ? cause.message : W.loadFailed);
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
      setNotice(active ? W.activated(person.displayName) : W.deactivatedNotice(person.displayName));
      setDialog(null);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : W.changeFailed);
      setDialog(null);
    }
  }

  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">{W.intro}</p>
        </div>
        <button type="button" class="rc-btn rc-btn-primary" onClick={() => setDialog({ kind: 'add' })}>
          {W.add}
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
      {!people && !error && <p class="rc-muted">{W.loading}</p>}
      {people && (
        <div class="rc-card page-card">
          <table class="people-table">
            <thead>
              <tr>
                <th scope="col">{W.columns.name}</th>
                <th scope="col">{W.columns.role}</th>
                <th scope="col">{W.columns.capacity}</th>
                <th scope="col">{W.columns.queues}</th>
                <th scope="col">{W.columns.status}</th>
                <th scope="col">
                  <span class="rc-sr-only">{W.columns.actions}</span>
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
                          {p.id === me.id && <span class="rc-muted">{W.you}</span>}
                        </span>
                        <span class="person-email">{p.email}</span>
                      </div>
                    </div>
                  </td>
                  <td>{personWords.roles[p.role]}</td>
                  <td>{p.role === 'agent' ? W.capacity(p.capacity) : '—'}</td>
                  <td class="person-queues">{p.queues.length ? p.queues.join(', ') : <span class="rc-muted">—</span>}</td>
                  <td>
                    {p.active ? (
                      <span class={`rc-badge ${p.status === 'available' ? 'rc-badge-success' : p.status === 'away' ? 'rc-badge-warning' : ''}`}>{STATUS_LABELS[p.status]}</span>
                    ) : (
                      <span class="rc-badge rc-badge-danger">{W.deactivated}</span>
                    )}
                  </td>
                  <td class="person-actions">
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.editLabel(p.displayName)} onClick={() => setDialog({ kind: 'edit', person: p })}>
                      {W.edit}
                    </button>
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.resetPasswordLabel(p.displayName)} onClick={() => setDialog({ kind: 'password', person: p })}>
                      {W.resetPassword}
                    </button>
                    {p.id !== me.id &&
                      (p.active ? (
                        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm text-danger" aria-label={W.deactivateLabel(p.displayName)} onClick={() => setDialog({ kind: 'deactivate', person: p })}>
                          {W.deactivate}
                        </button>
                      ) : (
                        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.activateLabel(p.displayName)} onClick={() => void activate(p, true)}>
                          {W.activate}
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
            setNotice(W.added(p.displayName));
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
            if (close) setNotice(W.saved(p.displayName));
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'password' && <PasswordDialog person={dialog.person} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'deactivate' && (
        <Modal title={W.deactivateTitle(dialog.person.displayName)} onClose={() => setDialog(null)}>
          <div class="modal-body">
            <p>{W.deactivateBody}</p>
            <footer class="modal-actions">
              <button type="button" class="rc-btn rc-btn-secondary" onClick={() => setDialog(null)}>
                {W.cancel}
              </button>
              <button type="button" class="rc-btn rc-btn-danger" onClick={() => void activate(dialog.person, false)}>
                {W.deactivateConfirm}
              </button>
            </footer>
          </div>
        </Modal>
      )}
    </div>
  );
}
