/** The words of a queue's Offline Options tab (English), kept apart from its code so they can be translated as a whole. */
export const OFFLINE_OPTIONS_WORDS = {
  /** With what customers can do, in one sentence. */
  intro: (summary: string) => `Offered when the queue is closed, when no agent is available, when too many customers wait, and to customers who have waited long. ${summary}`,
  both: 'Customers can leave a message or ask for a callback.',
  messageOnly: 'Customers can leave a message.',
  callbackOnly: 'Customers can ask for a callback.',
  neither: 'Customers see only the closed message.',
  leaveMessage: 'Leave a message by email',
  email: 'Address that receives the messages',
  callback: 'Request a callback',
  callbackHint: 'Customers give their name, phone number and a good time to call. Agents find the requests in their console.',
  closedMessage: 'Closed message',
  closedHint: 'Shown when the queue is closed by its switch or its working hours.',
  noAgentsMessage: 'No agents message',
  noAgentsHint: 'Shown when the queue is open but no agent is available.',
} as const;
