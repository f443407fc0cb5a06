/** The words of the console's left column around the lists (English), kept apart from its code so they can be translated as a whole. */
export const SIDEBAR_WORDS = {
  label: 'Chats',
  offline: 'Messages & callbacks',
  /** After the count of messages and callbacks not seen yet, for screen readers. */
  newSuffix: ' new',
  history: 'Chat history',
} as const;
