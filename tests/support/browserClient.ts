/**
 * How the browser apps talk to a node, over HTTP and Socket.IO only: no
 * server code is imported here, so the benchmark's load workers can use these
 * without loading the node (tests import them through testNode.ts).
 */
import { io, type Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents, CustomerClientEvents, CustomerServerEvents } from '../../src/protocol/events.js';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE } from '../../src/protocol/events.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/protocol/http.js';
import { SUPERVISOR_NAMESPACE, type SupervisorClientEvents, type SupervisorServerEvents } from '../../src/protocol/supervisor.js';
import { VISITOR_NAMESPACE, type VisitorServerEvents } from '../../src/protocol/visitor.js';
import { renderSystemLine } from '../../src/protocol/systemLines.js';
import { SYSTEM_LINES_EN } from '../../src/protocol/systemLinesEn.js';
import type { ChatEventView } from '../../src/protocol/views.js';

/** Where a node answers: a URL (a RunningNode in this process, or one in another process). */
export interface NodeAddress {
  url: string;
}

export type CustomerSocket = Socket<CustomerServerEvents, CustomerClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
export type SupervisorSocket = Socket<SupervisorServerEvents, SupervisorClientEvents>;
export type VisitorSocket = Socket<VisitorServerEvents>;

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

/** The portal's live view (supervisors and admins). */
export function connectSupervisor(node: NodeAddress, cookie: string): Promise<SupervisorSocket> {
  // forceNew: another namespace of the same node would otherwise share a console's connection, and its cookie.
  return connected(io(`${node.url}${SUPERVISOR_NAMESPACE}`, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true }));
}

/** A customer page at a queue's chat URL before any chat (src/protocol/visitor.ts). */
export function connectVisitor(node: NodeAddress, slug: string): Promise<VisitorSocket> {
  return connected(io(`${node.url}${VISITOR_NAMESPACE}`, { auth: { slug }, transports: ['websocket'], reconnection: false, forceNew: true }));
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

/**
 * What an event says in English, as the agent console shows it: a message's body, a system line
 * rendered from its id and parameters (src/protocol/systemLines.ts).
 */
export function said(event: ChatEventView): string {
  return event.kind === 'message' ? event.body : renderSystemLine(event, { reader: 'staff', locale: 'en', catalog: SYSTEM_LINES_EN });
}
