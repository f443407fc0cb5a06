/**
 * What the chat pane says about transfers: the note of the agent who transferred the chat to us, and
 * the state of a transfer we asked for (waiting for the answer, or why it did not happen).
 */
import { useState } from 'preact/hooks';
import type { ChatEntry } from '../state.js';
import { TRANSFER_WORDS as W } from '../transferWords.js';

export interface TransferNotesProps {
  chat: ChatEntry;
  onDismiss: () => void;
  /** Withdraws the pending transfer; resolves with a problem to show (e.g. it was accepted meanwhile), or null. */
  onWithdraw: (transferId: string) => Promise<string | null>;
}

export function TransferNotes({ chat, onDismiss, onWithdraw }: TransferNotesProps) {
  const { transferNote, outgoing } = chat;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function withdraw(transferId: string) {
    setBusy(true);
    setProblem(null);
    setProblem(await onWithdraw(transferId));
    setBusy(false);
  }
  return (
    <>
      {transferNote && (
        <aside class="transfer-note" aria-label={W.noteFrom(transferNote.fromName)}>
          <strong>{W.noteFrom(transferNote.fromName)}</strong>
          <span>{transferNote.note || W.noNote}</span>
        </aside>
      )}
      <div aria-live="polite">
        {outgoing?.state === 'offered' && (
          <p class="transfer-status-line is-pending" role="status">
            <span class="transfer-spinner" aria-hidden="true" />
            <span>{W.pending(outgoing.to.name)}</span>
            {outgoing.id && (
              <button
                type="button"
                class="rc-btn rc-btn-secondary rc-btn-sm transfer-withdraw"
                aria-label={W.withdrawLabel(outgoing.to.name)}
                disabled={busy}
                onClick={() => outgoing.id && void withdraw(outgoing.id)}
              >
                {busy ? W.withdrawing : W.withdraw}
              </button>
            )}
          </p>
        )}
        {problem && (
          <p class="rc-alert rc-alert-error" role="alert">
            {problem}
          </p>
        )}
        {outgoing?.state === 'refused' && (
          <p class="transfer-status-line is-refused" role="alert">
            <span>{W.refused(outgoing.to.name, outgoing.reason)}</span>
            <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={onDismiss}>
              {W.dismiss}
            </button>
          </p>
        )}
      </div>
    </>
  );
}
