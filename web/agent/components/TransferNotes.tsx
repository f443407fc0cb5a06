/**
 * What the chat pane says about transfers: the note of the agent who transferred the chat to us, and
 * the state of a transfer we asked for (waiting for the answer, or why it did not happen).
 */
import type { ChatEntry } from '../state.js';
import { TRANSFER_WORDS as W } from '../transferWords.js';

export function TransferNotes({ chat, onDismiss }: { chat: ChatEntry; onDismiss: () => void }) {
  const { transferNote, outgoing } = chat;
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
            {W.pending(outgoing.to.name)}
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
