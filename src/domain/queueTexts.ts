/**
 * Per-language texts of a queue (issue 11): what customers read — the queue's
 * name, waiting messages, closed and no-agents messages, Data Collection
 * labels and option labels — given by the admin per language. The default
 * texts (the queue's own) are served to every language without its own; each
 * text falls back on its own, so a half-done translation still reads whole.
 * Pure: the schema, the choice of language for a request, and the texts served.
 */
import { z } from 'zod';
import { TRANSLATION_LANGUAGES, type ServedLanguage, type TranslationLanguage } from '../protocol/languages.js';
import type { FormFieldView } from '../protocol/views.js';

const isTranslation = (code: string): code is TranslationLanguage => (TRANSLATION_LANGUAGES as readonly string[]).includes(code);

/** As Data Collection field ids (src/domain/queueConfig.ts). */
const FIELD_ID = /^[a-z][a-z0-9_]{0,39}$/;

const text = (max: number) =>
  z
    .string('Enter text.')
    .trim()
    .max(max, `At most ${max.toLocaleString('en-US')} characters.`)
    .default('');

export const FieldTextsSchema = z.object({
  label: text(80),
  options: z.array(text(80)).max(50, 'At most 50 options.').default([]),
});

export const QueueTextsSchema = z.object({
  name: text(80),
  waitingMessages: z.array(text(300)).max(10, 'At most 10 messages.').default([]),
  closedMessage: text(1000),
  noAgentsMessage: text(1000),
  // Keys checked here rather than by the record's key schema, whose refusal names no key and gives zod's words.
  fields: z
    .record(z.string(), FieldTextsSchema)
    .superRefine((fields, ctx) => {
      const ids = Object.keys(fields);
      if (ids.length > 30) ctx.addIssue({ code: 'custom', path: [], message: 'At most 30 fields.' });
      for (const id of ids) if (!FIELD_ID.test(id)) ctx.addIssue({ code: 'custom', path: [id], message: 'Field ids are lowercase letters, digits and _.' });
    })
    .default({}),
  specialDays: z
    .record(z.string(), text(80))
    .superRefine((days, ctx) => {
      const dates = Object.keys(days);
      if (dates.length > 366) ctx.addIssue({ code: 'custom', path: [], message: 'At most 366 days.' });
      for (const date of dates) if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) ctx.addIssue({ code: 'custom', path: [date], message: 'Use YYYY-MM-DD.' });
    })
    .default({}),
});

/**
 * Keyed by language code; a language left out has no texts of its own. An unknown code is refused
 * at its own path (`translations.de`), which a record keyed by an enum would not name.
 */
export const QueueTranslationsSchema = z
  .record(z.string(), QueueTextsSchema)
  .superRefine((byLanguage, ctx) => {
    for (const code of Object.keys(byLanguage)) {
      if (!isTranslation(code)) ctx.addIssue({ code: 'custom', path: [code], message: `Texts can be given in ${TRANSLATION_LANGUAGES.join(', ')}; not in “${code.slice(0, 20)}”.` });
    }
  })
  .transform((byLanguage) => byLanguage as Partial<Record<TranslationLanguage, QueueTexts>>)
  .default({});

export type QueueTexts = z.infer<typeof QueueTextsSchema>;
export type QueueTranslations = Partial<Record<TranslationLanguage, QueueTexts>>;

/** What a queue's texts can translate: its waiting messages, Data Collection fields and special days. */
export interface TranslatableTexts {
  waitingMessages: number;
  fields: ReadonlyArray<{ id: string; options?: readonly string[] | undefined }>;
  specialDays: readonly string[];
}

/**
 * Texts that translate nothing the queue has: a field id its Data Collection does not have, more
 * options than the field offers, more waiting messages than the queue shows, a date that is not
 * one of its special days. Keyed by path (`translations.fr.fields.<id>`), for the Translations
 * tab's save to refuse naming each one; the other tabs never run this, so removing a field there
 * leaves its stale translation harmless (it is not served, and the tab's next save drops it).
 */
export function untranslatable(translations: QueueTranslations, queue: TranslatableTexts): Record<string, string> {
  const refused: Record<string, string> = {};
  const fields = new Map(queue.fields.map((f) => [f.id, f.options?.length ?? 0]));
  const days = new Set(queue.specialDays);
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  for (const [language, texts] of Object.entries(translations)) {
    if (!texts) continue;
    const at = `translations.${language}`;
    if (texts.waitingMessages.length > queue.waitingMessages) {
      refused[`${at}.waitingMessages`] = `The queue shows ${plural(queue.waitingMessages, 'waiting message', 'waiting messages')}: give at most that many.`;
    }
    for (const [id, field] of Object.entries(texts.fields)) {
      const options = fields.get(id);
      if (options === undefined) refused[`${at}.fields.${id}`] = `The Data Collection form has no field “${id}”.`;
      else if (field.options.length > options) refused[`${at}.fields.${id}.options`] = options ? `This field offers ${plural(options, 'option', 'options')}: give at most that many.` : 'This field has no options to translate.';
    }
    for (const date of Object.keys(texts.specialDays)) {
      if (!days.has(date)) refused[`${at}.specialDays.${date}`] = `No special day on ${date} in the Working Hours.`;
    }
  }
  return refused;
}


/**
 * The language to serve: the page's own `lang` when it names one we have
 * (the customer page knows which catalog it shows), else the first of the
 * Accept-Language tags (by q) that we have, else the default ('en').
 */
export function chooseLanguage(lang: string | undefined, acceptLanguage: string | undefined): ServedLanguage {
  const base = (tag: string) => tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (lang !== undefined) {
    const code = base(lang);
    return isTranslation(code) ? code : 'en';
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { code: base(tag), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((t) => t.code && t.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { code } of ranked) {
    if (code === 'en') return 'en';
    if (isTranslation(code)) return code;
  }
  return 'en';
}

export interface DefaultTexts {
  name: string;
  /** Special days' labels by date, as the closed screen lists them. */
  specialDays?: ReadonlyArray<{ date: string; label: string }>;
  waitingMessages: readonly string[];
  closedMessage: string;
  noAgentsMessage: string;
  fields: readonly FormFieldView[];
}

const or = (own: string | undefined, fallback: string): string => (own ? own : fallback);

/**
 * The texts a customer reading `language` meets: each translated text where
 * the admin gave one, the default text otherwise. Select options keep their
 * default value (what is stored and checked) and gain `optionLabels` to show.
 */
export function textsIn(defaults: DefaultTexts, translations: QueueTranslations, language: ServedLanguage): DefaultTexts {
  const own = language === 'en' ? undefined : translations[language];
  if (!own) return defaults;
  return {
    name: or(own.name, defaults.name),
    waitingMessages: defaults.waitingMessages.map((m, i) => or(own.waitingMessages[i], m)),
    closedMessage: or(own.closedMessage, defaults.closedMessage),
    noAgentsMessage: or(own.noAgentsMessage, defaults.noAgentsMessage),
    // A day without a label stays without one: a translation names what the default names.
    specialDays: defaults.specialDays?.map((d) => (d.label ? { ...d, label: or(own.specialDays[d.date], d.label) } : d)),
    fields: defaults.fields.map((field) => {
      const mine = own.fields[field.id];
      if (!mine) return field;
      const localized: FormFieldView = { ...field, label: or(mine.label, field.label) };
      if (field.options?.length && mine.options.some(Boolean)) localized.optionLabels = field.options.map((o, i) => or(mine.options[i], o));
      return localized;
    }),
  };
}
