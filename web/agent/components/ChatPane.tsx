/**
 * The selected chat: header with Transfer and End chat (confirmed first) or Close, transfer notes,
 * transcript (with whispers), typing line, composer. Where the window is narrow (web/agent/layout.ts)
 * the header also has Back (phone) and Details, which shows the customer's details under it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../../../src/protocol/errors.js';
import type { CannedReplyView, ChatNoteView } from '../../../src/protocol/staffNotes.js';
import type { WhisperView } from '../../../src/protocol/supervisor.js';
import type { TransferRequest, TransferTargetsView } from '../../../src/protocol/transfers.js';
import { ConfirmModal } from '../../shared/ConfirmModal.js';
import { CONFIRM_WORDS as W } from '../confirmWords.js';
import type { ChatEntry } from '../state.js';
import { LAYOUT_WORDS } from '../layoutWords.js';
import { BackButton } from './BackButton.js';
import { Composer } from './Composer.js';
import { CustomerDetailsBody } from './CustomerDetails.js';
import { AttachButton } from './FileView.js';
import { uploadAttachment } from '../files.js';
import { FILE_WORDS } from '../fileWords.js';
import { TransferDialog } from './TransferDialog.js';
import { TransferNotes } from './TransferNotes.js';
import { Transcript } from './Transcript.js';
import { TRANSFER_WORDS } from '../transferWords.js';
import { CHAT_PANE_WORDS as P } from '../chatPaneWords.js';

export interface ChatPaneProps {
  chat: ChatEntry;
  /** Supervisors' notes on this chat, for the agent only. */
  whispers?: WhisperView[] | undefined;
  /** Staff-only notes on this chat. */
  notes?: ChatNoteView[] | undefined;
  replies?: readonly CannedReplyView[];
  agentName?: string;
  onNote?: (body: string) => Promise<string | null>;
  onSend: (body: string) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  onTyping: (typing: boolean) => void;
  /** Resolves true once the chat is ended. */
  onLeave: () => Promise<boolean>;
  onClose: () => void;
  onShowEarlier: () => Promise<void>;
  transferTargets: (chatId: string) => Promise<Result<{ targets: TransferTargetsView }>>;
  onTransfer: (request: TransferRequest) => Promise<string | null>;
  onDismissTransfer: () => void;
  onCancelTransfer: (transferId: string) => Promise<string | null>;
  /** Phone: the way back to the chat list; the chat's heading takes focus when it opens (not the message box, which would open the on-screen keyboard). */
  onBack?: (() => void) | undefined;
  /** No details column on this screen: a Details button shows them under the header. */
  detailsButton?: boolean;
  /** Called once the agent's End chat went through, so the console can move focus on. */
  onEnded?: (() => void) | undefined;
}

function endedText(chat: ChatEntry): string {
  if (chat.endedBy === 'customer') return P.endedByCustomer(chat.customerName);
  if (chat.endedBy === 'agent') return P.endedByYou;
  if (chat.endedBy === 'customer_gone') return P.customerGone(chat.customerName);
  if (chat.endedBy === 'abandoned') return P.abandoned(chat.customerName);
  if (chat.endedBy === 'inactivity') return P.inactivity;
  return P.over;
}

