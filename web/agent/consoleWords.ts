/** The words of the agent console's frame (English): its title, sign-in, notices and the empty centre, kept apart from its code so they can be translated as a whole. */
export const CONSOLE_WORDS = {
  /** The tab's title (web/agent/index.html holds the same words for the first paint). */
  title: 'Agent console — Reactive Chat',
  /** The title with what waits for the agent counted first: offers, and chats with unread messages. */
  titleWaiting: (waiting: number) => `(${waiting}) Agent console — Reactive Chat`,
  /** The sign-in card's heading. */
  signIn: 'Agent console',
  dismiss: 'Dismiss',
  /** The centre while no chat is open. */
  noChat: 'No chat selected',
  offerWaiting: 'A customer is waiting: accept the offer on the left.',
  available: 'You are available. New chats will appear under Incoming.',
  setAvailable: 'Set your status to Available to start receiving chats.',
  /** Why the sign-in card shows again. */
  signedOut: 'You were signed out. Sign in again.',
  sessionEnded: 'Your session has ended. Sign in again.',
  forbiddenOrigin: 'This console must be opened from its own address.',
  notConnected: 'Not connected.',
  noResponse: 'No response from the server. Check your connection.',
  /** Chats the server gave back to the line while the console was away too long. */
  takenBack: (count: number) =>
    count === 1
      ? 'A chat went back in line for another agent: your console lost its connection for too long.'
      : `${count} chats went back in line for other agents: your console lost its connection for too long.`,
} as const;
