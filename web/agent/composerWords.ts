/** The words of the console's message box (English), kept apart from its code so they can be translated as a whole. */
export const COMPOSER_WORDS = {
  label: 'Message',
  placeholder: 'Type a message…',
  endedPlaceholder: 'This chat has ended',
  hint: 'Enter to send · Shift+Enter for a new line',
  /** Near the length limit: how much of it is used. */
  count: (length: number, max: number) => `${length} / ${max}`,
  send: 'Send',
} as const;
