/**
 * The words of a file in the chat (shown, sent, refused): fetched and defined by the file chunk
 * (web/customer/components/fileUi.tsx), so that neither this code nor the catalogs (enFiles.ts…)
 * are in the page's first load (its budget, and the website widget frame's).
 */
import type { I18n } from '@nanostores/i18n';
import { params } from './textParams.js';
import type { FilesCatalog } from './catalog.js';
import { i18n, laterWords } from './index.js';
import { words } from './messages.js';

function define(i18n: I18n, c: FilesCatalog) {
  return {
    fileUi: i18n('fileUi', {
      ...c.fileUi,
      sending: params<{ name: string }>(c.fileUi.sending),
      refusedTooBig: params<{ max: string }>(c.fileUi.refusedTooBig),
      notSent: params<{ name: string; reason: string }>(c.fileUi.notSent),
      openImage: params<{ name: string }>(c.fileUi.openImage),
      download: params<{ name: string }>(c.fileUi.download),
    }),
  };
}

export type FileWords = ReturnType<typeof define>;

/** Fetches the reader's catalog of file words and defines `words.fileUi` (a message store of the page's i18n). */
export const prepareFileWords = laterWords<FilesCatalog>(
  (code) => {
    if (code === 'fr') return import('./frFiles.js').then((m) => m.frFiles);
    if (code === 'es') return import('./esFiles.js').then((m) => m.esFiles);
    return import('./enFiles.js').then((m) => m.enFiles);
  },
  (catalog) => Object.assign(words, define(i18n, catalog)),
);
