/**
 * A queue's configuration: everything the customer meets at the queue's
 * Reactive Chat URL. Stored as one JSON document per queue and validated with
 * this schema on every write, so a saved queue is always whole.
 */
import { z } from 'zod';
import { isEmail } from './dataCollection.js';
import { isTimeZone } from './schedule.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, 24-hour clock.');

export const FormFieldSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Field ids are lowercase letters, digits and _.'),
    label: z.string().trim().min(1, 'A field needs a label.').max(80),
    type: z.enum(['text', 'email', 'phone', 'select', 'textarea']),
    required: z.boolean(),
    options: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
  })
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'A select field needs at least one option.',
    path: ['options'],
  });

export const IntervalSchema = z.object({
  /** 0 = Sunday … 6 = Saturday, as Date.getDay(). */
  day: z.number().int().min(0).max(6),
  start: time,
  /** An end at or before the start runs past midnight into the next day. */
  end: time,
});

export const ExceptionSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.'),
  label: z.string().max(80).default(''),
  /** Empty = closed all day; otherwise the special hours of that date. */
  intervals: z.array(z.object({ start: time, end: time })).max(6).default([]),
});

export const WorkingHoursSchema = z.object({
  /** Off = open around the clock (subject to the open switch). */
  enabled: z.boolean(),
  timeZone: z.string().refine(isTimeZone, 'Unknown time zone; use an IANA name like Europe/Paris.'),
  weekly: z.array(IntervalSchema).max(50),
  exceptions: z.array(ExceptionSchema).max(366).default([]),
  showOnClosedScreen: z.boolean(),
});

export const QueueConfigSchema = z.object({
  /** The manual switch; when off the queue is closed whatever the hours say. */
  open: z.boolean(),
  /** picture: the agent's own picture (default image when they posted none); default: always the default image; none: no image. */
  agentDisplay: z.enum(['picture', 'default', 'none']),
  waitingMessages: z.array(z.string().trim().min(1).max(300)).max(10),
  showEstimatedWait: z.boolean(),
  /** Beyond this many waiting customers a new customer meets the closed screen. */
  maxWaiting: z.number().int().min(1).max(10000),
  closedMessage: z.string().trim().max(1000),
  noAgentsMessage: z.string().trim().max(1000),
  dataCollection: z.object({
    enabled: z.boolean(),
    fields: z.array(FormFieldSchema).max(30),
  }),
  workingHours: WorkingHoursSchema,
  offline: z.object({
    leaveMessage: z.object({
      enabled: z.boolean(),
      /** Where left messages are mailed. */
      email: z.string().refine((v) => v === '' || isEmail(v), 'Enter a valid email address.'),
    }),
    callback: z.object({ enabled: z.boolean() }),
  }),
});

export type QueueConfig = z.infer<typeof QueueConfigSchema>;
export type FormField = z.infer<typeof FormFieldSchema>;

export function defaultQueueConfig(): QueueConfig {
  return {
    open: true,
    agentDisplay: 'picture',
    waitingMessages: ['Thank you for contacting us.', 'You are waiting for the next available agent.'],
    showEstimatedWait: true,
    maxWaiting: 100,
    closedMessage: 'Our chat is closed right now.',
    noAgentsMessage: 'All our agents are away right now.',
    dataCollection: { enabled: false, fields: [] },
    workingHours: { enabled: false, timeZone: 'UTC', weekly: [], exceptions: [], showOnClosedScreen: false },
    offline: { leaveMessage: { enabled: false, email: '' }, callback: { enabled: false } },
  };
}
