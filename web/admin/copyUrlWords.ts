/** The words of a queue's Reactive Chat URL field with Copy and Open (English), kept apart from its code so they can be translated as a whole. */
export const COPY_URL_WORDS = {
  copy: 'Copy',
  copied: 'Copied!',
  open: 'Open',
  failed: 'Could not copy automatically. The link is selected: press Ctrl+C (⌘C on Mac).',
  hint: 'Share this link, or put it behind a "Chat with us" button on your website.',
} as const;
