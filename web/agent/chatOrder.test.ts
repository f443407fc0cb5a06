/** "My chats" order: in progress first (unread on top, otherwise as they came), ended apart. */
import { describe, expect, it } from 'vitest';
import { orderChats } from './chatOrder.js';
import type { ChatEntry } from './state.js';

const chat = (chatId: string, status: ChatEntry['status'], unread = 0): ChatEntry => ({
  chatId,
  queueName: 'Support',
  filesAllowed: true,
  customerName: chatId,
  customerData: [],
  status,
  endedBy: status === 'ended' ? 'customer' : null,
  transferNote: null,
  outgoing: null,
  events: [],
  hasOlder: false,
  pending: [],
  unread,
  typingName: null,
});

describe('orderChats', () => {
  it('puts chats in progress above ended ones, unread first, keeping arrival order otherwise', () => {
    const { open, ended } = orderChats([chat('e1', 'ended', 2), chat('a', 'active'), chat('e2', 'ended'), chat('b', 'active', 3), chat('c', 'active'), chat('d', 'active', 1)]);
    expect(open.map((c) => c.chatId)).toEqual(['b', 'd', 'a', 'c']);
    expect(ended.map((c) => c.chatId)).toEqual(['e1', 'e2']);
  });

  it('keeps an empty list empty', () => {
    expect(orderChats([])).toEqual({ open: [], ended: [] });
  });
});
