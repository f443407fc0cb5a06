/** The words of a chat's thread of messages in the console (English), kept apart from its code so they can be translated as a whole. */
export const THREAD_WORDS = {
  /** The thread's name for screen readers. */
  label: 'Transcript',
  showEarlier: 'Show earlier messages',
  loadingEarlier: 'Loading earlier messages…',
  /** Under the agent's own messages not confirmed yet. */
  sending: 'Sending…',
  waiting: 'Waiting for the message above',
  notSent: (reason: string | null) => `Not sent — ${reason ?? ''}`,
  retry: 'Retry',
  discard: 'Discard',
} as const;
