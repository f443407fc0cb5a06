/** General Settings → chat files (attachments): the portal's words, apart from the code. */
export const ATTACHMENT_WORDS = {
  enabled: 'Customers and agents can send files',
  enabledHint: 'Images (PNG, JPEG, GIF, WebP) and PDF. The type is checked from the file’s content; anything else is refused.',
  offHint: 'Nobody can send files in this queue’s chats; files already sent stay in the transcripts.',
  maxLabel: 'Largest file (MB)',
  maxHint: 'Larger files are refused with the reason. The server may set a lower limit for every queue (ATTACHMENT_MAX_MB).',
} as const;
