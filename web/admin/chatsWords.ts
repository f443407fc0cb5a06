/** The words of the portal's Chats in progress page (English), kept apart from its code so they can be translated as a whole. */
import type { OpenChatView } from '../../src/protocol/admin.js';

export const CHATS_WORDS = {
  nav: 'Chats in progress',
  title: 'Chats in progress',
  intro: 'Every chat waiting, offered or in progress, oldest first. End a chat that is stuck: both sides are told, and it is recorded in the audit log.',
  refresh: 'Refresh',
  loading: 'Loading…',
  loadFailed: 'Could not load the chats.',
  none: 'No chats are open right now.',
  columns: { customer: 'Customer', queue: 'Queue', agent: 'Agent', status: 'Status', since: 'Since', lastActivity: 'Last activity', actions: 'Actions' },
  status: { queued: 'Waiting', offered: 'Offered', active: 'In progress' } satisfies Record<OpenChatView['status'], string>,
  /** Beside an agent whose console is not connected. */
  disconnected: 'Disconnected',
  /** How long a chat has been quiet. */
  justNow: 'just now',
  minutesAgo: (minutes: number) => `${minutes} min ago`,
  hoursAgo: (hours: number) => `${hours} h ago`,
  daysAgo: (days: number) => `${days} days ago`,
  end: 'End chat',
  endLabel: (customer: string) => `End chat with ${customer}`,
  endTitle: (customer: string) => `End the chat with ${customer}?`,
  endConfirm: 'End chat',
  endFailed: 'Could not end the chat.',
  /** Who the chat ends for: the customer, or the customer and their agent. */
  endBody: (who: string) => `The chat ends for ${who}. They read “This chat was ended by an administrator”. The transcript is kept.`,
  customerAndAgent: (customer: string, agent: string) => `${customer} and ${agent}`,
  ended: (customer: string) => `The chat with ${customer} has ended.`,
} as const;
