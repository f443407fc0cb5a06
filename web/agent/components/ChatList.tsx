/** "My chats": one row per chat the agent holds, newest activity shown as a preview. */
import type { ChatEntry, ConsoleView } from '../state.js';

export interface ChatListProps {
  chats: ChatEntry[];
  view: ConsoleView;
  onSelect: (chatId: string) => void;
}

function preview(chat: ChatEntry): string {
  const pending = chat.pending.at(-1);
  if (pending) return `You: ${pending.body}`;
  const last = [...chat.events].reverse().find((e) => e.kind === 'message');
  if (!last) return 'No messages yet';
  return last.author === 'agent' ? `You: ${last.body}` : last.body;
}

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
          {chats.map((chat) => {
            const selected = view.kind === 'chat' && view.chatId === chat.chatId;
            const ended = chat.status === 'ended';
            return (
              <li key={chat.chatId}>
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
                  <span class="chat-item-preview">{chat.typingName ? 'Typing…' : preview(chat)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
