/** The words of the portal's Translations tab (English), kept apart from its code so they can be translated as a whole. */
export const TRANSLATION_WORDS = {
  tab: 'Translations',
  intro:
    'Customers whose browser reads one of these languages see the queue’s texts in it. A text left empty shows the default text, so you can translate only some of them.',
  languageLegend: 'Language',
  languages: { fr: 'French', es: 'Spanish' } as Record<string, string>,
  progress: (done: number, all: number) => `${done} of ${all} texts translated`,
  defaultCaption: 'Default',
  emptyDefault: '(empty)',
  general: 'General',
  queueName: 'Queue name',
  waitingMessage: (n: number) => `Waiting message ${n}`,
  dataCollection: 'Data Collection form',
  noFields: 'The queue has no Data Collection fields.',
  fieldLabel: (label: string) => `“${label}” label`,
  option: (label: string, n: number) => `“${label}” option ${n}`,
  offline: 'Closed screen',
  closedMessage: 'Closed message',
  noAgentsMessage: 'No agents message',
  specialDay: (date: string) => `Special day ${date}`,
  inLanguage: (what: string, language: string) => `${what} in ${language}`,
  save: 'Save translations',
};
