/** Starts a real node (HTTP + Socket.IO + database) on a free port for integration tests. */
import { io, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { type RunningNode, startNode } from '../../src/server.js';
import type { AgentClientEvents, AgentServerEvents, CustomerClientEvents, CustomerServerEvents } from '../../src/protocol/events.js';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE } from '../../src/protocol/events.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), ...overrides };
}

export async function startTestNode(db: Db, overrides: Partial<Config> = {}): Promise<RunningNode> {
  return startNode(testConfig(overrides), { db });
}

export type CustomerSocket = Socket<CustomerServerEvents, CustomerClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export async function api(node: RunningNode, method: string, path: string, body?: unknown, cookie?: string) {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function signIn(node: RunningNode, email: string, password = 'demo1234'): Promise<string> {
  const response = await fetch(`${node.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

function connected<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function connectCustomer(node: RunningNode, token: string): Promise<CustomerSocket> {
  return connected(io(`${node.url}${CUSTOMER_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false }));
}

export function connectAgent(node: RunningNode, cookie: string): Promise<AgentSocket> {
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
