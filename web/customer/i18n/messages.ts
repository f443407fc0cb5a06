/**
 * The page's message stores (@nanostores/i18n), one per part of the page,
 * defined from the reader's catalog by prepareLanguage() before the first
 * render: entries with placeholders become functions (the library's `params`),
 * plural entries take a count (its `count`, Intl.PluralRules). Components read
 * them when rendering, e.g. `words.chat.get().endChat`; the language never
 * changes while the page is open.
 */
import { count, type I18n, type Translations } from '@nanostores/i18n';
import { params } from './textParams.js';
import type { CustomerLineCatalog } from '../../../src/protocol/systemLines.js';
import type { CoreCatalog, OfflineCatalog } from './catalog.js';
import type { FileWords } from './fileWords.js';

function define(i18n: I18n, c: CoreCatalog) {
  return {
    app: i18n('app', { ...c.app, pageTitle: params<{ queue: string }>(c.app.pageTitle) }),
    form: i18n('form', c.form),
    errors: i18n('errors', {
      ...c.errors,
      required: params<{ label: string }>(c.errors.required),
      tooLong: params<{ label: string; max: number }>(c.errors.tooLong),
      choose: params<{ label: string }>(c.errors.choose),
      invalid: params<{ label: string }>(c.errors.invalid),
      waitMinutes: count(c.errors.waitMinutes as { other: string }),
    }),
    waiting: i18n('waiting', {
      ...c.waiting,
      position: params<{ position: number }>(c.waiting.position),
      // Typed by its `other` form: count() picks the form for the number among all that the catalog has.
      waitMinutes: count(c.waiting.waitMinutes as { other: string }),
    }),
    chat: i18n('chat', {
      ...c.chat,
      theySaid: params<{ name: string }>(c.chat.theySaid),
      notSent: params<{ reason: string }>(c.chat.notSent),
      typing: params<{ name: string }>(c.chat.typing),
    }),
    files: i18n('files', { ...c.files, attachHint: params<{ max: string }>(c.files.attachHint) }),
    // Plain templates: the shared renderer (src/protocol/systemLines.ts) fills them in.
    system: i18n('system', c.system as unknown as Translations) as unknown as { get(): CustomerLineCatalog },
  };
}

/** The closed screen's and the offline forms' words: defined when those screens are fetched (lazyOffline.tsx). */
function defineOffline(i18n: I18n, c: OfflineCatalog) {
  return {
    closed: i18n('closed', { ...c.closed, timesIn: params<{ zone: string }>(c.closed.timesIn) }),
    offline: i18n('offline', c.offline),
  };
}

export type Words = ReturnType<typeof define> & ReturnType<typeof defineOffline> & FileWords;

/** Filled before the first render by defineWords; `closed` and `offline` only once their screens are fetched, `fileUi` with the file chunk. */
export const words = {} as Words;

export function defineWords(i18n: I18n, catalog: CoreCatalog): void {
  Object.assign(words, define(i18n, catalog));
}

export function defineOfflineWords(i18n: I18n, catalog: OfflineCatalog): void {
  Object.assign(words, defineOffline(i18n, catalog));
}
