/**
 * The order of "My chats": chats in progress first, those with unread messages
 * on top (otherwise in the order they came), then the ended ones apart, so a
 * shift's ended chats never push a new chat down the list.
 */
import type { ChatEntry } from './state.js';

export interface OrderedChats {
  open: ChatEntry[];
  ended: ChatEntry[];
}

export function orderChats(chats: readonly ChatEntry[]): OrderedChats {
  const unread: ChatEntry[] = [];
  const read: ChatEntry[] = [];
  const ended: ChatEntry[] = [];
  for (const chat of chats) {
    if (chat.status === 'ended') ended.push(chat);
    else if (chat.unread > 0) unread.push(chat);
    else read.push(chat);
  }
  return { open: [...unread, ...read], ended };
}
