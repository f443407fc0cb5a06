/** The words of General Settings' "Offer the offline options after (minutes)" field (English), kept apart so they can be translated as a whole. */
export const MAX_WAIT_WORDS = {
  label: 'Offer the offline options after (minutes)',
  hint: 'A customer who has waited this long can also leave a message or ask for a callback. From 0.5 to 1,440 minutes (24 hours).',
  notANumber: 'Enter a number of minutes, e.g. 5 or 0.5.',
  tooShort: 'At least 0.5 minutes (30 seconds).',
  tooLong: 'At most 1,440 minutes (24 hours).',
};
