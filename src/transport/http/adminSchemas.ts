/** Request bodies of the Client Admin Portal's routes (adminRoutes.ts); each tab picks its keys from the queue config schema. */
import { z } from 'zod';
import { QueueConfigShape } from '../../domain/queueConfig.js';
import { WidgetConfigSchema } from '../../domain/widgetConfig.js';
import { isEmail } from '../../domain/dataCollection.js';
import { hourOverlaps } from '../../domain/hourOverlaps.js';
import { DELETED_SLUG_PREFIX, PASSWORD_MIN_LENGTH, PICTURE_MAX_BYTES, QUEUE_SLUG_PATTERN } from '../../protocol/admin.js';

export const IdParams = z.object({ id: z.uuid('Not found.') });

const queueName = z.string().trim().min(1, 'A queue needs a name.').max(80, 'At most 80 characters.');

/** A queue's address: lowercase letters, digits and hyphens, as the public routes accept it. */
const queueSlug = z
  .string('Enter the address.')
  .trim()
  .toLowerCase()
  .min(1, 'Enter the address.')
  .max(63, 'At most 63 characters.')
  .regex(QUEUE_SLUG_PATTERN, 'Use lowercase letters, digits and hyphens, starting with a letter or digit.')
  .refine((slug) => !slug.startsWith(DELETED_SLUG_PREFIX), `Addresses starting with “${DELETED_SLUG_PREFIX}” are kept for deleted queues.`);

export const QueueNameBody = z.object({ name: queueName });

/**
 * General Settings, changed in part (PATCH): each key sent is validated on its own and changes; each key
 * left out keeps its stored value. A key that is not a setting is refused at its name (a misspelt key
 * would otherwise change nothing without a word).
 */
export const GeneralSettingsBody = z
  .object({
    name: queueName.optional(),
    /** The chat URL's last part; changing it breaks the old URL (the portal warns and asks first). */
    slug: queueSlug.optional(),
    open: z.boolean().optional(),
    agentDisplay: QueueConfigShape.shape.agentDisplay.optional(),
    waitingMessages: QueueConfigShape.shape.waitingMessages.optional(),
    showEstimatedWait: z.boolean().optional(),
    maxWaiting: QueueConfigShape.shape.maxWaiting.optional(),
    maxWaitSeconds: QueueConfigShape.shape.maxWaitSeconds.unwrap().optional(),
    offerTimeoutSeconds: QueueConfigShape.shape.offerTimeoutSeconds.unwrap().optional(),
    inactivityTimeoutMinutes: QueueConfigShape.shape.inactivityTimeoutMinutes.unwrap().optional(),
    expectedHandleMinutes: QueueConfigShape.shape.expectedHandleMinutes.unwrap().optional(),
    serviceLevelSeconds: QueueConfigShape.shape.serviceLevelSeconds.unwrap().optional(),
    surveyEnabled: z.boolean('Choose whether the survey is on.').optional(),
    /** The website widget's launcher and the chat's branding, as a whole. */
    widget: WidgetConfigSchema.optional(),
    attachmentsEnabled: z.boolean().optional(),
    attachmentMaxMegabytes: QueueConfigShape.shape.attachmentMaxMegabytes.unwrap().optional(),
  })
  .catchall(z.unknown().refine(() => false, 'Not a General Settings field.'));

/** A key a tab's body does not have: refused at its name rather than dropped (a forgotten wrapper must not save defaults). */
const notOfThisTab = z.unknown().refine(() => false, 'Not a setting of this tab.');

export const DataCollectionBody = QueueConfigShape.pick({ dataCollection: true }).catchall(notOfThisTab);
/** Intervals that overlap on one day are refused here, when saved, at the later interval (src/domain/hourOverlaps.ts). */
export const WorkingHoursBody = QueueConfigShape.pick({ workingHours: true }).catchall(notOfThisTab).superRefine((body, ctx) => {
  for (const overlap of hourOverlaps(body.workingHours)) ctx.addIssue({ code: 'custom', path: ['workingHours', ...overlap.path], message: overlap.message });
});
export const OfflineBody = QueueConfigShape.pick({ offline: true, closedMessage: true, noAgentsMessage: true }).catchall(notOfThisTab);
/**
 * Per-language texts (src/domain/queueTexts.ts): the whole set, each refused text named at its path.
 * `translations` must be there: the config's default ({}) would otherwise erase every language's texts
 * when a caller forgets the wrapper.
 */
export const TranslationsBody = z.object({ translations: QueueConfigShape.shape.translations.unwrap() }).catchall(notOfThisTab);
export const QueueAgentsBody = z.object({ agentIds: z.array(z.uuid('Unknown agent.')).max(500) });

const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, 'At most 200 characters.');

export const PersonBody = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isEmail, 'Enter a valid email address.'),
  displayName: z.string().trim().min(1, 'Enter the name customers and colleagues see.').max(80, 'At most 80 characters.'),
  role: z.enum(['admin', 'supervisor', 'agent'], 'Choose a role.'),
  capacity: z.number('Enter a number.').int('Enter a whole number.').min(1, 'At least 1 chat.').max(50, 'At most 50 chats.'),
  queueIds: z.array(z.uuid('One of these queues does not exist.')).max(500, 'At most 500 queues.').optional(),
});
export const NewPersonBody = PersonBody.extend({ password });
export const PasswordBody = z.object({ password });

// base64 is 4/3 of the bytes; the exact byte limit is checked after decoding.
export const PictureBody = z.object({
  data: z
    .string()
    .min(1, 'Choose an image file.')
    .max(Math.ceil((PICTURE_MAX_BYTES * 4) / 3) + 8, 'The picture is larger than 2 MB.')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The picture did not arrive whole. Try again.'),
});
export const PICTURE_BODY_LIMIT = Math.ceil((PICTURE_MAX_BYTES * 4) / 3) + 64 * 1024;

export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
