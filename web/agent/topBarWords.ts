/** The words of the console's top bar (English): product, status, chat load, kept apart from its code so they can be translated as a whole. */
export const TOP_BAR_WORDS = {
  product: 'Reactive Chat',
  app: 'Agent console',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  statusLabel: 'Status',
  available: 'Available',
  away: 'Away',
  offline: 'Offline',
  notResponding: 'Not responding — set Available to take chats',
  notRespondingHint: 'An offered chat timed out, so it went to another agent.',
  load: 'Chats',
  loadHint: 'Active chats / capacity',
} as const;
