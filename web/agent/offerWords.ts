/** The words of offers waiting for the agent, and of their desktop notification (English), kept apart from its code so they can be translated as a whole. */
import type { OfflineItemView } from '../../src/protocol/views.js';

export const OFFER_WORDS = {
  incoming: 'Incoming',
  none: 'No chats waiting for you.',
  chatLabel: (customer: string) => `Chat offer from ${customer}`,
  countdown: (seconds: number) => `${seconds} s`,
  countdownLabel: (seconds: number) => `${seconds} seconds left to accept`,
  accept: 'Accept',
  decline: 'Decline',
  /** A left message or callback request offered: its badge, and who left it when they gave no name. */
  kind: { message: 'Message', callback: 'Callback' } satisfies Record<OfflineItemView['kind'], string>,
  someone: 'Customer',
  offlineLabel: (kind: OfflineItemView['kind'], who: string) => `${kind === 'message' ? 'Message' : 'Callback request'} from ${who}`,
  notification: (customer: string) => `New chat: ${customer}`,
  notificationBody: (queue: string) => `${queue} — accept it in the agent console.`,
} as const;
