/** The words of saving a settings form in the portal (English), kept apart from its code so they can be translated as a whole. */
export const SAVE_WORDS = {
  save: 'Save',
  saved: 'Saved',
  failed: 'Could not save.',
  correct: 'Please correct the highlighted fields.',
  notSaved: 'Nothing was saved. Please correct the highlighted fields.',
} as const;
