/** The words of the portal's Mail page (English), kept apart from its code so they can be translated as a whole. */
export const MAIL_WORDS = {
  nav: 'Mail',
  title: 'Mail',
  /** With how many attempts a mail gets, once the list is loaded. */
  intro: (maxAttempts: number | null) =>
    `Left messages mailed to your queues and agents' replies to customers, the latest 200. Mail the mail server does not take is tried again${maxAttempts === null ? '' : ` (up to ${maxAttempts} attempts)`} before it is marked failed.`,
  refresh: 'Refresh',
  notSending: 'No mail server is set up (SMTP_URL), so mail is kept here and not sent.',
  failedCount: (n: number) => `${n} ${n === 1 ? 'mail' : 'mails'} failed: check the address and the error, then send again. `,
  waitingCount: (n: number) => `${n} waiting to be sent.`,
  loading: 'Loading…',
  loadFailed: 'Could not load the mail.',
  none: 'No mail yet.',
  columns: { when: 'When', to: 'To', subject: 'Subject', status: 'Status', lastError: 'Last error', action: 'Action' },
  status: { sent: 'Sent', failed: 'Failed', sending: 'Sending', kept: 'Kept, not sent', retrying: 'Retrying', waiting: 'Waiting' },
  attempts: (n: number) => (n === 0 ? 'not tried yet' : `${n} ${n === 1 ? 'attempt' : 'attempts'}`),
  sentAt: (time: string) => `at ${time}`,
  nextTry: (time: string) => `next try ${time}`,
  sendAgain: 'Send again',
  sendAgainLabel: (subject: string) => `Send again: ${subject}`,
  requeued: (subject: string) => `“${subject}” is queued to be sent again.`,
  sendFailed: 'Could not send it again.',
} as const;
