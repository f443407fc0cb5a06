/**
 * The Client Admin Portal's HTTP contract (all routes need an admin's session
 * and act on the admin's own client only). Errors as in ./http.ts; a refused
 * setting comes back as 400 `validation` with `fields` keyed by the path of
 * the value in the request body, e.g. `workingHours.weekly.2.end`.
 *
 * Queues:
 *   GET    /api/admin/queues                       -> { queues: AdminQueueSummary[] }
 *   POST   /api/admin/queues                       QueueNameBody -> 201 AdminQueueDetail
 *   GET    /api/admin/queues/:id                   -> AdminQueueDetail
 *   POST   /api/admin/queues/:id/duplicate         QueueNameBody -> 201 AdminQueueDetail
 *   DELETE /api/admin/queues/:id                   -> 204; 409 conflict while it has open chats
 *   PATCH  /api/admin/queues/:id/general           GeneralSettingsBody -> AdminQueueDetail
 *   PUT    /api/admin/queues/:id/data-collection   DataCollectionBody -> AdminQueueDetail
 *   PUT    /api/admin/queues/:id/working-hours     WorkingHoursBody -> AdminQueueDetail
 *   PUT    /api/admin/queues/:id/offline           OfflineBody -> AdminQueueDetail
 *   PUT    /api/admin/queues/:id/agents            QueueAgentsBody -> AdminQueueDetail
 *   PUT    /api/admin/queues/:id/translations      TranslationsBody -> AdminQueueDetail (refused texts named e.g. `translations.fr.fields.email.label`)
 * People:
 *   GET    /api/admin/people                       -> { people: PersonView[] }
 *   POST   /api/admin/people                       NewPersonBody -> 201 PersonView (409 conflict: email in use)
 *   PATCH  /api/admin/people/:id                   PersonBody -> PersonView
 *   POST   /api/admin/people/:id/deactivate        -> PersonView (their sessions end, their chats go back in line)
 *   POST   /api/admin/people/:id/activate          -> PersonView
 *   POST   /api/admin/people/:id/password          PasswordBody -> 204
 *   PUT    /api/admin/people/:id/picture           PictureBody -> PersonView (PNG, JPEG or WebP, ≤ 2 MB)
 *   DELETE /api/admin/people/:id/picture           -> PersonView
 * Chats in progress (stuck chats):
 *   GET    /api/admin/chats                        -> { chats: OpenChatView[] } (waiting, offered or in progress, oldest first)
 *   POST   /api/admin/chats/:id/end                -> 204 (both sides told "ended by an administrator"; audited)
 * Audit log:
 *   GET    /api/admin/audit?limit=100              -> { entries: AuditEntryView[] }
 * Mail (the outbox):
 *   GET    /api/admin/mail                         -> MailListView (newest first, the latest 200)
 *   POST   /api/admin/mail/:id/retry               -> MailView (a failed mail queued again; 409 when it is not failed
 *                                                      or this server sends no mail)
 */
import type { QueueTranslationsView } from './languages.js';
import type { AdminQueueSummary, AgentDisplay, FormFieldView } from './views.js';

export interface TimeRangeView {
  /** HH:MM, 00:00–23:59 */
  start: string;
  /** HH:MM, 00:01–24:00 */
  end: string;
  /** Ends on the next day (end before start). */
  overnight: boolean;
}

export interface WeeklyIntervalView extends TimeRangeView {
  /** 0 = Sunday … 6 = Saturday */
  day: number;
}

export interface HoursExceptionView {
  /** YYYY-MM-DD in the queue's time zone */
  date: string;
  label: string;
  /** Empty: closed all day. */
  intervals: TimeRangeView[];
}

export interface WorkingHoursConfigView {
  enabled: boolean;
  /** IANA name, e.g. Europe/Paris */
  timeZone: string;
  weekly: WeeklyIntervalView[];
  exceptions: HoursExceptionView[];
  showOnClosedScreen: boolean;
}

export interface OfflineConfigView {
  leaveMessage: { enabled: boolean; email: string };
  callback: { enabled: boolean };
}

