/**
 * Configuration from environment variables, validated once at start.
 * Every variable is documented with its default in .env.example.
 */
import { z } from 'zod';
import { type AdmissionLimits, DEFAULT_ADMISSION } from './db/admission.js';
import { ATTACHMENT_MAX_MB_CEILING } from './protocol/attachments.js';

const booleanText = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

/**
 * `postgres://user@/db?host=/var/run/postgresql` (a Unix socket, a user and no host) is read by pg
 * but is no WHATWG URL: an empty host is read as pg does, as the socket the query names.
 */
const asWhatwgUrl = (value: string) => new URL(value.replace(/^(postgres(?:ql)?:\/\/[^/?#]*@)(?=\/)/, '$1localhost'));

const urlWithProtocols = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(asWhatwgUrl(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']).optional(),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Reactive Chat <no-reply@reactive-chat.local>'),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanText.default(false),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanText.default(true),
  OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  DECLINE_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  PRESENCE_TTL_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  CUSTOMER_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(60000).default(1000),
  LINE_REFRESH_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  AGENT_RECHECK_MS: z.coerce.number().int().min(200).max(300_000).default(20_000),
  COOKIE_SECURE: booleanText.optional(),
  TRUST_PROXY: z.string().min(1).default('loopback,linklocal,uniquelocal'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120000).default(10000),
  SYNC_BURST: z.coerce.number().int().min(1).max(1000).default(5),
  SYNC_PER_SECOND: z.coerce.number().min(0.01).max(1000).default(1),
  SOCKETS_PER_CHAT: z.coerce.number().int().min(1).max(100).default(5),
  HANDSHAKES_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  CUSTOMER_EVENTS_IN_FLIGHT: z.coerce.number().int().min(1).max(10000).default(16),
  AGENT_EVENTS_IN_FLIGHT: z.coerce.number().int().min(1).max(10000).default(128),
  DB_MAX_WAITING: z.coerce.number().int().min(1).max(100000).default(DEFAULT_ADMISSION.maxWaiting),
  SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(10000).default(100),
  DB_MAX_WAIT_MS: z.coerce.number().int().min(10).max(600000).default(DEFAULT_ADMISSION.maxWaitMs),
  /** A folder for chat attachments; empty: they are stored in the database (bytea). */
  ATTACHMENTS_DIR: z.string().trim().min(1).optional(),
  /** The largest attachment any queue may allow, in megabytes (a queue's own limit is capped by it). */
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(ATTACHMENT_MAX_MB_CEILING).default(20),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
});

/**
 * Abuse limits. Per node in memory, or shared by every node through Redis
 * when REDIS_URL is set (each node falls back to its own count while Redis
 * is down); customer sockets per chat are counted per node.
 * Tests raise them through Config to stay deterministic.
 */
export interface RateLimits {
  /** Sign-in requests (any outcome) per address per minute. @default 30 */
  signInPerAddressPerMinute: number;
  /** Failed sign-ins per account within the failure window before refusing. @default 5 */
  signInFailuresPerAccount: number;
  /** Failed sign-ins per address within the failure window before refusing. @default 20 */
  signInFailuresPerAddress: number;
  /** The failure window in milliseconds. @default 15 minutes */
  signInFailureWindowMs: number;
  /** New chats per address per minute (an office behind one NAT shares it). @default 20 */
  chatStartsPerAddressPerMinute: number;
  /** Left messages and callback requests per address per 10 minutes. @default 10 */
  offlineItemsPerAddressPer10Minutes: number;
  /** Transcript mails per chat (its token) per 10 minutes. @default 3 */
  transcriptMailsPerChatPer10Minutes: number;
  /** Files uploaded to chats per address per 10 minutes. @default 30 */
  attachmentsPerAddressPer10Minutes: number;
  /** Any other API request per address per minute. @default 600 */
  apiPerAddressPerMinute: number;
  /** Socket messages (message:send) a chat side may burst; refilled at messagesPerSecond. @default 20 */
  messageBurst: number;
  /** @default 2 */
  messagesPerSecond: number;
  /** Typing hints a socket may burst; refilled at typingPerSecond. @default 20 */
  typingBurst: number;
  /** @default 5 */
  typingPerSecond: number;
  /** chat:sync requests a chat side (the customer, or an agent on one chat) may burst; refilled at syncPerSecond. @default 5 (SYNC_BURST) */
  syncBurst: number;
  /** @default 1 (SYNC_PER_SECOND) */
  syncPerSecond: number;
  /** Customer sockets open at once on one chat token, per node. @default 5 (SOCKETS_PER_CHAT) */
  socketsPerChat: number;
  /** Socket.IO handshakes (any namespace) per client address per minute. @default 30 (HANDSHAKES_PER_ADDRESS_PER_MINUTE) */
  handshakesPerAddressPerMinute: number;
  /** Unanswered events one customer socket may have; more are answered rate_limited at once. @default 16 (CUSTOMER_EVENTS_IN_FLIGHT) */
  customerEventsInFlight: number;
  /** The same for a console socket, which carries up to 50 chats (a send and a sync each). @default 128 (AGENT_EVENTS_IN_FLIGHT) */
  agentEventsInFlight: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerAddressPerMinute: 30,
  signInFailuresPerAccount: 5,
  signInFailuresPerAddress: 20,
  signInFailureWindowMs: 15 * 60_000,
  chatStartsPerAddressPerMinute: 20,
  offlineItemsPerAddressPer10Minutes: 10,
  transcriptMailsPerChatPer10Minutes: 3,
  attachmentsPerAddressPer10Minutes: 30,
  apiPerAddressPerMinute: 600,
  messageBurst: 20,
  messagesPerSecond: 2,
  typingBurst: 20,
  typingPerSecond: 5,
  syncBurst: 5,
  syncPerSecond: 1,
  socketsPerChat: 5,
  handshakesPerAddressPerMinute: 30,
  customerEventsInFlight: 16,
  agentEventsInFlight: 128,
};

export interface Config {
  /** TCP port to listen on. @default 3000 (0 picks a free port) */
  port: number;
  /** Interface to bind. @default 0.0.0.0 */
  host: string;
  /** PGlite data folder, used when no databaseUrl is set. @default ./data */
  dataDir: string;
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl?: string;
  /** Redis connection string; when set, Socket.IO nodes share events through Redis. */
  redisUrl?: string;
  /** SMTP server for outgoing mail; without it mail stays in the outbox table. */
  smtpUrl?: string;
  /** From address of outgoing mail. */
  mailFrom: string;
  /** Mail retries: the first retry waits this long, each next one twice as long (with jitter). @default 30000 */
  mailRetryBaseMs: number;
  /** The longest wait between two attempts of one mail. @default 3600000 (1 hour) */
  mailRetryMaxMs: number;
  /** Attempts of one mail before it is marked failed for good (the admin can send it again). @default 8 */
  mailMaxAttempts: number;
  /** How often each node looks for mail due (retries, mail enqueued on other nodes). @default 5000 */
  mailPollMs: number;
  /** Longest wait for the SMTP server to connect, greet or answer. @default 30000 */
  smtpTimeoutMs: number;
  /** Webhook deliveries (src/webhooks): how long an endpoint has to answer, retries like mail's, polling. */
  webhooks: {
    /** @default 10000 */
    timeoutMs: number;
    retry: { baseMs: number; maxMs: number; maxAttempts: number };
    /** @default 1000 */
    pollMs: number;
    /**
     * Let webhooks reach loopback and private addresses (tests, an intranet receiver). Off by default:
     * an admin's URL must not reach into the server's own network. @default false
     */
    allowPrivateNetworks: boolean;
  };
  /** Public base URL used to build Reactive Chat URLs; the request's origin otherwise. */
  publicUrl?: string;
  logLevel: string;
  /** Create the demo client on an empty database. @default true */
  seedDemo: boolean;
  /** Seconds an agent has to accept an offered chat. @default 30 */
  offerTimeoutSeconds: number;
  /**
   * Seconds a declined chat is not offered again to the agent who declined it (others may take it
   * meanwhile; 0 = at once when nobody else can). @default 30
   */
  declineCooldownSeconds: number;
  /** Seconds an agent stays present without a heartbeat. @default 30 */
  presenceTtlSeconds: number;
  /**
   * Seconds a customer may be away (tab closed, reload, network change) and keep their place or
   * chat; past it a waiting chat is abandoned and an active one ends. @default 60
   */
  customerGraceSeconds: number;
  /** How often each node looks for due timers (offers, presence). @default 1000 */
  sweepIntervalMs: number;
  /** How often the leader re-sends every waiting customer's place and estimate (time passes: the estimate is a remaining wait). */
  lineRefreshMs: number;
  /**
   * How often each node re-derives its agent consoles' chat rooms and sessions from the database
   * (src/transport/realtime/agentRooms.ts); while the Redis bus is down, every sweepIntervalMs
   * when that is shorter. @default 20000
   */
  agentRecheckMs: number;
  /** Force the Secure cookie flag; by default it follows the request's protocol. */
  cookieSecure?: boolean;
  /**
   * Which proxies' X-Forwarded-* headers to believe (client address for rate
   * limits, protocol for Secure cookies): proxy-addr names, addresses or CIDRs,
   * comma-separated. @default loopback,linklocal,uniquelocal (private networks)
   */
  trustProxy: string;
  /**
   * The bounded wait for a database connection: past DB_MAX_WAITING waiting or DB_MAX_WAIT_MS
   * waited, work is refused `unavailable` before it runs (src/db/admission.ts). @default 200 / 1000 ms
   */
  databaseQueue: AdmissionLimits;
  /**
   * Event-loop delay (p99 over 250 ms) above which message sends and typing hints are shed, a growing
   * share at a time (src/transport/realtime/loopShedder.ts); 0 turns it off. @default 100
   */
  shedEventLoopDelayMs: number;
  /** Abuse limits. @default DEFAULT_RATE_LIMITS */
  rateLimits: RateLimits;
  /**
   * On SIGTERM/SIGINT, how long the node may take to drain (sockets told to
   * reconnect elsewhere, in-flight work finished) before it exits anyway. @default 10000
   */
  shutdownTimeoutMs: number;
  /**
   * Bearer token that /metrics asks for; without it /metrics answers only
   * loopback and private-network addresses.
   */
  metricsToken?: string;
  /** Chat attachments: in this folder when set (ATTACHMENTS_DIR), else in the database; the largest file any queue may allow (ATTACHMENT_MAX_MB). */
  attachments: { dir?: string; maxMegabytes: number };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message} (got "${String(env[String(issue.path[0])])}")`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailRetryBaseMs: e.MAIL_RETRY_BASE_MS,
    mailRetryMaxMs: e.MAIL_RETRY_MAX_MS,
    mailMaxAttempts: e.MAIL_MAX_ATTEMPTS,
    mailPollMs: e.MAIL_POLL_MS,
    smtpTimeoutMs: e.SMTP_TIMEOUT_MS,
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retry: { baseMs: e.WEBHOOK_RETRY_BASE_MS, maxMs: e.WEBHOOK_RETRY_MAX_MS, maxAttempts: e.WEBHOOK_MAX_ATTEMPTS },
      pollMs: e.WEBHOOK_POLL_MS,
      allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    offerTimeoutSeconds: e.OFFER_TIMEOUT_SECONDS,
    declineCooldownSeconds: e.DECLINE_COOLDOWN_SECONDS,
    presenceTtlSeconds: e.PRESENCE_TTL_SECONDS,
    customerGraceSeconds: e.CUSTOMER_GRACE_SECONDS,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    lineRefreshMs: e.LINE_REFRESH_MS,
    agentRecheckMs: e.AGENT_RECHECK_MS,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      ...DEFAULT_RATE_LIMITS,
      syncBurst: e.SYNC_BURST,
      syncPerSecond: e.SYNC_PER_SECOND,
      socketsPerChat: e.SOCKETS_PER_CHAT,
      handshakesPerAddressPerMinute: e.HANDSHAKES_PER_ADDRESS_PER_MINUTE,
      customerEventsInFlight: e.CUSTOMER_EVENTS_IN_FLIGHT,
      agentEventsInFlight: e.AGENT_EVENTS_IN_FLIGHT,
    },
    databaseQueue: { maxWaiting: e.DB_MAX_WAITING, maxWaitMs: e.DB_MAX_WAIT_MS },
    shedEventLoopDelayMs: e.SHED_EVENT_LOOP_DELAY_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN,
    attachments: { dir: e.ATTACHMENTS_DIR, maxMegabytes: e.ATTACHMENT_MAX_MB },
  };
}
