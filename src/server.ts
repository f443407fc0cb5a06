/**
 * Composition root: builds one node (HTTP API, realtime gateway, browser
 * apps, timers) from a Config. main.ts starts it; tests start it on port 0.
 */
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { createAdapter } from '@socket.io/redis-adapter';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { CoalescingWebSocketServer } from './transport/realtime/coalescingWebSocket.js';
import { DEMO, seedDemo } from './app/demoSeed.js';
import type { PasswordCheck } from './app/auth.js';
import type { Deps } from './app/deps.js';
import { createHeadsAnnouncer } from './app/chatHeads.js';
import { createHoursWatch } from './app/queueClosings.js';
import { findQueueBySlug } from './app/queues.js';
import { createLeadership } from './app/leader.js';
import { createRouterKicker, type RoutingError } from './app/routerKicker.js';
import { kickWaitingQueues, sweepOnce } from './app/sweeper.js';
import { refreshWaitingLines } from './app/lineRefresher.js';
import { renewPresence } from './app/agentStatus.js';
import { renewCustomerPresence } from './app/customerPresence.js';
import { DatabaseReach } from './app/databaseReach.js';
import { databaseAnswers, overloaded } from './app/readiness.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { DatabaseBusy } from './db/admission.js';
import { openDatabase } from './db/open.js';
import { isDatabaseOutage } from './db/outage.js';
import { killBeforePublishing } from './faults.js';
import { createMailer } from './mail/mailer.js';
import { createNodeMetrics } from './metrics/nodeMetrics.js';
import { observedDb } from './metrics/observedDb.js';
import { waitingLines } from './metrics/waitingLines.js';
import type { MailWorker } from './mail/mailWorker.js';
import { startMailWorker } from './mail/startMailWorker.js';
import { replyMailChanged } from './app/offlineWork.js';
import { startWebhookWorker, type WebhookWorker } from './webhooks/webhookWorker.js';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE } from './protocol/events.js';
import { SUPERVISOR_NAMESPACE } from './protocol/supervisor.js';
import { BoardHub, noticingPublisher } from './app/boardHub.js';
import { readBoard } from './app/liveBoard.js';
import { supervisorGateway } from './transport/realtime/supervisorGateway.js';
import { adminRoutes } from './transport/http/adminRoutes.js';
import { afterChatRoutes } from './transport/http/afterChatRoutes.js';
import { agentRoutes } from './transport/http/agentRoutes.js';
import { cannedReplyRoutes } from './transport/http/cannedReplyRoutes.js';
import { installApiDocs } from './transport/http/apiDocs.js';
import { installCsrfCheck } from './transport/http/csrf.js';
import { attachmentRoutes } from './transport/http/attachmentRoutes.js';
import { frameworkErrors, installErrorHandler } from './transport/http/errorHandler.js';
import { installJsonParser } from './transport/http/jsonBody.js';
import { healthRoutes } from './transport/http/healthRoutes.js';
import { metricsRoute } from './transport/http/metricsRoute.js';
import { pageRoutes } from './transport/http/pages.js';
import { privacyRoutes } from './transport/http/privacyRoutes.js';
import { publicRoutes } from './transport/http/publicRoutes.js';
import { installRateLimiting, signInGuard } from './transport/http/rateLimits.js';
import { staffRoutes } from './transport/http/staffRoutes.js';
import { tokenRoutes } from './transport/http/tokenRoutes.js';
import { webhookRoutes } from './transport/http/webhookRoutes.js';
import { reportRoutes } from './transport/http/reportRoutes.js';
import { agentGateway, PresenceTracker } from './transport/realtime/agentGateway.js';
import { customerGateway } from './transport/realtime/customerGateway.js';
import { visitorGateway } from './transport/realtime/visitorGateway.js';
import { VISITOR_NAMESPACE } from './protocol/visitor.js';
import { eventLimiters, limitHandshakes } from './transport/realtime/guards.js';
import { handlersSettled } from './transport/realtime/handler.js';
import { startLoopShedder } from './transport/realtime/loopShedder.js';
import { consoleRecheck } from './transport/realtime/agentRooms.js';
import { createRedisBus } from './transport/realtime/redisBus.js';
import { openLimits } from './transport/limits/sharedLimits.js';
import { rooms, socketPublisher } from './transport/realtime/publisher.js';

