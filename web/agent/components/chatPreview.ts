/** The line "My chats" shows under a chat's name: its newest message (or the agent's unsent one). */
import type { ChatEntry } from '../state.js';

export function chatPreview(chat: ChatEntry): string {
  const pending = chat.pending.at(-1);
  if (pending) return `You: ${pending.body}`;
  const last = [...chat.events].reverse().find((e) => e.kind === 'message');
  if (!last) return 'No messages yet';
  return last.author === 'agent' ? `You: ${last.body}` : last.body;
}