export interface QueueAgentOption {
  id: string;
  displayName: string;
  email: string;
  active: boolean;
  assigned: boolean;
}

export interface AdminQueueDetail extends AdminQueueSummary {
  agentDisplay: AgentDisplay;
  waitingMessages: string[];
  showEstimatedWait: boolean;
  maxWaiting: number;
  maxWaitSeconds: number;
  /** Seconds to accept an offer; null = the server's default. */
  offerTimeoutSeconds: number | null;
  /** Minutes without a message before an active chat closes; 0 = off. */
  inactivityTimeoutMinutes: number;
  /** A chat's usual length, for the wait estimate until the queue has its own history. */
  expectedHandleMinutes: number;
  /** Service level target: answered within this many seconds counts as on time (live view). */
  serviceLevelSeconds: number;
  /** The post-chat survey (a 1–5 rating and a comment) is offered when the chat ends. */
  surveyEnabled: boolean;
  /** The website widget's launcher and the chat's branding. */
  widget: WidgetConfigView;
  /** The one-line <script> a client pastes into their site. */
  widgetSnippet: string;
  /** Files (images, PDF) may be sent in this queue's chats. */
  attachmentsEnabled: boolean;
  /** The largest file, in MB (the server's ATTACHMENT_MAX_MB caps it). */
  attachmentMaxMegabytes: number;
  closedMessage: string;
  noAgentsMessage: string;
  form: { enabled: boolean; fields: FormFieldView[] };
  workingHours: WorkingHoursConfigView;
  offline: OfflineConfigView;
  /** The customer-facing texts in other languages; a text left empty falls back to the default. */
  translations: QueueTranslationsView;
  /** Every agent of the client, and whether they answer this queue. */
  agents: QueueAgentOption[];
  /** Chats waiting, offered or in progress: a queue with any cannot be deleted. */
  openChats: number;
  /** Open right now (switch and hours), and when it opens next if closed by its hours. */
  openNow: boolean;
  opensNextAt: string | null;
}

export interface QueueNameBody {
  name: string;
}

/** PATCH: every key may be left out, and then keeps its value; a key that is not a setting is refused. */
export interface GeneralSettingsBody {
  name?: string;
  /** A new address (QUEUE_SLUG_PATTERN): the old chat URL and website snippet stop working. */
  slug?: string;
  open?: boolean;
  agentDisplay?: AgentDisplay;
  waitingMessages?: string[];
  showEstimatedWait?: boolean;
  maxWaiting?: number;
  maxWaitSeconds?: number;
  offerTimeoutSeconds?: number | null;
  inactivityTimeoutMinutes?: number;
  expectedHandleMinutes?: number;
  serviceLevelSeconds?: number;
  surveyEnabled?: boolean;
  widget?: WidgetConfigView;
  attachmentsEnabled?: boolean;
  attachmentMaxMegabytes?: number;
}

/** The website widget (src/domain/widgetConfig.ts): colours are #rrggbb that carry white text at 4.5:1. */
export interface WidgetConfigView {
  color: string;
  position: 'bottom-right' | 'bottom-left';
  label: string;
  headerColor: string;
  /** https:// image, or empty. */
  logoUrl: string;
  /** Sites allowed to embed the chat; empty: any. */
  allowedOrigins: string[];
}

export interface DataCollectionBody {
  dataCollection: { enabled: boolean; fields: FormFieldView[] };
}

export interface WorkingHoursBody {
  workingHours: WorkingHoursConfigView;
}

export interface OfflineBody {
  offline: OfflineConfigView;
  closedMessage: string;
  noAgentsMessage: string;
}

export interface TranslationsBody {
  translations: QueueTranslationsView;
}

export interface QueueAgentsBody {
  agentIds: string[];
}

export type PersonRole = 'admin' | 'supervisor' | 'agent';

export interface PersonView {
  id: string;
  email: string;
  /** Shown to customers for agents. */
  displayName: string;
  role: PersonRole;
  /** Chats at once. */
  capacity: number;
  active: boolean;
  /** The uploaded avatar, or null (customers then see the default image). */
  pictureUrl: string | null;
  status: 'available' | 'away' | 'offline';
  /** Names of the queues the person answers. */
  queues: string[];
  /** Ids of those queues, in the same order. */
  queueIds: string[];
}