export interface RunningNode {
  app: FastifyInstance;
  io: Server;
  deps: Deps;
  /** http://host:port actually bound */
  url: string;
  /** Every HTTP route registered, e.g. `POST /api/auth/login` (the authorization test walks them all). */
  routes: string[];
  /** Resolves when no routing pass is running on this node (tests). */
  routingIdle(): Promise<void>;
  /**
   * Drains and stops the node: /ready answers 503, the listener closes, every socket is told to
   * reconnect (elsewhere, through the load balancer), in-flight requests, socket events, routing
   * passes and sweeps finish, then Redis and the database are closed. main.ts bounds it in time.
   */
  /** Resolves when this node's mail worker has nothing in hand (tests). */
  mailIdle(): Promise<void>;
  /** Resolves when this node's webhook worker has nothing in hand (tests). */
  webhooksIdle(): Promise<void>;
  /** Routing passes that failed on this node (tests assert none). */
  routingErrors(): RoutingError[];
  /** Whether this node runs the periodic sweep now (src/app/leader.ts). */
  isLeader(): boolean;
  /** Rechecks this node's agent consoles against the database now (src/transport/realtime/agentRooms.ts); true when it succeeded. */
  recheckConsoles(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse an open database (tests share one PGlite per file). */
  db?: Db;
  /** Folder of the built browser apps. @default dist/web beside the sources */
  webRoot?: string;
  /** Crash tests only: die between storing a message with this body and publishing it (src/faults.ts). */
  killBeforePublishing?: string;
  /** The password check of sign-in (tests count its calls). @default verifyPassword */
  checkPassword?: PasswordCheck;
  /** Where the log lines go (tests read them). @default stdout */
  logStream?: { write(line: string): void };
  /** The clock working hours are read by (tests move it). @default the system clock */
  clock?: () => Date;
}

/** /ready: how long the database may take to answer `SELECT 1`. */
const READY_DB_TIMEOUT_MS = 1000;
/** Presence renewal retry while the database is away. */
const HEARTBEAT_RETRY_MS = 500;
/** Between nodes (Socket.IO serverSideEmit): recheck your consoles, I dropped publishes while the bus was down. */
const RECHECK_CONSOLES = 'consoles:recheck';
/** The leader runs the routing safety net about this often, not on every sweep. */
const SAFETY_NET_MS = 5000;
/** Live view: a client's board is read at most this often per node (so at most 2 pushes a second per viewer)… */
const BOARD_MIN_INTERVAL_MS = 500;
/** …and re-read this often without a change, for what moves with time alone (estimates, hours). */
const BOARD_REFRESH_MS = 5000;
/** Between nodes: something on the live boards changed here. */
const BOARD_CHANGED = 'board:changed';

const DEFAULT_WEB_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../web' : '../dist/web', import.meta.url));

export async function startNode(config: Config, options: StartOptions = {}): Promise<RunningNode> {
  const metrics = createNodeMetrics({
    connections: () => ({ customer: io.of(CUSTOMER_NAMESPACE).sockets.size, agent: io.of(AGENT_NAMESPACE).sockets.size }),
    waitingLines: () => waitingLines(db),
    shedding: () => {
      const load = db.load();
      return { databaseRunning: load.running, databaseWaiting: load.waiting, databaseRefused: load.refused, loopRefused: loop.refused(), loopShare: loop.share() };
    },
  });
  const db = observedDb(options.db ?? (await openDatabase(config)), metrics.databaseError);
  const ownsDb = !options.db;
  await migrate(db);

  const app = Fastify({
    logger: { level: config.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    frameworkErrors,
  });
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  const io = new Server(app.server, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 10000, pingTimeout: 8000, wsEngine: CoalescingWebSocketServer });
  const redis = config.redisUrl ? createRedisBus(config.redisUrl, app.log, metrics.redisError) : null;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub));
  // Events published while the bus was down never reached the other nodes' sockets: when it is back,
  // this node's sockets fetch what they missed (clients answer `resync` with chat:sync). When this node
  // itself failed to publish, every node's sockets are told, in case their bus never went down.
  // The rooms and connections of this node's consoles may miss commands lost on the bus: the node
  // rechecks them against the database when the bus is back (and when another node says it dropped
  // publishes), and on a timer (src/transport/realtime/agentRooms.ts).
  redis?.onRestored((droppedPublishes) => {
    void consoles.run();
    if (droppedPublishes > 0) io.of(AGENT_NAMESPACE).serverSideEmit(RECHECK_CONSOLES);
    for (const ns of [CUSTOMER_NAMESPACE, AGENT_NAMESPACE, SUPERVISOR_NAMESPACE]) {
      if (droppedPublishes > 0) io.of(ns).emit('resync');
      else io.of(ns).local.emit('resync');
    }
  });
  redis?.onLost(() => consoles.busLost());

  const kicker = createRouterKicker(() => deps);
  // Live view: one read of a client's board per change for all its viewers on this node (src/app/boardHub.ts).
  const boards = new BoardHub({
    minIntervalMs: BOARD_MIN_INTERVAL_MS,
    refreshMs: BOARD_REFRESH_MS,
    read: (clientId) => readBoard(db, clientId, deps.now()),
    send: (clientId, board) => void io.of(SUPERVISOR_NAMESPACE).local.to(rooms.board(clientId)).emit('board', board),
    ...(redis ? { spread: () => io.of(SUPERVISOR_NAMESPACE).serverSideEmit(BOARD_CHANGED) } : {}),
    log: app.log,
  });
  io.of(SUPERVISOR_NAMESPACE).on(BOARD_CHANGED, () => boards.changedLocally());
  let mailWorker: MailWorker | null = null;
  let webhookWorker: WebhookWorker | null = null;
  const deps: Deps = {
    db,
    config,
    log: app.log,
    publish: noticingPublisher(
      options.killBeforePublishing ? killBeforePublishing(socketPublisher(io, [], !redis), options.killBeforePublishing) : socketPublisher(io, [], !redis),
      () => boards.changed(),
    ),
    mailer: createMailer({ sends: Boolean(config.smtpUrl), wake: () => mailWorker?.wake() }),
    kickRouter: (queueIds) => {
      // A kick follows every change to a line (a customer joined, an item was left): the boards show it.
      boards.changed();
      kicker.kick(queueIds);
    },
    wakeWebhooks: () => webhookWorker?.wake(),
    now: options.clock ?? (() => new Date()),
    metrics: metrics.app,
  };

  const consoles = consoleRecheck(io.of(AGENT_NAMESPACE), deps, {
    everyMs: config.agentRecheckMs,
    untrustedEveryMs: Math.min(config.agentRecheckMs, config.sweepIntervalMs),
    busUp: () => redis?.connected() ?? true,
  });
  // Another node dropped publishes while the bus was down (the commands it lost may concern our consoles).
  io.of(AGENT_NAMESPACE).on(RECHECK_CONSOLES, () => void consoles.run());

  if (config.seedDemo && (await seedDemo(db))) app.log.info('created the demo client');

  await app.register(fastifyCookie);
  const limits = await openLimits(config.redisUrl, app.log);
  await installRateLimiting(app, config.rateLimits, limits);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Our own WebSocket only: 'self' covers it in CSP3 browsers; the explicit host covers the rest.
        connectSrc: ["'self'", (request) => sameHostWebSockets(request.headers.host)],
        // https: for a queue's logo (its widget branding), which lives on the client's own site;
        // blob: the customer page shows chat images it fetched with its chat token (src/app/attachments/).
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: null,
      },
    },
    // The customer page may be opened from any site's link; it embeds nothing cross-origin.
    crossOriginEmbedderPolicy: false,
  });
  await installApiDocs(app);
  installErrorHandler(app);
  installJsonParser(app);
  installCsrfCheck(app, deps);
  publicRoutes(app, deps);
  staffRoutes(app, deps, signInGuard(config.rateLimits, limits), options.checkPassword);
  privacyRoutes(app, deps);
  adminRoutes(app, deps);
  agentRoutes(app, deps);
  afterChatRoutes(app, deps);
  tokenRoutes(app, deps);
  webhookRoutes(app, deps);
  cannedReplyRoutes(app, deps);
  reportRoutes(app, deps);
  attachmentRoutes(app, deps);
  const reach = new DatabaseReach();
  let shuttingDown = false;
  healthRoutes(app, async () => {
    const database = await databaseAnswers(db, READY_DB_TIMEOUT_MS);
    if (!database) reach.failed();
    else if (reach.succeeded()) renewNow();
    const lastRefusedAt = Math.max(db.load().lastRefusedAt, loop.lastRefusedAt());
    return { database, bus: redis ? redis.connected() : null, shuttingDown, overloaded: overloaded(lastRefusedAt) };
  });
  metricsRoute(app, metrics, config.metricsToken);
  await pageRoutes(app, options.webRoot ?? DEFAULT_WEB_ROOT, async (slug) => {
    const queue = await findQueueBySlug(db, slug).catch(() => null);
    return queue ? queue.config.widget.allowedOrigins : null;
  });

  const presence = new PresenceTracker();
  const loop = startLoopShedder(config.shedEventLoopDelayMs);
  const limiters = eventLimiters(config.rateLimits, limits, loop);
  limitHandshakes([io.of(CUSTOMER_NAMESPACE), io.of(AGENT_NAMESPACE), io.of(SUPERVISOR_NAMESPACE)], config.rateLimits, limits, config.trustProxy);
  const customers = new PresenceTracker();
  customerGateway(io.of(CUSTOMER_NAMESPACE), deps, limiters, customers);
  agentGateway(io.of(AGENT_NAMESPACE), deps, presence, limiters, consoles);
  supervisorGateway(io.of(SUPERVISOR_NAMESPACE), deps, boards, limiters, config.rateLimits.agentEventsInFlight);
  visitorGateway(io.of(VISITOR_NAMESPACE));

  // Only the leader sweeps: each timer fires once across nodes (src/app/leader.ts).
  const leadership = createLeadership(db, app.log);
  const hoursWatch = createHoursWatch();
  const heads = createHeadsAnnouncer();
  const safetyNetEvery = Math.max(1, Math.round(SAFETY_NET_MS / config.sweepIntervalMs));
  const lineRefreshEvery = Math.max(1, Math.round(config.lineRefreshMs / config.sweepIntervalMs));
  let sweeps = 0;
  /** One sweep tick; false when another node leads (this one touched nothing). */
  const sweep = async (expirePresence: boolean): Promise<boolean> => {
    if (!(await leadership.refresh())) return false;
    await sweepOnce(deps, { expirePresence });
    await hoursWatch.check(deps);
    if (sweeps % safetyNetEvery === 0) await kickWaitingQueues(deps);
    if (sweeps % lineRefreshEvery === 0) await refreshWaitingLines(deps);
    sweeps++;
    await heads.run(deps);
    return true;
  };
  let sweeping = false;
  const sweepTimer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    // Presence expires only once this node has reached the database for longer than the TTL without
    // a break: after an outage, every node first gets a full TTL to renew its connected agents.
    const expirePresence = reach.reachableForMs() > config.presenceTtlSeconds * 1000;
    sweep(expirePresence)
      .then((swept) => {
        // A follower's leadership check may be its only database call (it holds no sockets): an
        // unanswered one is an outage, or this node would count its reach across it and, on taking
        // the lead the moment the database returns, expire agents whose nodes had not renewed yet.
        if (!swept && !leadership.reached()) return reach.failed();
        if (reach.succeeded()) renewNow();
      })
      .catch((error) => {
        // Refused for overload: the database is busy, not away; the next tick sweeps again.
        if (error instanceof DatabaseBusy) return;
        reach.failed();
        app.log.error({ err: error }, 'sweep failed');
      })
      .finally(() => (sweeping = false));
  }, config.sweepIntervalMs);

  // Presence heartbeat for the agents and customers whose sockets this node holds: every TTL/3, and while the
  // database is away every HEARTBEAT_RETRY_MS, so presence is renewed within moments of its return.
  const heartbeatMs = Math.max(1000, (config.presenceTtlSeconds * 1000) / 3);
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let renewing: Promise<void> | null = null;
  let renewalFailing = false;
  function renewNow(): void {
    if (renewing || shuttingDown) return;
    clearTimeout(heartbeatTimer);
    renewing = Promise.all([renewPresence(deps, presence.connected()), renewCustomerPresence(deps, customers.connected())])
      .then(
        () => {
          if (renewalFailing) app.log.warn('presence renewal works again');
          renewalFailing = false;
          return heartbeatMs;
        },
        (error: unknown) => {
          // The database is away: this node's reach starts again once it answers. (Only then: a fault of
          // the statement itself must not hold presence expiry off for ever.)
          if (isDatabaseOutage(error)) reach.failed();
          if (renewalFailing) return HEARTBEAT_RETRY_MS;
          if (error instanceof DatabaseBusy) app.log.warn('presence renewal refused: the database is overloaded; retrying');
          else app.log.error({ err: error }, 'presence renewal failed; retrying until the database answers');
          renewalFailing = true;
          return HEARTBEAT_RETRY_MS;
        },
      )
      .then((delay) => {
        renewing = null;
        if (!shuttingDown) heartbeatTimer = setTimeout(renewNow, delay);
      });
  }
  heartbeatTimer = setTimeout(renewNow, heartbeatMs);

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    clearInterval(sweepTimer);
    clearTimeout(heartbeatTimer);
    boards.stop();
    void consoles.stop();
    shuttingDown = true;
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  // A sent (or failed) reply to a left message turns the consoles' "Reply queued" into what happened.
  mailWorker = startMailWorker(db, config, app.log, (mailId) => void replyMailChanged(deps, mailId));
  webhookWorker = startWebhookWorker(db, config.webhooks, app.log);

  let closing: Promise<void> | undefined;
  return {
    app,
    io,
    deps,
    url,
    routes,
    routingIdle: () => kicker.idle(),
    routingErrors: () => kicker.errors(),
    isLeader: () => leadership.isLeader(),
    recheckConsoles: () => consoles.run(),
    mailIdle: async () => mailWorker?.idle(),
    webhooksIdle: async () => webhookWorker?.idle(),
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        clearInterval(sweepTimer);
        clearTimeout(heartbeatTimer);
        const consolesStopped = consoles.stop();
        boards.stop();
        // Only this node's sockets (`local`: without it the adapter would disconnect every node's).
        // 'io server disconnect': the customer page and the agent console reconnect on purpose.
        for (const ns of [CUSTOMER_NAMESPACE, AGENT_NAMESPACE, SUPERVISOR_NAMESPACE]) io.of(ns).local.disconnectSockets(true);
        // Closes the listener: no new connection reaches this node.
        void io.close();
        await app.close(); // waits for the HTTP requests in flight
        // Socket events already received finish (stored, acknowledged, published), then what they started.
        await handlersSettled();
        await kicker.idle();
        while (sweeping) await new Promise((r) => setTimeout(r, 20));
        await renewing;
        await consolesStopped;
        await mailWorker?.close();
        await webhookWorker?.close();
        await leadership.close();
        await kicker.idle();
        redis?.close();
        limits.close();
        loop.stop();
        if (ownsDb) await db.close();
        metrics.close();
      })();
      return closing;
    },
  };
}

/** `ws://host wss://host` for the CSP; nothing for a Host header that is not a plain host[:port]. */
function sameHostWebSockets(host: string | undefined): string {
  return host && /^[a-z0-9.[\]:-]{1,260}$/i.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

export function startupBanner(url: string, seeded: boolean): string {
  const lines = [
    `Reactive Chat is running at ${url}`,
    `  Customer chat (queue "Support"):     ${url}/chat/${DEMO.supportSlug}`,
    `  Customer chat (queue "After Hours"): ${url}/chat/${DEMO.afterHoursSlug}`,
    `  Agent console:                       ${url}/agent   (${DEMO.agentEmail} / ${DEMO.password})`,
    `  Client Admin Portal:                 ${url}/admin   (${DEMO.adminEmail} / ${DEMO.password})`,
  ];
  if (!seeded) lines.push('  (demo sign-ins apply when the demo client was created on this database)');
  return lines.join('\n');
}
