/**
 * The customer page's language, chosen once from the browser's languages
 * (navigator.languages), and its messages as Nano Stores (@nanostores/i18n;
 * the stores are defined in messages.ts).
 *
 * Exactly one catalog is fetched, the reader's (en, fr and es are chunks of
 * their own), before the first render, so nothing flashes in another
 * language and the page stays within its size budget (a French reader does
 * not download English too). That catalog is the i18n's base locale: every
 * key is there (TypeScript and catalogs.test.ts check it), so the library
 * never fetches missing words later. Intl formats dates and times in
 * `intlLocale` (the browser's own tag, e.g. "fr-CA"), so a page never mixes
 * two clocks.
 */
import { type ComponentsJSON, createI18n } from '@nanostores/i18n';
import { atom } from 'nanostores';
import { type CoreCatalog, type Language, type OfflineCatalog, pickLanguage } from './catalog.js';
import { defineOfflineWords, defineWords } from './messages.js';

const preferred = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
const chosen = pickLanguage(preferred);

export const language: Language = chosen.language;
export const intlLocale: string = chosen.locale;

function loadCatalog(code: Language): Promise<CoreCatalog> {
  if (code === 'fr') return import('./fr.js').then((m) => m.fr);
  if (code === 'es') return import('./es.js').then((m) => m.es);
  return import('./en.js').then((m) => m.en);
}

/**
 * The page's i18n: its locale never changes and is the base locale, so every store it defines
 * holds the reader's words at once (`get` only answers a locale that is not the base, which
 * never happens).
 */
export const i18n = createI18n(atom<Language>(language), {
  baseLocale: language,
  get: (code) => loadCatalog(code as Language) as unknown as Promise<ComponentsJSON>,
});

/** Fetches the reader's catalog and defines the page's message stores from it; call before rendering. */
export async function prepareLanguage(): Promise<void> {
  document.documentElement.lang = language;
  let catalog: CoreCatalog;
  try {
    catalog = await loadCatalog(language);
  } catch {
    // A chunk that cannot be fetched leaves the page unable to start anyway (its other chunks are
    // fetched the same way); the app then shows its own error after this retry.
    catalog = await loadCatalog(language);
  }
  defineWords(i18n, catalog);
}

/** A part of the reader's words fetched with the screens that use them (defined into `words`): once, again after a failed fetch. */
export function laterWords<C>(load: (code: Language) => Promise<C>, define: (catalog: C) => void): () => Promise<void> {
  let words: Promise<void> | null = null;
  return () =>
    (words ??= load(language).then(
      (catalog) => define(catalog),
      (error: unknown) => {
        words = null;
        throw error;
      },
    ));
}

/** Fetches the closed screen's and offline forms' words and defines them. */
export const prepareOfflineWords = laterWords<OfflineCatalog>((code) => {
  if (code === 'fr') return import('./frOffline.js').then((m) => m.frOffline);
  if (code === 'es') return import('./esOffline.js').then((m) => m.esOffline);
  return import('./enOffline.js').then((m) => m.enOffline);
}, (catalog) => defineOfflineWords(i18n, catalog));
