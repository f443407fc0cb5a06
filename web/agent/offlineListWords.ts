/** The words of the console's "Messages & callbacks" page (English), kept apart from its code so they can be translated as a whole. */
import type { OfflineItemView } from '../../src/protocol/views.js';

export const OFFLINE_LIST_WORDS = {
  title: 'Messages & callbacks',
  intro: 'Left by customers while the queue was closed or no agent was free.',
  refresh: 'Refresh',
  loading: 'Loading…',
  loadFailed: 'Could not load.',
  none: 'No messages or callback requests yet.',
  columns: { type: 'Type', queue: 'Queue', details: 'Details', received: 'Received', status: 'Status' },
  kind: { message: 'Message', callback: 'Callback' } satisfies Record<OfflineItemView['kind'], string>,
  preferredTime: (time: string) => `Preferred time: ${time}`,
  done: 'Done',
  withAgent: (name: string) => `With ${name}`,
  open: 'Open',
} as const;
