/** The after-chat panel's entry: the component and the reader's words, fetched together when a chat ends. */
import type { AfterWords } from './words/afterEn.js';

export { AfterChat } from './AfterChat.js';

export function loadAfterWords(language: string): Promise<AfterWords> {
  if (language === 'fr') return import('./words/afterFr.js').then((m) => m.fr);
  if (language === 'es') return import('./words/afterEs.js').then((m) => m.es);
  return import('./words/afterEn.js').then((m) => m.en);
}
