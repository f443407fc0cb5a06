/** The words of the customer's details beside a chat (English), kept apart from its code so they can be translated as a whole. */
export const DETAILS_WORDS = {
  title: 'Customer details',
  noChat: 'Select a chat to see what the customer entered.',
  none: 'This queue collected no details.',
} as const;
