/** The selected chat: header with Leave/Close, transcript, typing line, composer. */
import type { ChatEntry } from '../state.js';
import { Composer } from './Composer.js';
import { Transcript } from './Transcript.js';

export interface ChatPaneProps {
  chat: ChatEntry;
  onSend: (body: string) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  onTyping: (typing: boolean) => void;
  onLeave: () => Promise<void>;
  onClose: () => void;
  onShowEarlier: () => Promise<void>;
}

function endedText(chat: ChatEntry): string {
  if (chat.endedBy === 'customer') return `${chat.customerName} ended the chat.`;
  if (chat.endedBy === 'agent') return 'You left this chat.';
  if (chat.endedBy === 'customer_gone') return `${chat.customerName} left the chat (closed the page and did not come back).`;
  if (chat.endedBy === 'abandoned') return `${chat.customerName} left the line.`;
  if (chat.endedBy === 'inactivity') return 'Closed after a time without messages.';
  return 'This chat is over.';
}

export function ChatPane({ chat, onSend, onRetry, onDiscard, onTyping, onLeave, onClose, onShowEarlier }: ChatPaneProps) {
  const ended = chat.status === 'ended';
  return (
    <section class="chat-pane" aria-labelledby="chat-title">
      <header class="chat-head">
        <div class="chat-head-text">
          <h2 id="chat-title" class="chat-title">
            {chat.customerName}
          </h2>
          <p class="chat-subtitle">{chat.queueName}</p>
        </div>
        {ended ? (
          <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" onClick={onClose}>
            Close
          </button>
        ) : (
          <button type="button" class="rc-btn rc-btn-danger rc-btn-sm" onClick={() => void onLeave()}>
            Leave chat
          </button>
        )}
      </header>

      <Transcript chat={chat} onRetry={onRetry} onDiscard={onDiscard} onShowEarlier={onShowEarlier} />

      <div class="typing-line" aria-live="polite">
        {chat.typingName && !ended && (
          <span class="typing">
            <span class="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {chat.typingName} is typing
          </span>
        )}
      </div>

      {ended && (
        <div class="chat-ended" role="status">
          <strong>Chat ended</strong>
          <span>{endedText(chat)}</span>
        </div>
      )}
      <Composer chatId={chat.chatId} disabled={ended} onSend={onSend} onTyping={onTyping} />
    </section>
  );
}
