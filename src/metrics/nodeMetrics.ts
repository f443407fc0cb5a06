/**
 * One node's Prometheus metrics (served at /metrics by
 * src/transport/http/metricsRoute.ts). A registry of its own per node, not
 * prom-client's global one: tests start several nodes in one process.
 *
 * Everything is per node (Prometheus scrapes each node and sums), except
 * `reactive_chat_waiting_customers`, which is read from the database at
 * scrape time and so is the same on every node: aggregate it with max(), not sum().
 * The process's own figures (CPU, memory, event-loop lag) live in one
 * process-wide registry, because their event-loop monitor can never be stopped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../app/deps.js';

/** Seconds: from a millisecond (a quiet node) to 10 s (an overloaded one). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds in line before an offer: from instant to an hour. */
const WAIT_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** A scrape never waits longer than this for the database (Prometheus' default timeout is 10 s). */
const SCRAPE_READ_TIMEOUT_MS = 2000;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export interface WaitingLine {
  clientId: string;
  queue: string;
  waiting: number;
}

export interface NodeMetricsSources {
  /** Sockets this node holds, by namespace. */
  connections(): { customer: number; agent: number };
  /** Customers waiting per queue (a database read; it may fail while the database is away). */
  waitingLines(): Promise<WaitingLine[]>;
  /** Load shedding (src/db/admission.ts, src/transport/realtime/loopShedder.ts): what was refused since start, and now. */
  shedding(): { databaseRunning: number; databaseWaiting: number; databaseRefused: number; loopRefused: number; loopShare: number };
}

let processRegistry: Registry | null = null;

/** CPU, memory, handles and event-loop lag (nodejs_eventloop_lag_seconds and its percentiles), once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 });
  }
  return processRegistry;
}

export interface NodeMetrics {
  /** The Prometheus text exposition of this node and its process. */
  exposition(): Promise<string>;
  readonly contentType: string;
  /** The port the use cases report to (Deps.metrics). */
  app: Metrics;
  /** A statement failed; `code` is PostgreSQL's SQLSTATE, or the driver's code (e.g. ECONNREFUSED). */
  databaseError(code: string): void;
  /** A Redis connection reported an error (`which`: pub, sub or limits). */
  redisError(which: string): void;
  /** Forgets this node's series (the node closed). */
  close(): void;
}

export function createNodeMetrics(sources: NodeMetricsSources): NodeMetrics {
  const registry = new Registry();
  const process = processMetrics();

  new Gauge({
    name: 'reactive_chat_connections',
    help: 'Socket.IO connections held by this node, by namespace',
    labelNames: ['namespace'],
    registers: [registry],
    collect() {
      const counts = sources.connections();
      this.set({ namespace: 'customer' }, counts.customer);
      this.set({ namespace: 'agent' }, counts.agent);
    },
  });
  const messages = new Counter({
    name: 'reactive_chat_messages_total',
    help: 'Chat messages stored, acknowledged and published by this node, by author (rate() gives messages/s)',
    labelNames: ['author'],
    registers: [registry],
  });
  const delivery = new Histogram({
    name: 'reactive_chat_message_delivery_seconds',
    help: "This node's share of a message's delivery: from its event arriving to it being stored, acknowledged and published",
    labelNames: ['author'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const waitedBeforeOffer = new Histogram({
    name: 'reactive_chat_routing_wait_seconds',
    help: 'Time a chat waited in line before it was offered to an agent (offers made by this node)',
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  const routingPasses = new Histogram({
    name: 'reactive_chat_routing_pass_seconds',
    help: 'Duration of one routing pass over a queue on this node, by outcome',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'reactive_chat_waiting_customers',
    help: 'Customers waiting in line per queue (read from the database: the same on every node, aggregate with max)',
    labelNames: ['client_id', 'queue'],
    registers: [registry],
    async collect() {
      this.reset();
      // While the database is away the series is left out rather than failing the whole scrape.
      const lines = await withinTime(sources.waitingLines(), SCRAPE_READ_TIMEOUT_MS).catch(() => null);
      for (const line of lines ?? []) this.set({ client_id: line.clientId, queue: line.queue }, line.waiting);
    },
  });
  new Counter({
    name: 'reactive_chat_shed_total',
    help: 'Work this node refused `unavailable` to stay responsive, by where: the database wait, or the event loop (message sends and typing)',
    labelNames: ['where'],
    registers: [registry],
    collect() {
      const now = sources.shedding();
      this.reset();
      this.inc({ where: 'database' }, now.databaseRefused);
      this.inc({ where: 'event_loop' }, now.loopRefused);
    },
  });
  new Gauge({
    name: 'reactive_chat_database_work',
    help: 'Statements or transactions of this node running on a database connection, or waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const now = sources.shedding();
      this.set({ state: 'running' }, now.databaseRunning);
      this.set({ state: 'waiting' }, now.databaseWaiting);
    },
  });
  new Gauge({
    name: 'reactive_chat_admitted_share',
    help: 'Share of message sends and typing hints the event-loop shedder admits now (1 = all)',
    registers: [registry],
    collect() {
      this.set(sources.shedding().loopShare);
    },
  });
  const databaseErrors = new Counter({
    name: 'reactive_chat_database_errors_total',
    help: 'Statements that failed on this node, by SQLSTATE or driver error code',
    labelNames: ['code'],
    registers: [registry],
  });
  const redisErrors = new Counter({
    name: 'reactive_chat_redis_errors_total',
    help: 'Errors reported by this node’s Redis connections, by connection',
    labelNames: ['connection'],
    registers: [registry],
  });
  // Zero series exist from the start, so rate() and alerts see them before the first event.
  for (const author of ['customer', 'agent']) messages.inc({ author }, 0);
  databaseErrors.inc({ code: 'none' }, 0);

  return {
    exposition: async () => `${await process.metrics()}\n${await registry.metrics()}`,
    contentType: registry.contentType,
    app: {
      messageDelivered(author, seconds) {
        messages.inc({ author });
        delivery.observe({ author }, seconds);
      },
      chatOffered: (waitedSeconds) => waitedBeforeOffer.observe(Math.max(0, waitedSeconds)),
      routingPass: (seconds, outcome) => routingPasses.observe({ outcome }, seconds),
    },
    databaseError: (code) => databaseErrors.inc({ code }),
    redisError: (which) => redisErrors.inc({ connection: which }),
    close: () => registry.clear(),
  };
}
