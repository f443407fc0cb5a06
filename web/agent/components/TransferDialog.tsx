/**
 * The Transfer dialog: pick an Available agent (their seats shown) or an open queue, write a note, send.
 * A modal dialog: focus moves in and stays in (Tab and Shift+Tab cycle), Escape or Cancel closes it and
 * focus goes back to the Transfer button. A refusal on the spot is shown here, so another target can be
 * picked; once sent, the chat pane shows the pending transfer.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../../../src/protocol/errors.js';
import { TRANSFER_NOTE_MAX, type TransferRequest, type TransferTargetsView } from '../../../src/protocol/transfers.js';
import { TRANSFER_WORDS as W } from '../transferWords.js';
import { Avatar } from './Avatar.js';

export interface TransferDialogProps {
  chatId: string;
  customerName: string;
  loadTargets: (chatId: string) => Promise<Result<{ targets: TransferTargetsView }>>;
  /** Resolves with a message to show, or null when the transfer was sent. */
  onSubmit: (request: TransferRequest) => Promise<string | null>;
  onClose: () => void;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside the dialog and closes it on Escape; gives focus back to what had it before. */
function useFocusTrap(box: { current: HTMLElement | null }, onClose: () => void): void {
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
        return;
      }
      if (event.key !== 'Tab' || !box.current) return;
      const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const inside = box.current.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, []);
}

type Choice = { kind: 'agent'; agentId: string; name: string } | { kind: 'queue'; queueId: string; name: string };

export function TransferDialog({ chatId, customerName, loadTargets, onSubmit, onClose }: TransferDialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const [targets, setTargets] = useState<TransferTargetsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusTrap(box, onClose);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>('.modal-close')?.focus();
    void loadTargets(chatId).then((result) => {
      if (result.ok) setTargets(result.targets);
      else setLoadError(result.error.message || W.loadFailed);
    });
  }, [chatId]);

  // Once the list is in, focus the first choice a keyboard user can make.
  useEffect(() => {
    if (targets) box.current?.querySelector<HTMLElement>('input[name="transfer-target"]:not([disabled]), textarea')?.focus();
  }, [targets]);

  async function submit(event: Event) {
    event.preventDefault();
    if (!choice) {
      setError(W.pickFirst);
      return;
    }
    setBusy(true);
    setError(null);
    const to = choice.kind === 'agent' ? { kind: 'agent' as const, agentId: choice.agentId } : { kind: 'queue' as const, queueId: choice.queueId };
    const problem = await onSubmit({ chatId, to, note });
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  }

  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="modal rc-card transfer-dialog" role="dialog" aria-modal="true" aria-labelledby="transfer-title" aria-describedby="transfer-intro" ref={box}>
        <header class="modal-head">
          <h2 id="transfer-title" class="modal-title">
            {W.title}
          </h2>
          <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm modal-close" aria-label={W.close} onClick={onClose}>
            ✕
          </button>
        </header>
        <form class="modal-body" onSubmit={submit} noValidate>
          <p id="transfer-intro" class="transfer-intro">
            {W.intro(customerName)}
          </p>
          {!targets && !loadError && <p class="transfer-loading">{W.loading}</p>}
          {loadError && (
            <p class="rc-alert rc-alert-error" role="alert">
              {loadError}
            </p>
          )}
          {targets && (
            <>
              <fieldset class="transfer-group">
                <legend class="rc-label">{W.agents}</legend>
                {targets.agents.length === 0 && <p class="transfer-empty">{W.noAgents}</p>}
                {targets.agents.map((agent) => {
                  const full = agent.activeChats >= agent.capacity;
                  const disabled = agent.status !== 'available' || full;
                  const id = `transfer-agent-${agent.id}`;
                  return (
                    <label key={agent.id} for={id} class={`transfer-option${disabled ? ' is-disabled' : ''}`}>
                      <input
                        id={id}
                        type="radio"
                        name="transfer-target"
                        disabled={disabled}
                        checked={choice?.kind === 'agent' && choice.agentId === agent.id}
                        onChange={() => setChoice({ kind: 'agent', agentId: agent.id, name: agent.name })}
                      />
                      <Avatar name={agent.name} src={agent.pictureUrl} size={28} />
                      <span class="transfer-option-text">
                        <span class="transfer-option-name">{agent.name}</span>
                        <span class="transfer-option-meta">
                          <span class={`transfer-status is-${agent.status}`}>{W.status[agent.status]}</span>
                          {' · '}
                          {full ? W.full : W.seats(agent.activeChats, agent.capacity)}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </fieldset>
              <fieldset class="transfer-group">
                <legend class="rc-label">{W.queues}</legend>
                {targets.queues.length === 0 && <p class="transfer-empty">{W.noQueues}</p>}
                {targets.queues.map((queue) => {
                  const disabled = !queue.open || queue.availableAgents === 0;
                  const id = `transfer-queue-${queue.id}`;
                  return (
                    <label key={queue.id} for={id} class={`transfer-option${disabled ? ' is-disabled' : ''}`}>
                      <input
                        id={id}
                        type="radio"
                        name="transfer-target"
                        disabled={disabled}
                        checked={choice?.kind === 'queue' && choice.queueId === queue.id}
                        onChange={() => setChoice({ kind: 'queue', queueId: queue.id, name: queue.name })}
                      />
                      <span class="transfer-queue-mark" aria-hidden="true">
                        #
                      </span>
                      <span class="transfer-option-text">
                        <span class="transfer-option-name">{queue.name}</span>
                        <span class="transfer-option-meta">{queue.open ? W.queueOpen(queue.availableAgents) : W.queueClosed}</span>
                      </span>
                    </label>
                  );
                })}
                {choice?.kind === 'queue' && <p class="rc-hint">{W.queueFront}</p>}
              </fieldset>
            </>
          )}
          <div class="rc-field">
            <label class="rc-label" for="transfer-note">
              {W.noteLabel}
            </label>
            <textarea
              id="transfer-note"
              class="rc-input transfer-note-input"
              rows={3}
              maxLength={TRANSFER_NOTE_MAX}
              value={note}
              aria-describedby="transfer-note-hint"
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            />
            <p id="transfer-note-hint" class="rc-hint transfer-note-hint">
              <span>{W.noteHint}</span>
              <span>{W.noteCount(note.length, TRANSFER_NOTE_MAX)}</span>
            </p>
          </div>
          {error && (
            <p class="rc-alert rc-alert-error" role="alert">
              {error}
            </p>
          )}
          <div class="modal-actions">
            <button type="button" class="rc-btn rc-btn-secondary" onClick={onClose}>
              {W.cancel}
            </button>
            <button type="submit" class="rc-btn rc-btn-primary" disabled={busy || !targets}>
              {W.submit}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
