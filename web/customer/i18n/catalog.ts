/** The shape every language's catalog has: en.ts's keys, each a template (plain or plural forms). */
import type { CustomerLineCatalog, Plural } from '../../../src/protocol/systemLines.js';
import type { en } from './en.js';
import type { enFiles } from './enFiles.js';
import type { enOffline } from './enOffline.js';

type Base = Omit<typeof en & typeof enOffline & typeof enFiles, 'system'>;

/** Plain entries stay text, plural entries stay plural; `system` is the shared renderer's catalog (lines customers read). */
export type Catalog = { [Component in keyof Base]: { [Key in keyof Base[Component]]: Base[Component][Key] extends string ? string : Plural } } & {
  system: CustomerLineCatalog;
};

/** The groups loaded with the closed screen and the offline forms (enOffline.ts), with a file's chunk (enFiles.ts), and the rest, loaded with the page. */
export type OfflineCatalog = Pick<Catalog, 'closed' | 'offline'>;
export type FilesCatalog = Pick<Catalog, 'fileUi'>;
export type CoreCatalog = Omit<Catalog, keyof OfflineCatalog | keyof FilesCatalog>;

/** The languages the customer page speaks; English is the base and the fallback. */
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The page's language and the locale for Intl: the first of the browser's languages whose language
 * we speak, with its region ("fr-CA" → French, dates as in Canada); English when none is spoken
 * (then dates in English too, so a page never mixes two languages).
 */
export function pickLanguage(preferred: readonly string[]): { language: Language; locale: string } {
  for (const tag of preferred) {
    let canonical: string;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
    } catch {
      continue;
    }
    const language = canonical.split('-')[0]?.toLowerCase();
    const known = LANGUAGES.find((l) => l === language);
    if (known) return { language: known, locale: canonical };
  }
  return { language: 'en', locale: 'en' };
}
