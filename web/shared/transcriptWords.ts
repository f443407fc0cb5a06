/** Words of the staff transcript downloads and survey answers (agent console history, portal history). */
export const TRANSCRIPT_WORDS = {
  downloadText: 'Download transcript (.txt)',
  downloadHtml: 'Download transcript (.html)',
  downloadFailed: 'Could not download the transcript.',
  /** A refused download that gave no reason: its HTTP status. */
  downloadStatus: (status: number) => `HTTP ${status}`,
  surveyLabel: 'Customer rating',
  rating: (n: number) => `${n} out of 5 stars`,
  noSurvey: 'Not rated',
  comment: 'Comment',
} as const;
