/** Words of the staff transcript downloads and survey answers (agent console history, portal history). */
export const TRANSCRIPT_WORDS = {
  downloadText: 'Download transcript (.txt)',
  downloadHtml: 'Download transcript (.html)',
  downloadFailed: 'Could not download the transcript.',
  surveyLabel: 'Customer rating',
  rating: (n: number) => `${n} out of 5 stars`,
  noSurvey: 'Not rated',
  comment: 'Comment',
} as const;
