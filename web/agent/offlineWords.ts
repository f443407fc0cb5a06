/** The words of answering a left message or a callback request (English), kept apart so they can be translated as a whole. */
import type { OfflineItemView } from '../../src/protocol/views.js';

export const OFFLINE_WORDS = {
  outcome: {
    reached: 'Customer reached',
    no_answer: 'No answer',
    rescheduled: 'Rescheduled',
  } satisfies Record<Exclude<NonNullable<OfflineItemView['outcome']>, 'replied'>, string>,
  /** A reply by email, by the state of its mail in the outbox. */
  reply: {
    queued: 'Reply queued — not sent yet',
    sent: 'Replied by email',
    failed: 'Reply not delivered — an admin can send it again from the portal’s Mail page',
    kept: 'Reply kept in the outbox — this server sends no mail',
  } satisfies Record<NonNullable<OfflineItemView['replyMail']>, string>,
  by: (name: string) => ` by ${name}`,
  tryAgain: (time: string) => `; try again: ${time}`,
  replyByEmail: 'Reply by email',
  reached: 'Reached',
  noAnswer: 'No answer…',
  reschedule: 'Reschedule…',
  newTime: 'New time',
  newTimePlaceholder: 'New time, e.g. Friday 10 am',
  retryTime: 'Try again at (optional)',
  retryTimePlaceholder: 'e.g. today 4 pm — leave empty to close the request',
  replyLabel: 'Reply',
  writeTo: (email: string | null) => `Write to ${email ?? 'the customer'}…`,
  note: 'Note',
  notePlaceholder: 'Note (optional)',
  sendReply: 'Send reply',
  save: 'Save',
  cancel: 'Cancel',
  couldNotSave: 'Could not save. Try again.',
};
