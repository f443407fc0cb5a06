/** The words every portal dialog shares (English), kept apart from its code so they can be translated as a whole. */
export const DIALOG_WORDS = {
  close: 'Close',
  cancel: 'Cancel',
} as const;
