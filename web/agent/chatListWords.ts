/** The words of the console's chat list (English), kept apart from its code so they can be translated as a whole. */
export const CHAT_LIST_WORDS = {
  title: 'My chats',
  empty: 'Chats you accept appear here.',
  ended: 'Ended',
  endedSection: 'Ended',
  endedListLabel: 'Ended chats',
  unread: (n: number) => `${n} unread`,
  unreadSuffix: ' unread',
  typing: 'Typing…',
  /** The preview of a chat whose newest message is the agent's own. */
  mine: (body: string) => `You: ${body}`,
  noMessages: 'No messages yet',
};
