/**
 * What the use cases need from the outside world. The composition root
 * (src/server.ts) builds one Deps per process.
 */
import type { Config } from '../config.js';
import type { Db, Queryable } from '../db/db.js';
import type { AgentServerEvents, CustomerServerEvents } from '../protocol/events.js';
import type { SupervisorServerEvents } from '../protocol/supervisor.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Delivers events to connected browsers on every node (Socket.IO rooms, Redis adapter when configured). */
export interface Publisher {
  /** To the customer of a chat. */
  toCustomer<E extends keyof CustomerServerEvents>(chatId: string, event: E, ...args: Parameters<CustomerServerEvents[E]>): void;
  /**
   * To the agent sockets that have the chat open (and, read-only, to the supervisors watching it:
   * the chat's events, state and typing).
   */
  toChatAgents<E extends keyof AgentServerEvents>(chatId: string, event: E, ...args: Parameters<AgentServerEvents[E]>): void;
  /** To every socket of one agent. */
  toAgent<E extends keyof AgentServerEvents>(userId: string, event: E, ...args: Parameters<AgentServerEvents[E]>): void;
  /** To every signed-in socket of a client (e.g. a new offline item). */
  toClientAgents<E extends keyof AgentServerEvents>(clientId: string, event: E, ...args: Parameters<AgentServerEvents[E]>): void;
  /** To the customer pages at a queue's chat URL (its slug) that have not started a chat (src/protocol/visitor.ts): read the queue again. */
  toQueueVisitors(slug: string): void;
  /** To the supervisors watching the chat on the live view (e.g. a whisper). */
  toWatchers<E extends keyof SupervisorServerEvents>(chatId: string, event: E, ...args: Parameters<SupervisorServerEvents[E]>): void;
  /** Subscribes every socket of the agent to the chat's events (and unsubscribes). */
  attachAgentToChat(userId: string, chatId: string): void;
  detachAgentFromChat(userId: string, chatId: string): void;
  /** Takes every agent socket, on every node, out of the chat's room (the chat ended). */
  closeChatRoom(chatId: string): void;
  /** Closes every socket of that person on every node, console and live view (their sessions ended). */
  disconnectUser(userId: string): void;
  /**
   * The same publisher, leaving out one connection (an opaque id the transport
   * gave the use case): the sender of a message has it from its ack, so the
   * room broadcast skips that socket while the sender's other tabs still get it.
   */
  except(connectionId: string): Publisher;
}

export interface Mail {
  clientId: string | null;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  /** Message-ID to give the mail, e.g. `<id@host>`; by default one made from the outbox id. */
  messageId?: string;
  /** The Message-ID this mail answers (threads the reply). */
  inReplyTo?: string;
}

/**
 * The outbox: a mail is a row written in the transaction of the change it
 * tells about (both or neither), sent after commit by a mail worker
 * (src/mail/mailWorker.ts), retried with back-off until the SMTP server takes it.
 */
export interface Mailer {
  /** Whether this node sends mail (SMTP_URL set); without it mail is kept in the outbox. */
  readonly sends: boolean;
  /** Writes the mail to the outbox with the caller's transaction; nothing is sent yet. */
  enqueue(tx: Queryable, mail: Mail): Promise<{ id: string; status: 'queued' | 'kept' }>;
  /** Call after the transaction committed: this node's worker sends at once rather than at its next poll. */
  wake(): void;
}

/**
 * What the use cases report for operators (src/metrics/nodeMetrics.ts turns it into Prometheus
 * series at /metrics). Calls are cheap and never throw.
 */
export interface Metrics {
  /** A message was stored, acknowledged and published: seconds since its event reached this node. */
  messageDelivered(author: 'customer' | 'agent', seconds: number): void;
  /** A chat was offered to an agent after waiting this long in line (queued → offered). */
  chatOffered(waitedSeconds: number): void;
  /** One routing pass over a queue took this long (locks, offers and announcements). */
  routingPass(seconds: number, outcome: 'ok' | 'failed'): void;
}

/** For callers without a metrics sink (micro benchmarks). */
export const noMetrics: Metrics = {
  messageDelivered: () => undefined,
  chatOffered: () => undefined,
  routingPass: () => undefined,
};

export interface Deps {
  db: Db;
  config: Config;
  publish: Publisher;
  mailer: Mailer;
  log: Logger;
  /** Called after every change that may let a waiting chat be offered. */
  kickRouter(queueIds: string[]): void;
  /** Looks for due webhook deliveries now (after an enqueue that should go out at once, e.g. a test ping). */
  wakeWebhooks(): void;
  /** The time working hours are read at (the router and the opening/closing watch); tests may move it. */
  now(): Date;
  metrics: Metrics;
}