export interface PersonBody {
  email: string;
  displayName: string;
  role: PersonRole;
  capacity: number;
  /** The queues an agent answers (the whole list). Left out: unchanged. Ignored for admins and supervisors, who answer none. */
  queueIds?: string[];
}

export interface NewPersonBody extends PersonBody {
  password: string;
}

export interface PasswordBody {
  password: string;
}

export interface PictureBody {
  /** The image file's bytes, base64. */
  data: string;
}

export interface AuditChangeView {
  /** Dotted path of the changed value, e.g. "workingHours.timeZone"; "" for the whole entity. */
  path: string;
  from: unknown;
  to: unknown;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorName: string;
  entityType: 'queue' | 'person' | 'customer' | 'mail' | 'chat' | 'api_token' | 'webhook' | 'canned_reply';
  entityId: string;
  entityName: string;
  /** e.g. queue.created, queue.general, person.deactivated */
  action: string;
  changes: AuditChangeView[];
}

/** A chat not ended yet, as the portal lists it so that an admin can end a stuck one. */
export interface OpenChatView {
  chatId: string;
  customerName: string;
  queueId: string;
  queueName: string;
  /** The agent it is offered to or in progress with; null while waiting. */
  agentName: string | null;
  /** Whether that agent's console is still connected (heartbeat not expired); null without an agent. */
  agentPresent: boolean | null;
  status: 'queued' | 'offered' | 'active';
  /** When the customer joined the line. */
  since: string;
  /** The latest message or system line of the chat. */
  lastActivityAt: string;
}

export const PICTURE_MAX_BYTES = 2 * 1024 * 1024;

/** A queue's address, the last part of its Reactive Chat URL (/chat/<slug>): what the public routes accept. */
export const QUEUE_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Deleted queues keep `deleted-<id>` (src/app/admin/queueDeleter.ts): never an address a live queue may take. */
export const DELETED_SLUG_PREFIX = 'deleted-';
export const PASSWORD_MIN_LENGTH = 8;

/**
 * One mail in the client's outbox. queued: waiting for its (next) attempt;
 * sending: a node is sending it now; sent; failed: gave up after the last
 * attempt (can be sent again); kept: no SMTP server is configured.
 */
export interface MailView {
  id: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'kept';
  to: string;
  subject: string;
  attempts: number;
  /** The SMTP server's answer (or the connection error) at the last failed attempt. */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** When a queued mail is tried next. */
  nextAttemptAt: string | null;
}

export interface MailListView {
  mails: MailView[];
  /** Whether this server sends mail (SMTP_URL set); without it mail is only kept. */
  sending: boolean;
  /** Attempts before a mail is failed for good. */
  maxAttempts: number;
}

/**
 * API tokens: a client's servers call the REST API with `Authorization: Bearer <secret>`.
 * Each scope opens a fixed set of routes (the OpenAPI document at /docs names the scope of each):
 *   chats:read    chats in progress, past chats and their transcripts, left messages and callbacks
 *   queues:read   queues and their settings
 *   queues:write  create, duplicate, delete and configure queues
 *   people:read   the client's people (agents, supervisors, admins)
 *
 *   GET    /api/admin/tokens      -> { tokens: ApiTokenView[] }            (admin session only)
 *   POST   /api/admin/tokens      NewApiTokenBody -> 201 NewApiTokenView (the secret, this once)
 *   DELETE /api/admin/tokens/:id  -> 204 (revoked at once on every node)
 */
export const API_TOKEN_SCOPES = ['chats:read', 'queues:read', 'queues:write', 'people:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export interface NewApiTokenBody {
  name: string;
  scopes: ApiTokenScope[];
}

export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: string;
  lastUsedAt: string | null;
  createdByName: string;
}

export interface NewApiTokenView extends ApiTokenView {
  /** The bearer secret: shown once, never again (only its hash is stored). */
  secret: string;
}
