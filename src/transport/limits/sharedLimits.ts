/**
 * Counters for every abuse limit (HTTP, sign-in, sockets), shared by all
 * nodes through Redis when REDIS_URL is set, in this node's memory otherwise.
 *
 * A Redis outage must never hold a request or a message: the limiting client
 * keeps no offline queue and gives up on a command after COMMAND_TIMEOUT_MS,
 * and each Redis limiter carries an in-memory twin (rate-limiter-flexible's
 * insurance limiter) that answers at once while Redis is away. The fallback is
 * logged once per outage, and again once when Redis is back.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../../app/deps.js';

/**
 * A limited command waits at most this long on a Redis that is connected but
 * silent before the local count answers (a Redis that is down answers at once:
 * no connection, no wait). Hot paths (messages, requests) wait little; the
 * sign-in count, where exactness is the point and an event-loop stall must not
 * pass for an outage, waits longer.
 */
const HOT_TIMEOUT_MS = 500;
const PATIENT_TIMEOUT_MS = 5000;
/** How long a starting node waits for Redis before counting locally. */
const READY_WAIT_MS = 2000;

export interface Take {
  allowed: boolean;
  /** Points used in the current window, this one included (beyond the limit when refused). */
  consumed: number;
  msBeforeNext: number;
}

/** Fixed-window counter: `points` per `durationSeconds` per key. */
export interface Limiter {
  take(key: string): Promise<Take>;
  /** Gives one point back (a reserved attempt that turned out fine). */
  give(key: string): Promise<void>;
  /** The current count without changing it. */
  peek(key: string): Promise<Take>;
}

export interface LimiterSource {
  /** A limiter named `name` (its keys are `rc-limit:<name>:<key>`); `patient` ones wait longer on a silent Redis. */
  limiter(name: string, points: number, durationSeconds: number, options?: { patient?: boolean }): Limiter;
  /** True while limits are counted in this node's memory although Redis is configured. */
  readonly fallingBack: boolean;
  close(): void;
}

const toTake = (res: RateLimiterRes, allowed: boolean): Take => ({ allowed, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext });

type Counter = RateLimiterMemory | RateLimiterRedis;

function wrap(counter: Counter, points: number): Limiter {
  return {
    async take(key) {
      try {
        return toTake(await counter.consume(key), true);
      } catch (refused) {
        if (refused instanceof RateLimiterRes) return toTake(refused, false);
        throw refused;
      }
    },
    async give(key) {
      await counter.reward(key);
    },
    async peek(key) {
      const res = await counter.get(key);
      return res ? toTake(res, res.consumedPoints <= points) : { allowed: true, consumed: 0, msBeforeNext: 0 };
    },
  };
}

/** The in-memory twin of a Redis limiter: tells the outage tracker each time it has to answer. */
class Insurance extends RateLimiterMemory {
  constructor(
    options: { points: number; duration: number; keyPrefix: string },
    private readonly used: () => void,
  ) {
    super(options);
  }
  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.used();
    return super.consume(...args);
  }
  override reward(...args: Parameters<RateLimiterMemory['reward']>) {
    this.used();
    return super.reward(...args);
  }
  override get(...args: Parameters<RateLimiterMemory['get']>) {
    this.used();
    return super.get(...args);
  }
}

export function memoryLimits(): LimiterSource {
  return {
    limiter: (name, points, duration) => wrap(new RateLimiterMemory({ points, duration, keyPrefix: `rc-limit:${name}` }), points),
    fallingBack: false,
    close: () => undefined,
  };
}

/** Limits counted in Redis at `redisUrl`, each with a local fallback. */
export async function redisLimits(redisUrl: string, log: Logger): Promise<LimiterSource> {
  const connect = (commandTimeout: number) =>
    new Redis(redisUrl, {
      // Fail at once when disconnected, so that the insurance limiter answers instead of a queue waiting for Redis.
      enableOfflineQueue: false,
      commandTimeout,
      maxRetriesPerRequest: 0,
    });
  const client = connect(HOT_TIMEOUT_MS);
  const patient = connect(PATIENT_TIMEOUT_MS);
  patient.on('error', () => undefined);
  let down = false;
  let recheck: NodeJS.Timeout | undefined;
  const back = () => {
    clearInterval(recheck);
    if (!down) return;
    down = false;
    log.info('Redis is back: rate limits are shared by every node again');
  };
  const fellBack = () => {
    if (down) return;
    down = true;
    log.warn('Redis is unreachable: rate limits are counted by each node alone until it is back');
    // A command that timed out on a live connection brings no 'ready' event later: ask Redis until it answers.
    recheck = setInterval(() => {
      if (client.status === 'ready') client.ping().then(back, () => undefined);
    }, 1000);
    recheck.unref();
  };
  // ioredis reports every failed reconnection; the one warning above says what matters.
  client.on('error', () => undefined);
  client.on('ready', back);
  const ready = (c: Redis) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, READY_WAIT_MS);
      c.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  await Promise.all([ready(client), ready(patient)]);
  return {
    limiter(name, points, duration, options) {
      const keyPrefix = `rc-limit:${name}`;
      const counter = new RateLimiterRedis({
        storeClient: options?.patient ? patient : client,
        points,
        duration,
        keyPrefix,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new Insurance({ points, duration, keyPrefix }, fellBack),
      });
      return wrap(counter, points);
    },
    get fallingBack() {
      return down;
    },
    close() {
      clearInterval(recheck);
      client.disconnect();
      patient.disconnect();
    },
  };
}

/** Redis-backed when a URL is given, otherwise one node's memory (PGlite runs one node). */
export async function openLimits(redisUrl: string | undefined, log: Logger): Promise<LimiterSource> {
  return redisUrl ? redisLimits(redisUrl, log) : memoryLimits();
}

/** A window in whole seconds (Redis expiry granularity), at least one. */
export const windowSeconds = (ms: number): number => Math.max(1, Math.round(ms / 1000));
