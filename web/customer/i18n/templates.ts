/**
 * The few tools the page's words need, in place of an i18n library (issue 11's budgets: the page and
 * the widget frame): the language is chosen once and never changes while the page is open, so a
 * part of the words is a fixed object read at render (`words.chat.get().endChat`), a template with
 * placeholders becomes a function (`params`), and plural forms are picked by Intl.PluralRules
 * (`plurals`).
 */
import type { Plural } from '../../../src/protocol/systemLines.js';

/** A part of the page's words (one group of the catalog), read at render. */
export interface Part<T> {
  get(): T;
}

export const part = <T>(value: T): Part<T> => ({ get: () => value });

/** "{name} is typing" → ({ name: 'Sophie' }) → "Sophie is typing"; a placeholder without a value stays as it is. */
export const params =
  <V extends Record<string, string | number>>(template: string) =>
  (values: V): string =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/**
 * Plural forms in `locale` → (count) → the form Intl.PluralRules picks for it ("other" when the
 * catalog has no such form), `{count}` filled in.
 */
export function plurals(locale: string): (forms: Plural) => (count: number) => string {
  const rules = new Intl.PluralRules(locale);
  return (forms) => (count) => (forms[rules.select(count)] ?? forms.other).replace(/\{count\}/g, String(count));
}
