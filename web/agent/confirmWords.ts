/** The words of the console's End chat and Sign out confirmations (English), kept apart so they can be translated as a whole. */
export const CONFIRM_WORDS = {
  endChat: 'End chat',
  endTitle: (customer: string) => `End the chat with ${customer}?`,
  endBody: (customer: string) => `${customer} will read that you left the chat, and nobody can write in it any more.`,
  endConfirm: 'End chat',
  endCancel: 'Keep chatting',
  signOut: 'Sign out',
  signOutTitle: (open: number) => (open === 1 ? 'Sign out with a chat open?' : `Sign out with ${open} chats open?`),
  signOutBody: 'Once you are signed out, your chats in progress go back in line for another agent. The customers keep their conversation.',
  signOutConfirm: 'Sign out',
  signOutCancel: 'Stay signed in',
};
