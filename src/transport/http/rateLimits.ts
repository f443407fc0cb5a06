/**
 * HTTP abuse limits on @fastify/rate-limit: a generous default on every
 * route per client address, tighter ones on the routes strangers can abuse
 * (chat creation, left messages, callbacks, sign-in), and the sign-in
 * failure counts. Every counter lives in the shared limits
 * (../limits/sharedLimits.ts): one count for all nodes through Redis, this
 * node's own count while Redis is down, never a wait on it.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignInAttempts } from '../../app/auth.js';
import { AppError } from '../../app/errors.js';
import { hashToken } from '../../app/secrets.js';
import { CHAT_TOKEN_HEADER } from '../../protocol/afterChat.js';
import type { RateLimits } from '../../config.js';
import { rateLimitStore } from '../limits/httpStore.js';
import { type LimiterSource, windowSeconds } from '../limits/sharedLimits.js';

const MINUTE = 60_000;

const minutesOf = (ms: number): number => Math.max(1, Math.ceil(ms / MINUTE));
const minutesText = (ms: number): string => {
  const minutes = minutesOf(ms);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
};

export async function installRateLimiting(app: FastifyInstance, limits: RateLimits, source: LimiterSource): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    max: limits.apiPerAddressPerMinute,
    timeWindow: MINUTE,
    // The store answers from this node's memory while Redis is down: nothing waits on it, nothing goes uncounted.
    store: rateLimitStore(source),
    // Pages and assets are static and cached; the API is what abuse costs.
    allowList: (request) => !request.url.startsWith('/api/'),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests from your address. Please wait ${minutesText(context.ttl)} and try again.`, undefined, { params: { minutes: minutesOf(context.ttl) } }),
  });
}

/** Per-route limit options (`config: { rateLimit }`) for the routes that need tighter ones. */
export function routeLimits(limits: RateLimits) {
  const limit = (max: number, timeWindow: number, message: string) => ({
    max,
    timeWindow,
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      // params.minutes: the customer page words the wait in its reader's language.
      new AppError('rate_limited', `${message} Please wait ${minutesText(context.ttl)} and try again.`, undefined, { params: { minutes: minutesOf(context.ttl) } }),
  });
  return {
    chatStart: limit(limits.chatStartsPerAddressPerMinute, MINUTE, 'Too many chats were started from your address.'),
    offlineItem: limit(limits.offlineItemsPerAddressPer10Minutes, 10 * MINUTE, 'Too many messages and callback requests were sent from your address.'),
    // Keyed by the chat (its token's hash), not the address: one chat's transcript goes out a few times at most.
    transcriptMail: {
      ...limit(limits.transcriptMailsPerChatPer10Minutes, 10 * MINUTE, 'This transcript was sent several times already.'),
      keyGenerator: (request: FastifyRequest) => `transcript-mail:${hashToken(String(request.headers[CHAT_TOKEN_HEADER] ?? ''))}`,
    },
    attachment: limit(limits.attachmentsPerAddressPer10Minutes, 10 * MINUTE, 'Too many files were sent from your address.'),
    signIn: limit(limits.signInPerAddressPerMinute, MINUTE, 'Too many sign-in attempts from your address.'),
  };
}

/** Gives each sign-in request the failure counts of its account and of its address. */
export interface SignInGuard {
  attempts(request: FastifyRequest): SignInAttempts;
}

/**
 * Failed sign-ins per account and per address. A slot is taken before the
 * password is checked (an atomic increment in Redis, or in memory on a lone
 * node) and given back when it was right, so at most the limit of checks run
 * however many guesses arrive at once, on however many nodes.
 */
export function signInGuard(limits: RateLimits, source: LimiterSource): SignInGuard {
  const window = windowSeconds(limits.signInFailureWindowMs);
  const byAccount = source.limiter('signin-account', limits.signInFailuresPerAccount, window, { patient: true });
  const byAddress = source.limiter('signin-address', limits.signInFailuresPerAddress, window, { patient: true });
  const account = (email: string) => email.trim().toLowerCase();
  return {
    attempts(request) {
      return {
        async reserve(email) {
          // The address's refusal may say so: it tells nothing about any account.
          const address = await byAddress.take(request.ip);
          if (!address.allowed) {
            throw new AppError('rate_limited', `Too many failed sign-ins for your address. For your security, try again in ${minutesText(address.msBeforeNext)}.`);
          }
          const taken = await byAccount.take(account(email));
          return taken.allowed;
        },
        async release(email) {
          await Promise.all([byAccount.give(account(email)), byAddress.give(request.ip)]);
        },
      };
    },
  };
}
