/** The words of a failed API call that carries no message of its own (English), kept apart from its code so they can be translated as a whole. */
export const HTTP_WORDS = {
  unreachable: 'Cannot reach the server. Check your connection and try again.',
  /** By HTTP status, when the server's answer has no error body. */
  byStatus: {
    400: 'Some of the values were not accepted.',
    401: 'Please sign in.',
    403: 'You are not allowed to do that.',
    404: 'Not found.',
    409: 'That conflicts with a recent change. Reload and try again.',
    429: 'Too many attempts. Wait a moment and try again.',
  },
  other: (status: number) => `Something went wrong (HTTP ${status}). Try again.`,
} as const;
