/** The words of the console's narrow layouts (phone and tablet, English), kept apart from its code so they can be translated as a whole. */
export const LAYOUT_WORDS = {
  /** The Back button of the open chat (or list of messages, or history) on a phone: visible word, then its full name. */
  back: 'Back',
  backLabel: 'Back to chats',
  /** In Chat history on a phone: from a transcript to the list of past chats. */
  backToPast: 'Past chats',
  backToPastLabel: 'Back to past chats',
  /** The button that shows the customer's details where there is no room for their column. */
  details: 'Details',
  detailsLabel: 'Customer details',
} as const;
