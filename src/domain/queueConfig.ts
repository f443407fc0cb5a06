/**
 * A queue's configuration: everything the customer meets at the queue's
 * Reactive Chat URL. Stored as one JSON document per queue and validated with
 * this schema on every write, so a saved queue is always whole. Keys added
 * after the first release carry a `.default()` so that older rows still parse.
 *
 * Intervals: `start` is 00:00–23:59, `end` 00:01–24:00. An interval whose end
 * is before its start is refused unless it is marked `overnight` (it then runs
 * past midnight into the next day); an overnight interval must end before it
 * starts. An interval that starts and ends at the same time is refused.
 * Rows written before the flag existed are read with it inferred from the times.
 */
import { z } from 'zod';
import { ATTACHMENT_MAX_MB_CEILING, DEFAULT_ATTACHMENT_MAX_MB } from '../protocol/attachments.js';
import { isEmail } from './dataCollection.js';
import { DEFAULT_INACTIVITY_MINUTES } from './inactivity.js';
import { QueueTranslationsSchema } from './queueTexts.js';
import { isTimeZone, toMinutes } from './schedule.js';
import { defaultWidgetConfig, WidgetConfigSchema } from './widgetConfig.js';

/** The usual contact-center target: answered within a minute. */
export const DEFAULT_SERVICE_LEVEL_SECONDS = 60;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, 24-hour clock.');

export const FormFieldSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Field ids are lowercase letters, digits and _.'),
    label: z.string().trim().min(1, 'A field needs a label.').max(80, 'At most 80 characters.'),
    type: z.enum(['text', 'email', 'phone', 'select', 'textarea'], 'Choose a field type.'),
    required: z.boolean(),
    options: z.array(z.string().trim().min(1, 'An option cannot be empty.').max(80, 'At most 80 characters.')).max(50, 'At most 50 options.').optional(),
  })
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'A select field needs at least one option.',
    path: ['options'],
  });

/** Infers `overnight` for rows stored before the flag existed. */
const withOvernight = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null || 'overnight' in value) return value;
  const { start, end } = value as { start?: unknown; end?: unknown };
  const overnight = typeof start === 'string' && typeof end === 'string' && toMinutes(end) < toMinutes(start);
  return { ...value, overnight };
};

function checkInterval(i: { start: string; end: string; overnight: boolean }, ctx: z.RefinementCtx): void {
  const start = toMinutes(i.start);
  const end = toMinutes(i.end);
  if (i.start === '24:00') ctx.addIssue({ code: 'custom', path: ['start'], message: 'Start at 23:59 at the latest.' });
  else if (start === end || (i.end === '24:00' && start === 0 && i.overnight)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end must differ from the start.' });
  else if (!i.overnight && end < start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end is before the start. Tick “ends next day” to run past midnight.' });
  else if (i.overnight && end > start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'An overnight interval ends the next day, before its start time.' });
}

const timeRange = {
  start: time,
  end: time,
  /** Runs past midnight: ends on the next day, before its start time. */
  overnight: z.boolean().default(false),
};

export const DayIntervalSchema = z.preprocess(withOvernight, z.object(timeRange).superRefine(checkInterval));

export const IntervalSchema = z.preprocess(
  withOvernight,
  z
    .object({
      /** 0 = Sunday … 6 = Saturday, as Date.getDay(). */
      day: z.number().int().min(0).max(6),
      ...timeRange,
    })
    .superRefine(checkInterval),
);

const isCalendarDate = (v: string): boolean => {
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

export const ExceptionSchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')
    .refine(isCalendarDate, 'Not a date on the calendar.'),
  label: z.string().trim().max(80, 'At most 80 characters.').default(''),
  /** Empty = closed all day; otherwise the special hours of that date. */
  intervals: z.array(DayIntervalSchema).max(6, 'At most 6 intervals.').default([]),
});

export const WorkingHoursSchema = z.object({
  /** Off = open around the clock (subject to the open switch). */
  enabled: z.boolean(),
  timeZone: z.string().refine(isTimeZone, 'Unknown time zone; use an IANA name like Europe/Paris.'),
  weekly: z.array(IntervalSchema).max(50, 'At most 50 intervals.'),
  exceptions: z
    .array(ExceptionSchema)
    .max(366)
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((e, i) => {
        if (seen.has(e.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: 'This date is already listed.' });
        seen.add(e.date);
      });
    }),
  showOnClosedScreen: z.boolean(),
});

const uniqueFieldIds = (fields: Array<{ id: string }>, ctx: z.RefinementCtx): void => {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Two fields have the same id.' });
    seen.add(f.id);
  });
};

/** How long a customer may wait before the offline options are offered too, in seconds (the portal asks in minutes). */
export const MAX_WAIT_SECONDS = { min: 30, max: 86_400 } as const;

/** The config's keys without the rules that span several of them (tab request bodies pick from it). */
/** A chat's usual length before the queue has a history of its own (minutes). */
export const DEFAULT_EXPECTED_HANDLE_MINUTES = 5;

