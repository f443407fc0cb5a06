/** What every socket namespace shares: rate limits on chatty events and an answer for unknown ones. */
import type { Socket } from 'socket.io';
import { AppError } from '../../app/errors.js';
import type { RateLimits } from '../../config.js';
import type { Result } from '../../protocol/errors.js';
import { TokenBuckets } from './tokenBuckets.js';

export interface EventLimiters {
  messages: TokenBuckets;
  typing: TokenBuckets;
}

export function eventLimiters(limits: RateLimits): EventLimiters {
  return {
    messages: new TokenBuckets(limits.messageBurst, limits.messagesPerSecond),
    typing: new TokenBuckets(limits.typingBurst, limits.typingPerSecond),
  };
}

/** Throws rate_limited (the ack carries it) when the bucket of `key` is empty. */
export function spend(buckets: TokenBuckets, key: string, what: string): void {
  if (!buckets.take(key)) throw new AppError('rate_limited', `You are sending ${what} too fast. Please wait a moment.`);
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
