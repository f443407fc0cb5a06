/**
 * "My chats": one row per chat the agent holds, newest activity shown as a
 * preview. Chats in progress come first, unread on top; ended chats are kept
 * in an "Ended" section, collapsed until the agent opens it (web/agent/chatOrder.ts).
 */
import { memo } from 'preact/compat';
import { useMemo, useState } from 'preact/hooks';
import { orderChats } from '../chatOrder.js';
import { CHAT_LIST_WORDS as W } from '../chatListWords.js';
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
        data-chat-id={chat.chatId}
        onClick={() => onSelect(chat.chatId)}
      >
        <span class="chat-item-top">
          <span class="chat-item-name">{chat.customerName}</span>
          {ended ? (
            <span class="rc-badge">{W.ended}</span>
          ) : (
            chat.unread > 0 && (
              <span class="rc-badge rc-badge-solid" title={W.unread(chat.unread)}>
                {chat.unread}
                <span class="rc-sr-only">{W.unreadSuffix}</span>
              </span>
            )
          )}
        </span>
        <span class="chat-item-queue">{chat.queueName}</span>
        <span class="chat-item-preview">{chat.typingName ? W.typing : chatPreview(chat)}</span>
      </button>
    </li>
  );
});

export function ChatList({ chats, view, onSelect }: ChatListProps) {
  const { open, ended } = useMemo(() => orderChats(chats), [chats]);
  const selectedId = view.kind === 'chat' ? view.chatId : null;
  // Open when the chat shown is an ended one (a phone coming Back from it finds its row, and focus goes there).
  const [showEnded, setShowEnded] = useState(() => ended.some((c) => c.chatId === selectedId));
  const rows = (list: ChatEntry[]) => list.map((chat) => <ChatRow key={chat.chatId} chat={chat} selected={selectedId === chat.chatId} onSelect={onSelect} />);
  return (
    <section class="side-section" aria-labelledby="my-chats-title">
      {/* Focus comes here (tabIndex -1) after the agent ends her last open chat. */}
      <h2 class="side-title" id="my-chats-title" tabIndex={-1}>
        {W.title}
        {open.length > 0 && <span class="side-count">{open.length}</span>}
      </h2>
      {open.length === 0 ? <p class="side-empty">{W.empty}</p> : <ul class="chat-list" id="my-open-chats">{rows(open)}</ul>}
      {ended.length > 0 && (
        <div class="ended-chats">
          <button type="button" class="ended-chats-toggle" aria-expanded={showEnded} aria-controls="ended-chats" onClick={() => setShowEnded(!showEnded)}>
            <span class="ended-chats-caret" aria-hidden="true">
              {showEnded ? '▾' : '▸'}
            </span>
            {W.endedSection}
            <span class="side-count">{ended.length}</span>
          </button>
          <ul class="chat-list" id="ended-chats" aria-label={W.endedListLabel} hidden={!showEnded}>
            {rows(ended)}
          </ul>
        </div>
      )}
    </section>
  );
}