export const QueueConfigShape = z.object({
  /** The manual switch; when off the queue is closed whatever the hours say. */
  open: z.boolean(),
  /** picture: the agent's own picture (default image when they posted none); default: always the default image; none: no image. */
  agentDisplay: z.enum(['picture', 'default', 'none'], 'Choose how agents appear.'),
  waitingMessages: z.array(z.string().trim().min(1).max(300, 'At most 300 characters per message.')).max(10, 'At most 10 messages.'),
  showEstimatedWait: z.boolean(),
  /** Beyond this many waiting customers a new customer meets the closed screen. */
  maxWaiting: z.number('Enter a number.').int('Enter a whole number.').min(1, 'At least 1.').max(10000, 'At most 10,000.'),
  /** After waiting this long a customer is offered the offline options too. @default 300 */
  maxWaitSeconds: z
    .number('Enter a number.')
    .int('Enter a whole number of seconds.')
    .min(MAX_WAIT_SECONDS.min, 'At least 30 seconds.')
    .max(MAX_WAIT_SECONDS.max, 'At most 86,400 seconds (24 hours).')
    .default(300),
  /** Seconds an agent has to accept an offer before it moves on; null = the node's OFFER_TIMEOUT_SECONDS. @default null */
  offerTimeoutSeconds: z.number('Enter a number.').int('Enter a whole number.').min(5, 'At least 5 seconds.').max(600, 'At most 600 seconds (10 minutes).').nullable().default(null),
  /** Minutes without a message after which an active chat closes (the customer is warned first); 0 = off. @default 10 */
  inactivityTimeoutMinutes: z
    .number('Enter a number.')
    .int('Enter a whole number.')
    .min(0, 'At least 0 (0 turns it off).')
    .max(1440, 'At most 24 hours (1,440 minutes).')
    .default(DEFAULT_INACTIVITY_MINUTES),
  /**
   * What a chat usually takes, in minutes: the wait estimate's handle time until enough chats of the
   * queue have ended to learn it (src/app/queueStatistics.ts). @default 5
   */
  expectedHandleMinutes: z
    .number('Enter a number.')
    .int('Enter a whole number.')
    .min(1, 'At least 1 minute.')
    .max(240, 'At most 4 hours (240 minutes).')
    .default(DEFAULT_EXPECTED_HANDLE_MINUTES),
  /** Service level target: a chat answered within this many seconds of joining the line counts as on time (the live view). @default 60 */
  serviceLevelSeconds: z.number('Enter a number.').int('Enter a whole number.').min(5, 'At least 5 seconds.').max(3600, 'At most 1 hour (3,600 seconds).').default(DEFAULT_SERVICE_LEVEL_SECONDS),
  /** After the chat ends the customer is asked to rate it 1–5 with an optional comment (chat_surveys). @default false */
  surveyEnabled: z.boolean().default(false),
  /** Customers and agents may send files (images and PDF) in a chat (src/app/attachments/). @default true */
  attachmentsEnabled: z.boolean().default(true),
  /** The largest file, in megabytes; the server's ATTACHMENT_MAX_MB caps it further. @default 5 */
  attachmentMaxMegabytes: z
    .number('Enter a number.')
    .int('Enter a whole number of megabytes.')
    .min(1, 'At least 1 MB.')
    .max(ATTACHMENT_MAX_MB_CEILING, `At most ${ATTACHMENT_MAX_MB_CEILING} MB.`)
    .default(DEFAULT_ATTACHMENT_MAX_MB),
  closedMessage: z.string().trim().max(1000, 'At most 1,000 characters.'),
  noAgentsMessage: z.string().trim().max(1000, 'At most 1,000 characters.'),
  dataCollection: z.object({
    enabled: z.boolean(),
    fields: z.array(FormFieldSchema).max(30, 'At most 30 fields.').superRefine(uniqueFieldIds),
  }),
  workingHours: WorkingHoursSchema,
  offline: z.object({
    leaveMessage: z.object({
      enabled: z.boolean(),
      /** Where left messages are mailed. */
      email: z
        .string()
        .trim()
        .max(254)
        .refine((v) => v === '' || isEmail(v), 'Enter a valid email address.'),
    }),
    callback: z.object({ enabled: z.boolean() }),
  }),
  /** The website widget and the chat's branding (widgetConfig.ts). @default defaultWidgetConfig() */
  widget: WidgetConfigSchema.default(defaultWidgetConfig),
  /** The customer-facing texts in other languages (src/domain/queueTexts.ts); empty = the default texts for everyone. @default {} */
  translations: QueueTranslationsSchema,
});

export const QueueConfigSchema = QueueConfigShape.superRefine((c, ctx) => {
  if (c.offline.leaveMessage.enabled && !c.offline.leaveMessage.email) {
    ctx.addIssue({ code: 'custom', path: ['offline', 'leaveMessage', 'email'], message: 'Enter the address that receives left messages.' });
  }
});

export type QueueConfig = z.infer<typeof QueueConfigSchema>;
/** A config as written by code: keys with defaults may be left out. */
export type QueueConfigInput = z.input<typeof QueueConfigSchema>;
export type FormField = z.infer<typeof FormFieldSchema>;

export function defaultQueueConfig(): QueueConfig {
  return {
    open: true,
    agentDisplay: 'picture',
    waitingMessages: ['Thank you for contacting us.', 'You are waiting for the next available agent.'],
    showEstimatedWait: true,
    maxWaiting: 100,
    maxWaitSeconds: 300,
    offerTimeoutSeconds: null,
    inactivityTimeoutMinutes: DEFAULT_INACTIVITY_MINUTES,
    expectedHandleMinutes: DEFAULT_EXPECTED_HANDLE_MINUTES,
    serviceLevelSeconds: DEFAULT_SERVICE_LEVEL_SECONDS,
    surveyEnabled: false,
    attachmentsEnabled: true,
    attachmentMaxMegabytes: DEFAULT_ATTACHMENT_MAX_MB,
    closedMessage: 'Our chat is closed right now.',
    noAgentsMessage: 'All our agents are away right now.',
    dataCollection: { enabled: false, fields: [] },
    workingHours: { enabled: false, timeZone: 'UTC', weekly: [], exceptions: [], showOnClosedScreen: false },
    offline: { leaveMessage: { enabled: false, email: '' }, callback: { enabled: false } },
    widget: defaultWidgetConfig(),
    translations: {},
  };
}