export function ChatPane(props: ChatPaneProps) {
  const { chat, whispers, notes, replies, agentName, onNote, onSend, onRetry, onDiscard, onTyping, onLeave, onClose, onShowEarlier } = props;
  const { transferTargets, onTransfer, onDismissTransfer, onCancelTransfer, onBack, detailsButton = false, onEnded } = props;
  const ended = chat.status === 'ended';
  const [detailsOpen, setDetailsOpen] = useState(false);
  const detailsToggle = useRef<HTMLButtonElement>(null);
  /** Escape folds the details away (from the button or from inside them), back on the button, as a disclosure does. */
  const foldDetailsOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !detailsOpen) return;
    event.stopPropagation();
    setDetailsOpen(false);
    detailsToggle.current?.focus();
  };
  const title = useRef<HTMLHeadingElement>(null);
  const phone = onBack !== undefined;
  useEffect(() => {
    if (phone) title.current?.focus();
  }, [chat.chatId, phone]);
  const [transferring, setTransferring] = useState(false);
  const pending = chat.outgoing?.state === 'offered';
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [fileSending, setFileSending] = useState<string | null>(null);
  const [fileRefused, setFileRefused] = useState<string | null>(null);
  async function sendFile(file: File) {
    setFileRefused(null);
    setFileSending(file.name);
    const reason = await uploadAttachment(chat.chatId, file);
    setFileSending(null);
    if (reason) setFileRefused(FILE_WORDS.notSent(file.name, reason));
  }
  async function leave() {
    setLeaving(true);
    let left = false;
    try {
      left = await onLeave();
    } finally {
      setLeaving(false);
      setConfirming(false);
    }
    if (left) onEnded?.();
  }
  return (
    <section class="chat-pane" aria-labelledby="chat-title">
      <header class="chat-head">
        {onBack && <BackButton onBack={onBack} />}
        <div class="chat-head-text">
          <h2 id="chat-title" class="chat-title" ref={title} tabIndex={-1}>
            {chat.customerName}
          </h2>
          <p class="chat-subtitle">{chat.queueName}</p>
        </div>
        <div class="chat-head-actions">
          {detailsButton && (
            <button
              type="button"
              class="rc-btn rc-btn-secondary rc-btn-sm"
              aria-label={LAYOUT_WORDS.detailsLabel}
              aria-expanded={detailsOpen}
              aria-controls="chat-details-panel"
              ref={detailsToggle}
              onKeyDown={foldDetailsOnEscape}
              onClick={() => setDetailsOpen(!detailsOpen)}
            >
              {LAYOUT_WORDS.details}
              <span class="chat-details-caret" aria-hidden="true">
                {detailsOpen ? '▴' : '▾'}
              </span>
            </button>
          )}
          {ended ? (
            <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" onClick={onClose}>
              {P.close}
            </button>
          ) : (
            <>
              <button
                type="button"
                class="rc-btn rc-btn-secondary rc-btn-sm"
                aria-label={TRANSFER_WORDS.buttonLabel(chat.customerName)}
                aria-haspopup="dialog"
                disabled={pending}
                onClick={() => setTransferring(true)}
              >
                {TRANSFER_WORDS.button}
              </button>
              <button type="button" class="rc-btn rc-btn-danger rc-btn-sm" onClick={() => setConfirming(true)}>
                {W.endChat}
              </button>
            </>
          )}
        </div>
        {confirming && !ended && (
          <ConfirmModal
            title={W.endTitle(chat.customerName)}
            confirmLabel={W.endConfirm}
            cancelLabel={W.endCancel}
            buttonClass={{ confirm: 'rc-btn rc-btn-danger', cancel: 'rc-btn rc-btn-secondary' }}
            busy={leaving}
            onConfirm={() => void leave()}
            onCancel={() => setConfirming(false)}
          >
            <p>{W.endBody(chat.customerName)}</p>
          </ConfirmModal>
        )}
      </header>
      {detailsButton && (
        <section id="chat-details-panel" class="chat-details-panel" aria-label={LAYOUT_WORDS.detailsLabel} hidden={!detailsOpen} onKeyDown={foldDetailsOnEscape}>
          <CustomerDetailsBody chat={chat} card={false} />
        </section>
      )}
      <TransferNotes chat={chat} onDismiss={onDismissTransfer} onWithdraw={onCancelTransfer} />

      <Transcript chat={chat} whispers={whispers} notes={notes} onRetry={onRetry} onDiscard={onDiscard} onShowEarlier={onShowEarlier} />

      <div class="typing-line" aria-live="polite">
        {chat.typingName && !ended && (
          <span class="typing">
            <span class="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {P.typing(chat.typingName)}
          </span>
        )}
      </div>

      {ended && (
        <div class="chat-ended" role="status">
          <strong>{P.ended}</strong>
          <span>{endedText(chat)}</span>
        </div>
      )}
      <FileStatus sending={fileSending} refused={fileRefused} onDismiss={() => setFileRefused(null)} />
      <Composer
        chatId={chat.chatId}
        disabled={ended}
        onSend={onSend}
        onTyping={onTyping}
        replies={replies}
        queueName={chat.queueName}
        customerName={chat.customerName}
        agentName={agentName}
        onNote={onNote}
        focusOnOpen={!phone}
        // No button where the queue has files off (the server would refuse the upload anyway).
        attach={chat.filesAllowed ? <AttachButton disabled={ended || fileSending !== null} onFile={sendFile} /> : undefined}
      />
      {transferring && (
        <TransferDialog
          chatId={chat.chatId}
          customerName={chat.customerName}
          loadTargets={transferTargets}
          onSubmit={onTransfer}
          onClose={() => setTransferring(false)}
        />
      )}
    </section>
  );
}

/** "Sending photo.png…", or why the file was refused (until dismissed or the next file). */
function FileStatus({ sending, refused, onDismiss }: { sending: string | null; refused: string | null; onDismiss: () => void }) {
  if (sending) {
    return (
      <p class="file-status" role="status">
        {FILE_WORDS.sending(sending)}
      </p>
    );
  }
  if (!refused) return null;
  return (
    <p class="file-status file-status-refused" role="alert">
      {refused}{' '}
      <button type="button" class="link-button" onClick={onDismiss}>
        {FILE_WORDS.dismiss}
      </button>
    </p>
  );
}

