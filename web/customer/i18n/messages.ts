/**
 * The page's words, one part per part of the page, defined from the reader's
 * catalog by prepareLanguage() before the first render: entries with
 * placeholders become functions (`params`), plural entries take a count
 * (`plurals`, Intl.PluralRules; templates.ts). Components read them when
 * rendering, e.g. `words.chat.get().endChat`; the language never changes while
 * the page is open.
 */
import type { CoreCatalog, OfflineCatalog } from './catalog.js';
import type { FileWords } from './fileWords.js';
import { params, part, plurals } from './templates.js';

function define(locale: string, c: CoreCatalog) {
  const count = plurals(locale);
  return {
    app: part({ ...c.app, pageTitle: params<{ queue: string }>(c.app.pageTitle) }),
    form: part(c.form),
    errors: part({
      ...c.errors,
      required: params<{ label: string }>(c.errors.required),
      tooLong: params<{ label: string; max: number }>(c.errors.tooLong),
      choose: params<{ label: string }>(c.errors.choose),
      invalid: params<{ label: string }>(c.errors.invalid),
      waitMinutes: count(c.errors.waitMinutes),
    }),
    waiting: part({
      ...c.waiting,
      position: params<{ position: number }>(c.waiting.position),
      waitMinutes: count(c.waiting.waitMinutes),
    }),
    chat: part({
      ...c.chat,
      theySaid: params<{ name: string }>(c.chat.theySaid),
      notSent: params<{ reason: string }>(c.chat.notSent),
      typing: params<{ name: string }>(c.chat.typing),
    }),
    files: part({ ...c.files, attachHint: params<{ max: string }>(c.files.attachHint) }),
    // Plain templates: the shared renderer (src/protocol/systemLines.ts) fills them in.
    system: part(c.system),
  };
}

/** The closed screen's and the offline forms' words: defined when those screens are fetched (lazyOffline.tsx). */
function defineOffline(c: OfflineCatalog) {
  return {
    closed: part({ ...c.closed, timesIn: params<{ zone: string }>(c.closed.timesIn) }),
    offline: part(c.offline),
  };
}

export type Words = ReturnType<typeof define> & ReturnType<typeof defineOffline> & FileWords;

/** Filled before the first render by defineWords; `closed` and `offline` only once their screens are fetched, `fileUi` with the file chunk. */
export const words = {} as Words;

export function defineWords(locale: string, catalog: CoreCatalog): void {
  Object.assign(words, define(locale, catalog));
}

export function defineOfflineWords(catalog: OfflineCatalog): void {
  Object.assign(words, defineOffline(catalog));
}
