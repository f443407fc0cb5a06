/** The words of chat files in the agent console (English), kept apart from its code so they can be translated as a whole. */
export const FILE_WORDS = {
  attach: 'Attach a file',
  attachHint: 'Images (PNG, JPEG, GIF, WebP) or PDF',
  /** The icon of a PDF in a chat. */
  pdfIcon: 'PDF',
  sending: (name: string) => `Sending ${name}…`,
  notSent: (name: string, reason: string) => `${name} was not sent: ${reason}`,
  failed: 'The file could not be sent. Try again.',
  dismiss: 'Dismiss',
  openImage: (name: string) => `Open ${name} full size (new tab)`,
  download: (name: string, size: string) => `Download ${name}, ${size}`,
  size: (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`),
} as const;
