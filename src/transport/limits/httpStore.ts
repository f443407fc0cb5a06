/**
 * A store for @fastify/rate-limit on our shared limits: counted in Redis
 * when it is there, in this node's memory while it is not (never waiting on
 * it, never letting everything through).
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { LimiterSource, Limiter } from './sharedLimits.js';
import { windowSeconds } from './sharedLimits.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface StoreOptions {
  max?: unknown;
  timeWindow?: unknown;
  routeInfo?: { method?: string | string[]; url?: string };
}

/** The class @fastify/rate-limit instantiates (`store` option) with its global options. */
export function rateLimitStore(source: LimiterSource) {
  return class SharedStore implements FastifyRateLimitStore {
    private readonly limiter: Limiter;

    constructor(given: object, name = 'api') {
      // The plugin passes its merged options (global, then per route); ours are always numbers.
      const options = given as StoreOptions;
      if (typeof options.max !== 'number' || typeof options.timeWindow !== 'number') throw new Error('rate limits must be numbers');
      this.limiter = source.limiter(`http:${name}`, options.max, windowSeconds(options.timeWindow));
    }

    incr(key: string, callback: Callback): void {
      this.limiter.take(key).then(
        (take) => callback(null, { current: take.consumed, ttl: take.msBeforeNext }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      this.limiter.peek(key).then(
        (take) => callback(null, { current: take.consumed, ttl: take.msBeforeNext }),
        (error: Error) => callback(error),
      );
    }

    child(given: object): SharedStore {
      const options = given as StoreOptions;
      const route = options.routeInfo?.url ? `${[options.routeInfo.method].flat().join(',')} ${options.routeInfo.url}` : 'limiter';
      return new SharedStore(options, route);
    }
  };
}
