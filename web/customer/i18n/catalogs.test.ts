/** Every language says everything English says, with the same placeholders, and nothing else. */
import { describe, expect, it } from 'vitest';
import type { Template } from '../../../src/protocol/systemLines.js';
import { renderSystemLine } from '../../../src/protocol/systemLines.js';
import { type Catalog, pickLanguage } from './catalog.js';
import { en } from './en.js';
import { enFiles } from './enFiles.js';
import { enOffline } from './enOffline.js';
import { es } from './es.js';
import { esFiles } from './esFiles.js';
import { esOffline } from './esOffline.js';
import { fr } from './fr.js';
import { frFiles } from './frFiles.js';
import { frOffline } from './frOffline.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** "component.key" (or "component.key.form" for plural forms) → its text. */
function flatten(catalog: Catalog): Map<string, string> {
  const out = new Map<string, string>();
  for (const [component, entries] of Object.entries(catalog)) {
    for (const [key, value] of Object.entries(entries as Record<string, Template>)) {
      if (typeof value === 'string') out.set(`${component}.${key}`, value);
      else for (const [form, text] of Object.entries(value)) out.set(`${component}.${key}.${form}`, text as string);
    }
  }
  return out;
}

const base = flatten({ ...en, ...enOffline, ...enFiles } as Catalog);

describe.each([
  ['fr', { ...fr, ...frOffline, ...frFiles } as Catalog],
  ['es', { ...es, ...esOffline, ...esFiles } as Catalog],
])('the %s catalog', (name, catalog) => {
  const flat = flatten(catalog);
  const keysOf = (m: Map<string, string>) => [...m.keys()].map((k) => k.replace(/\.(zero|one|two|few|many|other)$/, '')).sort();

  it('has every key of English and no other', () => {
    expect([...new Set(keysOf(flat))]).toEqual([...new Set(keysOf(base))]);
  });

  it('uses the same placeholders in every text', () => {
    for (const [key, text] of flat) {
      const english = base.get(key) ?? base.get(key.replace(/\.\w+$/, '.other'));
      expect(english, key).toBeDefined();
      expect(placeholders(text), `${name} ${key}`).toEqual(placeholders(english!));
    }
  });

  it('has no empty text and no text left in English', () => {
    for (const [key, text] of flat) {
      expect(text.trim(), key).not.toBe('');
    }
    const same = [...flat].filter(([key, text]) => base.get(key) === text && /[a-z]{4,}/i.test(text.replace(/\{\w+\}/g, '')));
    // Words that are the same in both languages (e.g. "Message", "Conversation") are allowed, few.
    expect(same.length, same.map(([k]) => k).join(', ')).toBeLessThanOrEqual(4);
  });

  it('renders system lines in its language with plurals', () => {
    const line = (id: 'inactivity_warning', seconds: number) =>
      renderSystemLine({ system: id, line: { id, params: { seconds } }, authorName: '', body: '' }, { reader: 'customer', locale: name, catalog: catalog.system });
    expect(line('inactivity_warning', 60)).toContain(name === 'fr' ? '1 minute' : '1 minuto');
    expect(line('inactivity_warning', 30)).toContain(name === 'fr' ? '30 secondes' : '30 segundos');
  });
});

describe('the page language', () => {
  it('follows the first browser language the page speaks, keeping its region for dates', () => {
    expect(pickLanguage(['fr-FR', 'en-US'])).toEqual({ language: 'fr', locale: 'fr-FR' });
    expect(pickLanguage(['de-DE', 'es-MX'])).toEqual({ language: 'es', locale: 'es-MX' });
    expect(pickLanguage(['en-GB'])).toEqual({ language: 'en', locale: 'en-GB' });
  });

  it('falls back to English for languages it does not speak and for nonsense', () => {
    expect(pickLanguage(['de-DE', 'ja'])).toEqual({ language: 'en', locale: 'en' });
    expect(pickLanguage(['not a tag!', ''])).toEqual({ language: 'en', locale: 'en' });
    expect(pickLanguage([])).toEqual({ language: 'en', locale: 'en' });
  });
});
