/** The words of the console's Chat history (English), kept apart from its code so they can be translated as a whole. */
export const HISTORY_WORDS = {
  title: 'Chat history',
  intro: "Past chats (yours; admins and supervisors see everyone's). Search by the customer's name, email or words written in the chat.",
  searchPlaceholder: 'Search name, email or words…',
  searchLabel: 'Search chat history',
  loading: 'Loading…',
  loadFailed: 'Could not load the history.',
  noMatch: 'No past chat matches.',
  none: 'No past chats yet.',
  listLabel: 'Past chats',
  /** Read by screen readers before the words that matched the search. */
  matched: 'Written in the chat: ',
  messages: (n: number) => `${n} ${n === 1 ? 'message' : 'messages'}`,
  choose: 'Choose a chat to read its transcript.',
} as const;
