/** The words of a long customer text's preview (English), kept apart so they can be translated as a whole. */
export const LONG_TEXT_WORDS = {
  showMore: 'Show more',
  showLess: 'Show less',
  /** Read after "Show more" by screen readers: how much is hidden. */
  hiddenCount: (n: string) => ` (${n} more characters)`,
};
