/**
 * The library's `params` transform (@nanostores/i18n), with values put in as text: the library's own
 * passes each value to String.replace as a replacement string, where `$&`, `$'` and `$$` are
 * patterns, so a name such as "Jo$'" came out garbled. A replacer function takes values literally.
 */
import { type params as libraryParams, strings, transform } from '@nanostores/i18n';

export const params = transform((_locale, translation, values: Record<string, string | number>) =>
  strings(translation, (text) => text.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all))),
) as typeof libraryParams;
