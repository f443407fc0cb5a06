/** The words of the Client Admin Portal's frame (English): sign-in, sidebar and account, kept apart from its code so they can be translated as a whole. */
export const PORTAL_WORDS = {
  product: 'Client Admin Portal',
  signInSubtitle: 'Sign in to configure your chat queues.',
  /** An agent who signed in here: the way to the console. */
  notAdmin: 'This portal is for client administrators and supervisors.',
  signedInAs: (email: string) => `You are signed in as ${email}. Agents answer chats in the `,
  agentConsole: 'agent console',
  agentConsoleAfter: '.',
  signOut: 'Sign out',
  sessionEnded: 'Your session has ended. Sign in again.',
  /** The sidebar's navigation, by who signed in. */
  adminNav: 'Administration',
  supervisorNav: 'Supervision',
} as const;
