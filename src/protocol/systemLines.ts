/**
 * System lines of a chat's transcript ("Sophie has left the chat"…) travel as
 * an id and parameters, never as sentences: each reader renders them in their
 * own language with a catalog of templates. The customer page passes the
 * catalog of the customer's language (web/customer/i18n/), the agent console
 * and tests the English one (systemLinesEn.ts, a module of its own so that
 * a French reader's page does not carry it). Rows stored before
 * the ids existed carry only their English text (`body`), which is shown as is.
 *
 * Pure and dependency-free: both browser bundles import it.
 */
import type { ChatEventView } from './views.js';

/** Which line a system event reads as. */
export type SystemLineId =
  | 'queued'
  | 'agent_joined'
  | 'agent_left'
  | 'agent_disconnected'
  | 'agent_removed'
  | 'customer_left'
  | 'customer_gone'
  | 'inactivity_warning'
  | 'inactivity_closed'
  | 'ended_by_admin'
  | 'transferred'
  | 'ended'
  | 'chat_closed';

/** Values a template may name: a person's name, a count of seconds. */
export type SystemLineParams = Record<string, string | number>;

export interface SystemLine {
  id: SystemLineId;
  params: SystemLineParams;
}

/** Plural forms keyed by Intl.PluralRules categories (`other` always present). */
export type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** A template, or plural forms. */
export type Template = string | Plural;

/**
 * Every line, plus the words a line is built from: `seconds`/`minutes` spell a
 * duration; `you_left` is what customers read about their own leaving;
 * `queued_staff` is "queued" as staff read it ("Ana joined the queue").
 */
export type SystemLineCatalog = Record<SystemLineId | 'you_left' | 'queued_staff' | 'seconds' | 'minutes', Template>;

/** Lines only staff read: a customer reads "queued" as written to them, and their own leaving as `you_left`. */
export type StaffOnlyLine = 'queued_staff' | 'customer_left' | 'customer_gone';

/** What a customer page's catalog needs. */
export type CustomerLineCatalog = Omit<SystemLineCatalog, StaffOnlyLine>;

/** A catalog without the lines only staff read. */
export function customerLines(catalog: SystemLineCatalog): CustomerLineCatalog {
  const lines: Partial<SystemLineCatalog> = { ...catalog };
  for (const staffOnly of ['queued_staff', 'customer_left', 'customer_gone'] satisfies StaffOnlyLine[]) delete lines[staffOnly];
  return lines as CustomerLineCatalog;
}


/** Replaces each `{name}` with its value; an unknown placeholder stays visible rather than vanishing. */
export function fillTemplate(text: string, values: SystemLineParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The form of a template for a count, by the language's plural rules. */
export function pluralForm(template: Template, count: number, locale: string): string {
  if (typeof template === 'string') return template;
  const category = new Intl.PluralRules(locale).select(count);
  return template[category] ?? template.other;
}

/** "1 minute", "30 seconds": whole minutes read as minutes. */
export function durationText(seconds: number, catalog: CustomerLineCatalog, locale: string): string {
  const minutes = seconds % 60 === 0;
  const count = minutes ? seconds / 60 : seconds;
  return fillTemplate(pluralForm(minutes ? catalog.minutes : catalog.seconds, count, locale), { count });
}

/**
 * The "You are waiting for the next available agent." line every chat's log starts with. The waiting
 * screen tells a waiting customer that (and more) on its own; in the thread of a chat under way and in
 * the customer's transcript it is a leftover, so what the customer reads leaves it out. Staff keep it,
 * read as who joined the queue and when.
 */
export const isWaitingLine = (event: Pick<ChatEventView, 'kind' | 'system'>): boolean => event.kind === 'system' && event.system === 'queued';

/** Who reads: a customer reads their own leaving as "You left the chat."; staff read "queued" as who joined. */
export type RenderOptions =
  | {
      reader: 'customer';
      /** BCP 47 tag for plural rules. */ locale: string;
      catalog: CustomerLineCatalog;
      /** The queue the chat is in now, named in the reader's language: a transfer to it reads with that name. */
      queue?: { slug: string; name: string };
    }
  | { reader: 'staff'; locale: string; catalog: SystemLineCatalog; /** For "queued". */ customerName?: string };

/** A plain line's text (a plural template used as a plain line reads its `other` form). */
const textOf = (template: Template): string => (typeof template === 'string' ? template : template.other);

/** The sentence for a system event in the catalog's language. */
export function renderSystemLine(event: Pick<ChatEventView, 'system' | 'line' | 'authorName' | 'body'>, options: RenderOptions): string {
  const catalog: Partial<SystemLineCatalog> & CustomerLineCatalog = options.catalog;
  if (options.reader === 'customer' && event.system === 'customer_left') return textOf(catalog.you_left);
  if (options.reader === 'staff' && event.system === 'queued') {
    return fillTemplate(textOf(options.catalog.queued_staff), { name: options.customerName ?? event.authorName });
  }
  const { line } = event;
  // A row from before the ids: its English text, as written then.
  if (!line) return event.body.trim() || fillTemplate(textOf(catalog[event.system === 'agent_joined' || event.system === 'agent_left' ? event.system : 'ended']), { name: event.authorName });
  const params: SystemLineParams = { ...line.params };
  if (typeof params.seconds === 'number') params.duration = durationText(params.seconds, catalog, options.locale);
  if (options.reader === 'customer' && options.queue && params.toSlug === options.queue.slug) params.to = options.queue.name;
  const template: Template | undefined = catalog[line.id];
  // A line id newer than this page: say the chat moved on rather than nothing.
  return template === undefined ? event.body : fillTemplate(textOf(template), params);
}
