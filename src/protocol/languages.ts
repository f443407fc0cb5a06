/**
 * The languages a queue's customer-facing texts can be given in, besides the
 * default (the texts as the admin first wrote them, served to every other
 * language). The customer page speaks English plus these; adding one means a
 * catalog in web/customer/i18n and its code here.
 */
export const TRANSLATION_LANGUAGES = ['fr', 'es'] as const;
export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];

/** The language a public queue view is served in: 'en' = the default texts. */
export type ServedLanguage = 'en' | TranslationLanguage;

/** A queue's texts in one extra language; an empty text (or a missing one) falls back to the default. */
export interface QueueTextsView {
  name: string;
  /** Aligned with the default waiting messages: entry i translates message i. */
  waitingMessages: string[];
  closedMessage: string;
  noAgentsMessage: string;
  /** Keyed by Data Collection field id; `options` aligned with the field's default options. */
  fields: Record<string, { label: string; options: string[] }>;
  /** Labels of the Working Hours' special days (holidays) shown on the closed screen, keyed by date (YYYY-MM-DD). */
  specialDays: Record<string, string>;
}

export type QueueTranslationsView = Partial<Record<TranslationLanguage, QueueTextsView>>;
