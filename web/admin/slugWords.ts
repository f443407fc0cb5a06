/** The words of a queue's address (the chat URL's last part) in General Settings (English), kept apart so they can be translated as a whole. */
export const SLUG_WORDS = {
  label: 'Chat address',
  hint: 'The last part of the Reactive Chat URL: lowercase letters, digits and hyphens.',
  /** Shown as soon as the address differs from the saved one. */
  warning:
    'Changing the address breaks the current link: customers who open it, or reload a chat they started there, are told the link is not valid. After saving, update the links you shared and the website snippet.',
  confirmTitle: 'Change the chat address?',
  confirmBody: (from: string, to: string) => `The Reactive Chat URL changes from ${from} to ${to}. The old link stops working at once.`,
  confirmLabel: 'Change address and save',
  failure: 'Could not save.',
};
