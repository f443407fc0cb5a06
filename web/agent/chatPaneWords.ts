/** The words of the open chat's header, typing line and end (English), kept apart from its code so they can be translated as a whole. */
export const CHAT_PANE_WORDS = {
  close: 'Close',
  typing: (name: string) => `${name} is typing`,
  ended: 'Chat ended',
  /** Under "Chat ended": who or what ended it. */
  endedByCustomer: (customer: string) => `${customer} ended the chat.`,
  endedByYou: 'You left this chat.',
  customerGone: (customer: string) => `${customer} left the chat (closed the page and did not come back).`,
  abandoned: (customer: string) => `${customer} left the line.`,
  inactivity: 'Closed after a time without messages.',
  over: 'This chat is over.',
} as const;
