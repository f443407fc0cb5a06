/** The line "My chats" shows under a chat's name: its newest message (or the agent's unsent one). */
import { CHAT_LIST_WORDS as W } from '../chatListWords.js';
import type { ChatEntry } from '../state.js';

/** Read from the end of the thread without copying it: usually the last event is a message. */
export function chatPreview(chat: ChatEntry): string {
  const pending = chat.pending.at(-1);
  if (pending) return W.mine(pending.body);
  const { events } = chat;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.kind === 'message') return event.author === 'agent' ? W.mine(event.body) : event.body;
  }
  return W.noMessages;
}
