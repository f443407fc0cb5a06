/** The words of a queue's Agents tab (English), kept apart from its code so they can be translated as a whole. */
export const AGENTS_TAB_WORDS = {
  intro: (chosen: number, all: number) => `Chats of this queue are offered to the chosen agents while they are Available. ${chosen} of ${all} chosen.`,
  none: 'Your company has no agents yet.',
  addPeople: 'Add people',
  deactivated: 'Deactivated',
} as const;
