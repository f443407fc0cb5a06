/**
 * The after-chat panel's words in English (survey and transcript). A chunk of its own per language,
 * fetched with the panel when a chat ends, so the page's first load does not carry them.
 * afterFr.ts and afterEs.ts have the same keys (AfterWords); `{n}` is filled by the panel.
 */
export const en = {
  surveyTitle: 'How was your chat?',
  ratingLegend: 'Your rating',
  ratings: ['1 star: poor', '2 stars: fair', '3 stars: good', '4 stars: very good', '5 stars: excellent'],
  comment: 'Comment (optional)',
  commentHint: 'At most {n} characters.',
  submit: 'Send rating',
  chooseRating: 'Choose a rating from 1 to 5 stars.',
  thanks: 'Thank you for your feedback.',
  alreadyRated: 'You have already rated this chat. Thank you!',
  transcriptTitle: 'Your transcript',
  downloadText: 'Download as text',
  downloadHtml: 'Download as web page',
  email: 'Email address',
  sendEmail: 'Email me the transcript',
  emailInvalid: 'Enter a valid email address, like name@example.com.',
  emailQueued: 'The transcript is on its way to {email}.',
  failed: 'That did not work. Please try again.',
};

export type AfterWords = { [K in keyof typeof en]: (typeof en)[K] extends string[] ? string[] : string };
