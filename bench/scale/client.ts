/**
 * The load generator's side of the real protocol, as the browsers speak it:
 * JSON over HTTP (start a chat through the Data Collection form, sign in)
 * and Socket.IO over WebSocket (customer and agent namespaces).
 *
 * HTTP goes through a keep-alive agent with a bounded number of connections
 * that the caller destroys when done, so that the requests do not leave
 * sockets open on the server (the idle scenario counts every file descriptor).
 */
import http from 'node:http';
import { io, type Socket } from 'socket.io-client';
import type { StartChatResponse } from '../../src/protocol/http.js';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE } from '../../src/protocol/events.js';

export interface HttpClient {
  post(url: string, path: string, body: unknown): Promise<{ status: number; body: unknown; cookies: string[] }>;
  /** Closes every kept-alive connection. */
  destroy(): void;
}

export function httpClient(maxSockets: number): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    post(url, path, body) {
      const payload = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const request = http.request(
          new URL(path, url),
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString();
              resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null, cookies: response.headers['set-cookie'] ?? [] });
            });
            response.on('error', reject);
          },
        );
        request.setTimeout(60_000, () => request.destroy(new Error(`POST ${path} timed out`)));
        request.on('error', reject);
        request.end(payload);
      });
    },
    destroy: () => agent.destroy(),
  };
}

/** What a customer types into the demo Data Collection form (src/app/demoSeed.ts), every queue of the benchmark uses it. */
export const FORM = { first_name: 'Bench', last_name: 'Customer', email: 'bench@example.com', inquiry: 'Sales' };

/**
 * Starts a chat as the customer page does. A start refused 503 (the node sheds load: the database
 * queue is full, `Retry-After: 1`) is sent again after a growing pause, as a person pressing Send
 * again would, rather than leaving the line a customer short.
 */
export async function startChat(client: HttpClient, url: string, slug: string): Promise<StartChatResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await client.post(url, `/api/public/queues/${slug}/chats`, { fields: FORM });
    if (response.status === 201) return response.body as StartChatResponse;
    if (response.status !== 503 || attempt >= 8) throw new Error(`chat start refused: ${response.status} ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(4000, 250 * 2 ** attempt)));
  }
}

/** Both cookies, as a browser would send them: the session and the CSRF token. */
export async function signIn(client: HttpClient, url: string, email: string, password: string): Promise<string> {
  const response = await client.post(url, '/api/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  return response.cookies.map((c) => c.split(';')[0] ?? '').join('; ');
}

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export function connectCustomer(url: string, token: string): Promise<Socket> {
  return connected(io(`${url}${CUSTOMER_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }));
}

export function connectAgent(url: string, cookie: string): Promise<Socket> {
  return connected(io(`${url}${AGENT_NAMESPACE}`, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false, forceNew: true }));
}

/** Emits with an acknowledgement; resolves with the Result ({ ok, ... }). */
export function call<R = { ok: boolean }>(socket: Socket, event: string, payload: unknown): Promise<R> {
  return socket.timeout(30_000).emitWithAck(event, payload) as Promise<R>;
}

/** Errors a browser answers by trying again later: the node shed the request before doing anything. */
const RETRY_LATER = new Set(['unavailable', 'rate_limited']);

/**
 * `call`, tried again with back-off (100 ms doubling, up to 8 tries) while the node answers
 * `unavailable` or `rate_limited`, as the console does: an overloaded node sheds a status change or an
 * accept, and a person would not give up after one refusal.
 */
export async function callRetrying<R extends { ok: boolean; error?: { id?: string } } = { ok: boolean; error?: { id?: string } }>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const result = await call<R>(socket, event, payload);
    if (result.ok || attempt >= 7 || !RETRY_LATER.has(result.error?.id ?? '')) return result;
    await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
  }
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function inParallel<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}
