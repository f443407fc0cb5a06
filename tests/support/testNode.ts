/** Starts a real node (HTTP + Socket.IO + database) on a free port for integration tests. */
import { io, type Socket } from 'socket.io-client';
import { loadConfig, type Config, type RateLimits } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { type RunningNode, type StartOptions, startNode } from '../../src/server.js';
import type { AgentClientEvents, AgentServerEvents, CustomerClientEvents, CustomerServerEvents } from '../../src/protocol/events.js';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE } from '../../src/protocol/events.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/protocol/http.js';
import { watchedNodes } from './watchedNodes.js';

export { routingErrorsOf } from './watchedNodes.js';

/** Tests run many requests from one address at once: limits out of the way unless a test sets its own. */
export const RELAXED_LIMITS: RateLimits = {
  signInPerAddressPerMinute: 100_000,
  signInFailuresPerAccount: 100_000,
  signInFailuresPerAddress: 100_000,
  signInFailureWindowMs: 60_000,
  chatStartsPerAddressPerMinute: 100_000,
  offlineItemsPerAddressPer10Minutes: 100_000,
  apiPerAddressPerMinute: 1_000_000,
  messageBurst: 100_000,
  messagesPerSecond: 100_000,
  typingBurst: 100_000,
  typingPerSecond: 100_000,
  syncBurst: 100_000,
  syncPerSecond: 100_000,
  socketsPerChat: 1_000,
  handshakesPerAddressPerMinute: 1_000_000,
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Many tests play the customer over HTTP alone, without a socket: their chats must not be
  // abandoned under them. Tests of customer presence set their own (short) grace period.
  return { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), rateLimits: RELAXED_LIMITS, customerGraceSeconds: 3600, ...overrides };
}


export async function startTestNode(db: Db, overrides: Partial<Config> = {}, options: Omit<StartOptions, 'db'> = {}): Promise<RunningNode> {
  const node = await startNode(testConfig(overrides), { ...options, db });
  watchedNodes.add(node);
  return node;
}

/** For tests that break the database on purpose: their routing passes are expected to fail. */
export function tolerateRoutingErrors(node: RunningNode): void {
  watchedNodes.delete(node);
}


/** Where a node answers: a RunningNode in this process, or one in another process (bench). */
export type NodeAddress = Pick<RunningNode, 'url'>;

export type CustomerSocket = Socket<CustomerServerEvents, CustomerClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** The CSRF token a browser page would read from its cookie, if the cookie string carries one. */
export function csrfOf(cookie: string | undefined): string | undefined {
  return cookie?.split(/;\s*/).find((c) => c.startsWith(`${CSRF_COOKIE}=`))?.slice(CSRF_COOKIE.length + 1);
}

/** Calls the API like the browser apps do: JSON, the cookie, and the CSRF header when the cookie has one. */
export async function api(node: NodeAddress, method: string, path: string, body?: unknown, cookie?: string) {
  const csrf = method === 'GET' ? undefined : csrfOf(cookie);
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
      ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function signIn(node: NodeAddress, email: string, password = 'demo1234'): Promise<string> {
  const response = await fetch(`${node.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  // Both cookies, as a browser would send them: the session and the CSRF token.
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');
}

function connected<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function connectCustomer(node: NodeAddress, token: string): Promise<CustomerSocket> {
  return connected(io(`${node.url}${CUSTOMER_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false }));
}

export function connectAgent(node: NodeAddress, cookie: string): Promise<AgentSocket> {
  return connected(io(`${node.url}${AGENT_NAMESPACE}`, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false }));
}

/** Resolves with the first event of that name satisfying `match`. */
export function nextEvent<T>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Emits with an acknowledgement and resolves with the Result. */
export function call<R>(socket: Socket, event: string, payload: unknown): Promise<R> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<R>;
}
