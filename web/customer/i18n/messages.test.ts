/** The page's message stores as @nanostores/i18n defines them from each catalog: placeholders filled, plural forms by the language's rules. */
import { createI18n } from '@nanostores/i18n';
import { atom } from 'nanostores';
import { describe, expect, it } from 'vitest';
import type { CoreCatalog } from './catalog.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { prepareFileWords } from './fileWords.js';
import { defineWords, words } from './messages.js';

function wordsIn(code: string, catalog: CoreCatalog) {
  defineWords(createI18n(atom(code), { baseLocale: code, get: () => Promise.resolve({}) }), catalog);
  return words;
}

describe('the page’s words through @nanostores/i18n', () => {
  it('fills every placeholder of a template', () => {
    const w = wordsIn('fr', fr);
    expect(w.chat.get().typing({ name: 'Sophie' })).toBe('Sophie est en train d’écrire');
    expect(w.errors.get().tooLong({ label: 'Nom', max: 80 })).not.toMatch(/\{(label|max)\}/);
    expect(w.app.get().pageTitle({ queue: 'Ventes' })).toBe('Ventes — Discussion');
  });

  it('puts names in as they are, `$` patterns and placeholders included', () => {
    const w = wordsIn('en', en);
    expect(w.chat.get().typing({ name: "Jo$' $& $$" })).toBe("Jo$' $& $$ is typing");
    expect(w.app.get().pageTitle({ queue: '{queue}' })).toMatch(/^\{queue\} /);
  });

  it('keeps plain entries as text', () => {
    expect(wordsIn('es', es).chat.get().send).toBe('Enviar');
  });

  it('picks the plural form by the language’s rules', () => {
    const english = wordsIn('en', en as CoreCatalog).waiting.get();
    expect(english.waitMinutes(1)).toBe('Estimated wait time: about 1 minute');
    expect(english.waitMinutes(0)).toBe('Estimated wait time: about 0 minutes');
    // French says "0 minute": its "one" covers 0 and 1.
    const french = wordsIn('fr', fr).waiting.get();
    expect(french.waitMinutes(0)).toBe('Temps d’attente estimé\u00a0: environ 0 minute');
    expect(french.waitMinutes(2)).toBe('Temps d’attente estimé\u00a0: environ 2 minutes');
    // Spanish has a "many" form for large round numbers; the catalog has none, so "other".
    expect(wordsIn('es', es).waiting.get().waitMinutes(1_000_000)).toBe('Tiempo de espera estimado: aproximadamente 1000000 minutos');
  });

  it('defines the file words when the file chunk asks for them', async () => {
    await prepareFileWords();
    expect(words.fileUi.get().notSent({ name: 'scan.pdf', reason: 'This file is empty.' })).toBe('scan.pdf was not sent: This file is empty.');
  });
});
