/**
 * What every socket namespace shares: rate limits on chatty events and on
 * handshakes, and an answer for unknown events. The counters are the shared
 * limits (../limits/sharedLimits.ts): one count across nodes through Redis,
 * this node's own while Redis is down; one round trip per event, never a wait.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Namespace, Socket } from 'socket.io';
import { AppError } from '../../app/errors.js';
import type { RateLimits } from '../../config.js';
import type { Result } from '../../protocol/errors.js';
import { type Limiter, type LimiterSource, windowSeconds } from '../limits/sharedLimits.js';
import type { LoopShedder } from './loopShedder.js';

export interface EventLimiters {
  messages: Limiter;
  typing: Limiter;
  /** chat:sync, per chat side (a reconnecting page syncs once; a loop does not get to hammer the database). */
  sync: Limiter;
  /** Customer sockets open per chat on this node. */
  customerSockets: SocketCounter;
  /** Message sends and typing hints shed while the event loop lags (loopShedder.ts). */
  loop: LoopShedder;
}

/**
 * A burst of `burst` events per window of burst/perSecond seconds: the same
 * sustained rate as a token bucket refilled at `perSecond`, counted in one
 * atomic Redis increment.
 */
const bucket = (source: LimiterSource, name: string, burst: number, perSecond: number): Limiter =>
  source.limiter(name, burst, windowSeconds((burst / perSecond) * 1000));

export function eventLimiters(limits: RateLimits, source: LimiterSource, loop: LoopShedder): EventLimiters {
  return {
    messages: bucket(source, 'socket-messages', limits.messageBurst, limits.messagesPerSecond),
    typing: bucket(source, 'socket-typing', limits.typingBurst, limits.typingPerSecond),
    sync: bucket(source, 'socket-sync', limits.syncBurst, limits.syncPerSecond),
    customerSockets: new SocketCounter(limits.socketsPerChat),
    loop,
  };
}

/** Throws rate_limited (the ack carries it, nothing else happens) when `key` has used its allowance. */
export async function spend(limiter: Limiter, key: string, what: string): Promise<void> {
  if (!(await limiter.take(key)).allowed) throw new AppError('rate_limited', `You are sending ${what} too fast. Please wait a moment.`);
}

/** An event nobody listens to still gets an answer when it asks for one, so a client never waits on it. */
export function answerUnknownEvents(socket: Socket): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && socket.listeners(event).length > 0) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') {
      const result: Result = { ok: false, error: { id: 'not_found', message: `Unknown event "${String(event).slice(0, 40)}".` } };
      (ack as (r: Result) => void)(result);
    }
  });
}

/**
 * The client address of a socket by the same rules as HTTP (Fastify's
 * trustProxy): X-Forwarded-For is believed only from TRUST_PROXY proxies.
 */
export function socketAddress(trustProxy: string): (request: IncomingMessage) => string {
  const trust = proxyAddr.compile(trustProxy.split(',').map((p) => p.trim()));
  return (request) => proxyAddr(request, trust);
}

/**
 * Handshakes per client address, on every namespace, before any other
 * middleware (and before any database work): refused with `rate_limited`.
 */
export function limitHandshakes(namespaces: Namespace[], limits: RateLimits, source: LimiterSource, trustProxy: string): void {
  const limiter = source.limiter('socket-handshakes', limits.handshakesPerAddressPerMinute, 60);
  const addressOf = socketAddress(trustProxy);
  for (const ns of namespaces) {
    ns.use((socket, next) => {
      limiter
        .take(addressOf(socket.request))
        .then((take) => next(take.allowed ? undefined : new Error('rate_limited')))
        .catch(() => next());
    });
  }
}

/**
 * Open sockets per key (a chat token) on this node. Counted from the
 * handshake that accepts one until its socket or its connection closes,
 * whichever comes first (a connection dropped between the two is never
 * counted twice nor leaked).
 */
export class SocketCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts the socket in when there is room; false when `key` already has `max` open. */
  admit(socket: Socket, key: string): boolean {
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) return false;
    this.open.set(key, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    return true;
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }
}
