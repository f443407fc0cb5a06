/** The words of the portal's Customer data page (English), kept apart from its code so they can be translated as a whole. */
import type { ErasureCounts } from '../../src/protocol/privacy.js';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export const PRIVACY_WORDS = {
  nav: 'Customer data',
  title: 'Customer data',
  intro: 'Export or erase what a customer left with you: their chats, left messages, callback requests and mails.',
  email: "Customer's email address",
  phone: 'Phone number (optional)',
  phoneHint: 'Callback requests carry a phone number rather than an email address.',
  export: 'Export',
  erase: 'Erase…',
  failed: 'Something went wrong. Try again.',
  exported: (n: Omit<ErasureCounts, 'files'>) =>
    `Exported ${plural(n.chats, 'chat')}, ${plural(n.leftMessages, 'left message')}, ${plural(n.callbacks, 'callback request')} and ${plural(n.mails, 'mail')}.`,
  erased: (n: ErasureCounts) =>
    `Erased ${plural(n.chats, 'chat')}, ${plural(n.leftMessages, 'left message')}, ${plural(n.callbacks, 'callback request')} and ${plural(n.mails, 'mail')}.${n.files ? ` ${plural(n.files, 'file')} deleted.` : ''} The audit log records it.`,
  confirmTitle: "Erase this customer's data?",
  /** Around the customer's email address, in bold. */
  confirmBefore: 'Every chat of ',
  confirmAfter: ' is anonymised and their left messages, callback requests and mails are deleted. Open chats are closed. This cannot be undone.',
  confirm: 'Erase',
  cancel: 'Cancel',
} as const;
