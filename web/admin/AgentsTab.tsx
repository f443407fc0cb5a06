/** Queues Configuration → Agents: which of the client's agents answer this queue. */
import { useState } from 'preact/hooks';
import type { AdminQueueDetail } from '../../src/protocol/admin.js';
import { saveAgents } from './api.js';
import { FieldError } from './FieldError.js';
import { SaveBar, useSave } from './useSave.js';
import { AGENTS_TAB_WORDS as W } from './agentsTabWords.js';

export function AgentsTab({ queue, onSaved, onPeople }: { queue: AdminQueueDetail; onSaved: (q: AdminQueueDetail) => void; onPeople: () => void }) {
  const [chosen, setChosen] = useState(() => new Set(queue.agents.filter((a) => a.assigned).map((a) => a.id)));
  const save = useSave();

  function toggle(id: string, on: boolean) {
    setChosen((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    save.edited();
  }

  function submit(event: Event) {
    event.preventDefault();
    void save.run(() => saveAgents(queue.id, [...chosen]), onSaved);
  }

  return (
    <form class="settings-form" onSubmit={submit} noValidate>
      <p class="rc-hint offline-intro">{W.intro(chosen.size, queue.agents.length)}</p>
      {queue.agents.length === 0 ? (
        <p class="dc-empty">
          {W.none}{' '}
          <button type="button" class="rc-link" onClick={onPeople}>
            {W.addPeople}
          </button>
        </p>
      ) : (
        <section class="settings-section">
          <ul class="agent-picks">
            {queue.agents.map((a) => (
              <li key={a.id} class={`agent-pick${chosen.has(a.id) ? ' is-checked' : ''}`}>
                <label class="rc-check">
                  <input type="checkbox" checked={chosen.has(a.id)} onChange={(e) => toggle(a.id, e.currentTarget.checked)} />
                  <span class="agent-pick-text">
                    <span class="agent-pick-name">{a.displayName}</span>
                    <span class="agent-pick-email">{a.email}</span>
                  </span>
                </label>
                {!a.active && <span class="rc-badge">{W.deactivated}</span>}
              </li>
            ))}
          </ul>
          <FieldError id="agents-error" message={save.fields.agentIds} />
        </section>
      )}
      <SaveBar state={save} />
    </form>
  );
}
