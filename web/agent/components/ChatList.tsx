/** "My chats": one row per chat the agent holds, newest activity shown as a preview. */
import { memo } from 'preact/compat';
import type { ChatEntry, ConsoleView } from '../state.js';
import { chatPreview } from './chatPreview.js';

export interface ChatListProps {
  chats: ChatEntry[];
  view: ConsoleView;
  onSelect: (chatId: string) => void;
}

interface ChatRowProps {
  chat: ChatEntry;
  selected: boolean;
  onSelect: (chatId: string) => void;
}

/** Memoised: a chat whose entry did not change (the reducer keeps it the same object) is not rendered again. */
const ChatRow = memo(function ChatRow({ chat, selected, onSelect }: ChatRowProps) {
  const ended = chat.status === 'ended';
  return (
    <li>
      <button
        type="button"
        class={`chat-item${selected ? ' is-selected' : ''}${ended ? ' is-ended' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(chat.chatId)}
      >
        <span class="chat-item-top">
          <span class="chat-item-name">{chat.customerName}</span>
          {ended ? (
            <span class="rc-badge">Ended</span>
          ) : (
            chat.unread > 0 && (
              <span class="rc-badge rc-badge-solid" title={`${chat.unread} unread`}>
                {chat.unread}
                <span class="rc-sr-only"> unread</span>
              </span>
            )
          )}
        </span>
        <span class="chat-item-queue">{chat.queueName}</span>
        <span class="chat-item-preview">{chat.typingName ? 'Typing…' : chatPreview(chat)}</span>
      </button>
    </li>
  );
});

export function ChatList({ chats, view, onSelect }: ChatListProps) {
  return (
    <section class="side-section" aria-labelledby="my-chats-title">
      <h2 class="side-title" id="my-chats-title">
        My chats
        {chats.length > 0 && <span class="side-count">{chats.length}</span>}
      </h2>
      {chats.length === 0 ? (
        <p class="side-empty">Chats you accept appear here.</p>
      ) : (
        <ul class="chat-list">
          {chats.map((chat) => (
            <ChatRow key={chat.chatId} chat={chat} selected={view.kind === 'chat' && view.chatId === chat.chatId} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </section>
  );
}
