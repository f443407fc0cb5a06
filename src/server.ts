/**
 * Composition root: builds one node (HTTP API, realtime gateway, browser
 * apps, timers) from a Config. main.ts starts it; tests start it on port 0.
 */
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { createAdapter } from '@socket.io/redis-adapter';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { DEMO, seedDemo } from './app/demoSeed.js';
import type { Deps } from './app/deps.js';
import { createHoursWatch } from './app/queueClosings.js';
import { createLeadership } from './app/leader.js';
import { createRouterKicker, type RoutingError } from './app/routerKicker.js';
import { kickWaitingQueues, sweepOnce } from './app/sweeper.js';
import { renewPresence } from './app/agentStatus.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { createMailer } from './mail/mailer.js';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE } from './protocol/events.js';
import { adminRoutes } from './transport/http/adminRoutes.js';
import { agentRoutes } from './transport/http/agentRoutes.js';
import { installCsrfCheck } from './transport/http/csrf.js';
import { frameworkErrors, installErrorHandler } from './transport/http/errorHandler.js';
import { pageRoutes } from './transport/http/pages.js';
import { privacyRoutes } from './transport/http/privacyRoutes.js';
import { publicRoutes } from './transport/http/publicRoutes.js';
import { installRateLimiting, signInGuard } from './transport/http/rateLimits.js';
import { staffRoutes } from './transport/http/staffRoutes.js';
import { agentGateway, PresenceTracker } from './transport/realtime/agentGateway.js';
import { customerGateway } from './transport/realtime/customerGateway.js';
import { eventLimiters } from './transport/realtime/guards.js';
import { socketPublisher } from './transport/realtime/publisher.js';

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
  /** Routing passes that failed on this node (tests assert none). */
  routingErrors(): RoutingError[];
  /** Whether this node runs the periodic sweep now (src/app/leader.ts). */
  isLeader(): boolean;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse an open database (tests share one PGlite per file). */
  db?: Db;
  /** Folder of the built browser apps. @default dist/web beside the sources */
  webRoot?: string;
  /** The clock working hours are read by (tests move it). @default the system clock */
  clock?: () => Date;
}

/** The leader runs the routing safety net about this often, not on every sweep. */
const SAFETY_NET_MS = 5000;

const DEFAULT_WEB_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../web' : '../dist/web', import.meta.url));

export async function startNode(config: Config, options: StartOptions = {}): Promise<RunningNode> {
  const db = options.db ?? (await openDatabase(config));
  const ownsDb = !options.db;
  await migrate(db);

  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    frameworkErrors,
  });
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  const io = new Server(app.server, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 10000, pingTimeout: 8000 });
  const redis = config.redisUrl ? { pub: new Redis(config.redisUrl), sub: new Redis(config.redisUrl) } : null;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub));

  const kicker = createRouterKicker(() => deps);
  const deps: Deps = {
    db,
    config,
    log: app.log,
    publish: socketPublisher(io),
    mailer: createMailer(db, { smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log }),
    kickRouter: (queueIds) => kicker.kick(queueIds),
    now: options.clock ?? (() => new Date()),
  };

  if (config.seedDemo && (await seedDemo(db))) app.log.info('created the demo client');

  await app.register(fastifyCookie);
  await installRateLimiting(app, config.rateLimits, redis?.pub ?? null);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Our own WebSocket only: 'self' covers it in CSP3 browsers; the explicit host covers the rest.
        connectSrc: ["'self'", (request) => sameHostWebSockets(request.headers.host)],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: null,
      },
    },
    // The customer page may be opened from any site's link; it embeds nothing cross-origin.
    crossOriginEmbedderPolicy: false,
  });
  installErrorHandler(app);
  installCsrfCheck(app, deps);
  publicRoutes(app, deps);
  staffRoutes(app, deps, signInGuard(app, config.rateLimits));
  privacyRoutes(app, deps);
  adminRoutes(app, deps);
  agentRoutes(app, deps);
  await pageRoutes(app, options.webRoot ?? DEFAULT_WEB_ROOT);

  const presence = new PresenceTracker();
  const limiters = eventLimiters(config.rateLimits);
  customerGateway(io.of(CUSTOMER_NAMESPACE), deps, limiters);
  agentGateway(io.of(AGENT_NAMESPACE), deps, presence, limiters);

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  // Only the leader sweeps: each timer fires once across nodes (src/app/leader.ts).
  const leadership = createLeadership(db, app.log);
  const hoursWatch = createHoursWatch();
  const safetyNetEvery = Math.max(1, Math.round(SAFETY_NET_MS / config.sweepIntervalMs));
  let sweeps = 0;
  const sweep = async () => {
    if (!(await leadership.refresh())) return;
    await sweepOnce(deps);
    await hoursWatch.check(deps);
    if (sweeps++ % safetyNetEvery === 0) await kickWaitingQueues(deps);
  };
  let sweeping = false;
  const sweepTimer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((error) => app.log.error({ err: error }, 'sweep failed'))
      .finally(() => (sweeping = false));
  }, config.sweepIntervalMs);
  const heartbeat = setInterval(
    () => void renewPresence(deps, presence.connected()).catch((error) => app.log.error({ err: error }, 'presence renewal failed')),
    Math.max(1000, (config.presenceTtlSeconds * 1000) / 3),
  );

  return {
    app,
    io,
    deps,
    url,
    routes,
    routingIdle: () => kicker.idle(),
    routingErrors: () => kicker.errors(),
    isLeader: () => leadership.isLeader(),
    async close() {
      clearInterval(sweepTimer);
      clearInterval(heartbeat);
      io.close();
      await app.close();
      await kicker.idle();
      while (sweeping) await new Promise((r) => setTimeout(r, 20));
      await leadership.close();
      redis?.pub.disconnect();
      redis?.sub.disconnect();
      if (ownsDb) await db.close();
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
