/**
 * HTTP abuse limits on @fastify/rate-limit: a generous default on every
 * route per client address, tighter ones on the routes strangers can abuse
 * (chat creation, left messages, callbacks, sign-in), and the per-account
 * sign-in failure limiter. With REDIS_URL the counters are shared by every
 * node; otherwise each node counts alone.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../../app/errors.js';
import type { RateLimits } from '../../config.js';

const MINUTE = 60_000;

const minutesText = (ms: number): string => {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
};

export async function installRateLimiting(app: FastifyInstance, limits: RateLimits, redis: Redis | null): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    max: limits.apiPerAddressPerMinute,
    timeWindow: MINUTE,
    // A Redis outage must not take the chat down with it: count nothing rather than fail.
    skipOnError: true,
    ...(redis ? { redis, nameSpace: 'rc-rate-' } : {}),
    // Pages and assets are static and cached; the API is what abuse costs.
    allowList: (request) => !request.url.startsWith('/api/'),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests from your address. Please wait ${minutesText(context.ttl)} and try again.`),
  });
}

/** Per-route limit options (`config: { rateLimit }`) for the routes that need tighter ones. */
export function routeLimits(limits: RateLimits) {
  const limit = (max: number, timeWindow: number, message: string) => ({
    max,
    timeWindow,
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      new AppError('rate_limited', `${message} Please wait ${minutesText(context.ttl)} and try again.`),
  });
  return {
    chatStart: limit(limits.chatStartsPerAddressPerMinute, MINUTE, 'Too many chats were started from your address.'),
    offlineItem: limit(limits.offlineItemsPerAddressPer10Minutes, 10 * MINUTE, 'Too many messages and callback requests were sent from your address.'),
    signIn: limit(limits.signInPerAddressPerMinute, MINUTE, 'Too many sign-in attempts from your address.'),
  };
}

/** Counts failed sign-ins per account and per address; refuses once either reaches its limit. */
export interface SignInGuard {
  /** Throws rate_limited (429) when this account or address has failed too often lately. */
  check(request: FastifyRequest, email: string): Promise<void>;
  /** Records one failure for the account and the address. */
  failed(request: FastifyRequest, email: string): Promise<void>;
}

export function signInGuard(app: FastifyInstance, limits: RateLimits): SignInGuard {
  const window = limits.signInFailureWindowMs;
  // The key functions read the email the route put on the request: the limiter API only passes the request.
  const emailOf = new WeakMap<FastifyRequest, string>();
  const byAccount = app.createRateLimit({
    max: limits.signInFailuresPerAccount,
    timeWindow: window,
    skipOnError: true,
    keyGenerator: (request) => `signin-account:${emailOf.get(request) ?? ''}`,
  });
  const byAddress = app.createRateLimit({
    max: limits.signInFailuresPerAddress,
    timeWindow: window,
    skipOnError: true,
    keyGenerator: (request) => `signin-address:${request.ip}`,
  });
  const key = (request: FastifyRequest, email: string) => emailOf.set(request, email.trim().toLowerCase());
  return {
    async check(request, email) {
      key(request, email);
      for (const [limiter, whose] of [
        [byAccount, 'this account'],
        [byAddress, 'your address'],
      ] as const) {
        const state = await limiter(request, { increment: false });
        if (!state.isAllowed && state.remaining === 0) {
          throw new AppError('rate_limited', `Too many failed sign-ins for ${whose}. For your security, try again in ${minutesText(state.ttl)}.`);
        }
      }
    },
    async failed(request, email) {
      key(request, email);
      await byAccount(request);
      await byAddress(request);
    },
  };
}
