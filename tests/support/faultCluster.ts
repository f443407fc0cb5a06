/**
 * Two node processes on a private PostgreSQL and a private Redis, and the
 * clients of one chat (customer and agent) that keep what they receive the
 * way the browser apps do: live `chat:event`s, plus `chat:sync` from the last
 * seq held on every `resync` and reconnect. Used by the fault tests.
 */
import type { Socket } from 'socket.io-client';
import type { Result } from '../../src/protocol/errors.js';
import type { StartChatResponse } from '../../src/protocol/http.js';
import type { ChatEventView } from '../../src/protocol/views.js';
import { type NodeProcess, spawnNode } from './nodeProcess.js';
import { postgresBin, type PrivatePostgres, type PrivateRedis, redisServerAvailable, startPrivatePostgres, startPrivateRedis } from './services.js';
import { api, call, connectAgent, connectCustomer, type NodeAddress, nextEvent, signIn } from './testNode.js';

/** The fault tests need the server binaries; CI installs them (a missing one there fails .ci/run). */
export const faultServicesAvailable = redisServerAvailable() && postgresBin() !== null;

export interface Cluster {
  pg: PrivatePostgres;
  redis: PrivateRedis;
  nodes: NodeProcess[];
  stop(): Promise<void>;
}

export async function startCluster(nodeCount: number, env: Record<string, string> = {}): Promise<Cluster> {
  const pg = await startPrivatePostgres();
  const redis = await startPrivateRedis();
  const nodes: NodeProcess[] = [];
  const common = { DATABASE_URL: pg.url, REDIS_URL: redis.url, SWEEP_INTERVAL_MS: '500', ...env };
  try {
    // One after the other: the first migrates and seeds the demo client. A loaded CI box may take a while.
    for (let i = 0; i < nodeCount; i++) nodes.push(await spawnNode(common, { readyTimeoutMs: 150_000 }));
  } catch (error) {
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await redis.stop();
    await pg.destroy();
    throw error;
  }
  return {
    pg,
    redis,
    nodes,
    async stop() {
      await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
      await redis.stop();
      await pg.destroy();
    },
  };
}

/** One side of a chat: the events it holds by seq, as its page would show them. */
export class ChatSide {
  readonly events = new Map<number, ChatEventView>();
  resyncs = 0;
  constructor(
    public socket: Socket,
    private syncCall: (afterSeq: number) => Promise<Result<{ events: ChatEventView[] }>>,
  ) {
    this.listen(socket);
  }

  /** The highest seq held with no gap below it (what a page sends as afterSeq). */
  lastSeq(): number {
    let seq = 0;
    while (this.events.has(seq + 1)) seq++;
    return seq;
  }

  bodies(author: 'customer' | 'agent'): string[] {
    return [...this.events.values()]
      .filter((e) => e.kind === 'message' && e.author === author)
      .sort((a, b) => a.seq - b.seq)
      .map((e) => e.body);
  }

  async sync(): Promise<void> {
    const result = await this.syncCall(this.lastSeq());
    if (result.ok) for (const event of result.events) this.events.set(event.seq, event);
  }

  /** A new connection (after a node went away); the page syncs on connect. */
  async replace(socket: Socket, syncCall: (afterSeq: number) => Promise<Result<{ events: ChatEventView[] }>>): Promise<void> {
    this.socket = socket;
    this.syncCall = syncCall;
    this.listen(socket);
    await this.sync();
  }

  private listen(socket: Socket): void {
    socket.on('chat:event', (event: ChatEventView) => this.events.set(event.seq, event));
    // What the browser apps do on `resync`: fetch everything after the last seq held.
    socket.on('resync', () => {
      this.resyncs++;
      void this.sync().catch(() => undefined);
    });
  }
}

export interface OpenChat {
  chatId: string;
  token: string;
  cookie: string;
  customer: ChatSide;
  agent: ChatSide;
}

export const customerSync = (socket: Socket) => (afterSeq: number) => call<Result<{ events: ChatEventView[] }>>(socket, 'chat:sync', { afterSeq });
export const agentSync = (socket: Socket, chatId: string) => (afterSeq: number) =>
  call<Result<{ events: ChatEventView[] }>>(socket, 'chat:sync', { chatId, afterSeq });

/** The demo agent signs in on `agentNode`, a customer starts a chat on `customerNode`, the agent accepts. */
export async function openChat(customerNode: NodeAddress, agentNode: NodeAddress): Promise<OpenChat> {
  const cookie = await signIn(agentNode, 'sophie@demo.example');
  const agentSocket = await connectAgent(agentNode, cookie);
  await call(agentSocket, 'console:snapshot', {});
  await call(agentSocket, 'status:set', { status: 'available' });
  const offered = nextEvent<{ chatId: string }>(agentSocket, 'offer', () => true, 20_000);
  const started = await api(customerNode, 'POST', '/api/public/queues/support/chats', {
    fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' },
  });
  if (started.status !== 201 && started.status !== 200) throw new Error(`chat start failed: ${started.status} ${JSON.stringify(started.body)}`);
  const chat = started.body as StartChatResponse;
  await offered;
  const accepted = await call<Result>(agentSocket, 'offer:accept', { chatId: chat.chatId });
  if (!accepted.ok) throw new Error(`accept failed: ${JSON.stringify(accepted)}`);
  const customerSocket = await connectCustomer(customerNode, chat.token);
  const customer = new ChatSide(customerSocket, customerSync(customerSocket));
  const agent = new ChatSide(agentSocket, agentSync(agentSocket, chat.chatId));
  await customer.sync();
  await agent.sync();
  return { chatId: chat.chatId, token: chat.token, cookie, customer, agent };
}

export function sendAsCustomer(side: ChatSide, clientMsgId: string, body: string) {
  return call<Result<{ event: ChatEventView }>>(side.socket, 'message:send', { clientMsgId, body });
}

export function sendAsAgent(side: ChatSide, chatId: string, clientMsgId: string, body: string) {
  return call<Result<{ event: ChatEventView }>>(side.socket, 'message:send', { chatId, clientMsgId, body });
}

/**
 * Polls `path` on every node once a second until stopped; keeps the slowest
 * answer and every status seen, so a test can say "HTTP answered within 1 s throughout".
 */
export function pollHttp(nodes: NodeAddress[], path: string) {
  let slowestMs = 0;
  let failures = 0;
  let requests = 0;
  const statuses = new Set<number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        nodes.map(async (node) => {
          const started = performance.now();
          try {
            const response = await fetch(`${node.url}${path}`, { signal: AbortSignal.timeout(10_000) });
            await response.arrayBuffer();
            statuses.add(response.status);
          } catch {
            failures++;
          }
          requests++;
          slowestMs = Math.max(slowestMs, performance.now() - started);
        }),
      );
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowestMs: Math.round(slowestMs), failures, requests, statuses: [...statuses] };
    },
  };
}

export async function readyStatus(node: NodeAddress): Promise<{ status: number; body: { down?: string[] } }> {
  const response = await fetch(`${node.url}/ready`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as { down?: string[] } };
}

/** A node that logged an unhandled rejection has a bug even if it is still up. */
export function unhandled(node: NodeProcess): boolean {
  return /Unhandled promise rejection|MaxRetriesPerRequestError/.test(node.log());
}
