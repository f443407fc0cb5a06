/**
 * The customer page's language, chosen once from the browser's languages
 * (navigator.languages), and its messages as Nano Stores (@nanostores/i18n).
 *
 * Exactly one catalog is fetched, the reader's (en, fr and es are chunks of
 * their own), before the first render, so nothing flashes in another
 * language and the page stays within its size budget (a French reader does
 * not download English too). That catalog is the i18n's base locale: every
 * key is there (TypeScript and catalogs.test.ts check it), so nothing is
 * ever fetched later. Intl formats dates and times in `intlLocale` (the
 * browser's own tag, e.g. "fr-CA"), so a page never mixes two clocks.
 */
import { type ComponentsJSON, createI18n } from '@nanostores/i18n';
import { atom } from 'nanostores';
import { type Catalog, type Language, pickLanguage } from './catalog.js';
import { defineWords } from './messages.js';

const preferred = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
const chosen = pickLanguage(preferred);

export const language: Language = chosen.language;
export const intlLocale: string = chosen.locale;

function loadCatalog(code: Language): Promise<Catalog> {
  if (code === 'fr') return import('./fr.js').then((m) => m.fr);
  if (code === 'es') return import('./es.js').then((m) => m.es);
  return import('./en.js').then((m) => m.en);
}

const i18n = createI18n(atom<Language>(language), {
  baseLocale: language,
  get: (code) => loadCatalog(code as Language) as unknown as Promise<ComponentsJSON>,
});

/** Fetches the reader's catalog and defines the page's message stores from it; call before rendering. */
export async function prepareLanguage(): Promise<void> {
  document.documentElement.lang = language;
  let catalog: Catalog;
  try {
    catalog = await loadCatalog(language);
  } catch {
    // A chunk that cannot be fetched leaves the page unable to start anyway (its other chunks are
    // fetched the same way); the app then shows its own error after this retry.
    catalog = await loadCatalog(language);
  }
  defineWords(i18n, catalog);
}
