/** The words shown while a staff app loads its session, or when it could not (English), kept apart from its code so they can be translated as a whole. */
export const SESSION_WORDS = {
  loading: 'Loading…',
  tryAgain: 'Try again',
  loadFailed: 'Could not load your session.',
  /** Under the reason, while the page tries again by itself (the server could not be reached or was busy). */
  retrying: 'Trying again by itself…',
} as const;
