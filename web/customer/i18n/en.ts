/**
 * The customer page's words in English: the base catalog. fr.ts and es.ts
 * carry the same keys (checked by catalogs.test.ts). `{name}` placeholders are
 * filled in by the page; `{ one, other }` entries are plural forms chosen by
 * Intl.PluralRules for `{count}`. Queue texts set by admins (form labels,
 * greeting, closed message) are not here: they are shown as configured.
 */
import { customerLines } from '../../../src/protocol/systemLines.js';
import { SYSTEM_LINES_EN } from '../../../src/protocol/systemLinesEn.js';

// Not typed as Catalog: Catalog is derived from this object's keys.
export const en = {
  app: {
    chat: 'Chat',
    pageTitle: '{queue} — Chat',
    loading: 'Loading…',
    invalidTitle: 'This chat link is not valid',
    invalidText: 'Please check the link you were given, or contact the company that sent it to you.',
    failedTitle: 'We couldn’t open the chat',
    tryAgain: 'Try again',
    somethingWrong: 'Something went wrong. Please try again.',
    /** The website widget's launcher while closed (web/widget/loader.ts fills in the count). */
    unread: 'Unread messages: {count}',
  },
  form: {
    intro: 'Tell us a little about yourself and we’ll connect you with the next available agent.',
    requiredNote: 'Fields marked with {mark} are required.',
    asterisk: 'an asterisk',
    choose: 'Choose…',
    send: 'Send',
    /** Said (politely, to screen readers too) when the queue's form changed while the customer was on it. */
    changed: 'This form has changed: please check the fields.',
  },
  errors: {
    required: '{label} is required.',
    tooLong: '{label} must be at most {max} characters.',
    email: 'Enter a valid email address, like name@example.com.',
    phone: 'Enter a valid phone number.',
    choose: 'Choose one of the options for {label}.',
    invalid: '{label} is not valid.',
    validation: 'Some of what you entered was not accepted. Check it and try again.',
    notFound: 'This chat is no longer available.',
    waitMinutes: { one: 'Too many attempts. Please wait {count} minute and try again.', other: 'Too many attempts. Please wait {count} minutes and try again.' },
    tooFast: 'Too many attempts at once. Please wait a moment.',
    busy: 'We are very busy right now. Please try again in a moment.',
    unreachable: 'Cannot reach the server. Check your connection and try again.',
    notTaken: 'This queue does not take these requests right now.',
  },
  waiting: {
    title: 'Connecting you to an agent',
    listLabel: 'Waiting in queue',
    next: 'You are next in line.',
    position: 'You are number {position} in line.',
    waitUnderMinute: 'Estimated wait time: less than a minute',
    waitMinutes: { one: 'Estimated wait time: about {count} minute', other: 'Estimated wait time: about {count} minutes' },
    againTitle: 'Connecting you to another agent',
    closedTitle: 'This queue has closed',
    lateTitle: 'Still waiting?',
    placeKept: 'Your place in line is kept until we open again.',
    otherWay: 'You can also contact us another way:',
    keepWaiting: 'You can keep waiting, or contact us another way:',
    patience: 'Thank you for your patience: you keep your place in line.',
    nobodyAvailable: 'No agent is available right now. You keep your place in line.',
    nobodyTitle: 'Nobody can answer right now',
    waitingForAgentTitle: 'Waiting for an agent to be available',
  },
  chat: {
    endChat: 'End Chat',
    endFailed: 'Could not end the chat. Try again.',
    endConfirmTitle: 'End this chat?',
    endConfirmBody: 'You will not be able to send more messages in this chat. You can start a new one afterwards.',
    endConfirmCancel: 'Keep chatting',
    lost: 'This chat is no longer available.',
    newChat: 'Start a new chat',
    reconnecting: 'Reconnecting…',
    ended: 'This chat has ended.',
    endedByYou: 'You ended the chat.',
    endedAbandoned: 'You were away too long, so your place in line was given up.',
    endedGone: 'You were away too long, so the chat was closed.',
    conversation: 'Conversation',
    you: 'You',
    youSaid: 'You said:',
    theySaid: '{name} said:',
    notSent: 'Not sent — {reason}',
    retry: 'Retry',
    remove: 'Remove',
    waitingAbove: 'Waiting for the message above',
    sending: 'Sending…',
    typing: '{name} is typing',
    composerLabel: 'Type your message',
    composerPlaceholder: 'Type your message…',
    send: 'Send',
  },
  files: {
    attach: 'Attach a file',
    attachHint: 'Images or PDF, up to {max}',
    failed: 'The file could not be sent. Try again.',
    dismiss: 'Dismiss',
  },
  system: customerLines(SYSTEM_LINES_EN),
};
