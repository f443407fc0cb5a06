/** The words of canned replies in the agent console's composer (English), kept apart from its code so they can be translated as a whole. */
export const CANNED_WORDS = {
  listLabel: 'Canned replies',
  /** Read by screen readers while the list is open. */
  count: (n: number) => (n === 0 ? 'No canned reply matches.' : n === 1 ? '1 canned reply. Up and down to choose, Enter or Tab to insert.' : `${n} canned replies. Up and down to choose, Enter or Tab to insert.`),
  none: 'No canned reply matches. Keep typing to send it as a message.',
  hint: 'Type / for canned replies · Enter to send · Shift+Enter for a new line',
} as const;
