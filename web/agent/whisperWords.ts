/** The words of whispers in the agent console (English), kept apart from its code so they can be translated as a whole. */
export const WHISPER_WORDS = {
  /** Shown above a whisper: who wrote it, and that the customer does not see it. */
  from: (name: string) => `Whisper from ${name}`,
  onlyYou: 'Only you see this — the customer does not.',
} as const;
