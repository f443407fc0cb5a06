/** The words of internal notes in the agent console (English), kept apart from its code so they can be translated as a whole. */
export const NOTE_WORDS = {
  /** The composer's two modes. */
  modesLabel: 'What you write',
  reply: 'Reply',
  note: 'Internal note',
  notePlaceholder: 'Write a note for your team — the customer never sees it…',
  noteLabel: 'Internal note',
  add: 'Add note',
  adding: 'Adding…',
  noteHint: 'Staff only · Enter to add · Shift+Enter for a new line',
  /** Above a note in the transcript. */
  badge: 'Note',
  from: (name: string, role: 'agent' | 'supervisor' | 'admin') => (role === 'agent' ? name : `${name} (${role})`),
  staffOnly: 'Staff only — the customer does not see this.',
  offline: 'Not connected: the note was not added. Try again when the console is back online.',
} as const;
