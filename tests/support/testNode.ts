/** Starts a real node (HTTP + Socket.IO + database) on a free port for integration tests. */
import { loadConfig, type Config, type RateLimits } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { type RunningNode, type StartOptions, startNode } from '../../src/server.js';
import { watchedNodes } from './watchedNodes.js';

export { routingErrorsOf } from './watchedNodes.js';
export * from './browserClient.js';

/** Tests run many requests from one address at once: limits out of the way unless a test sets its own. */
export const RELAXED_LIMITS: RateLimits = {
  signInPerAddressPerMinute: 100_000,
  signInFailuresPerAccount: 100_000,
  signInFailuresPerAddress: 100_000,
  signInFailureWindowMs: 60_000,
  chatStartsPerAddressPerMinute: 100_000,
  offlineItemsPerAddressPer10Minutes: 100_000,
  transcriptMailsPerChatPer10Minutes: 100_000,
  attachmentsPerAddressPer10Minutes: 100_000,
  apiPerAddressPerMinute: 1_000_000,
  messageBurst: 100_000,
  messagesPerSecond: 100_000,
  typingBurst: 100_000,
  typingPerSecond: 100_000,
  syncBurst: 100_000,
  syncPerSecond: 100_000,
  socketsPerChat: 1_000,
  handshakesPerAddressPerMinute: 1_000_000,
  customerEventsInFlight: 1_000,
  agentEventsInFlight: 1_000,
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Many tests play the customer over HTTP alone, without a socket: their chats must not be
  // abandoned under them. Tests of customer presence set their own (short) grace period.
  // No shedding on event-loop delay: a loaded test machine lags, and tests assert behaviour, not timing.
  return { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), rateLimits: RELAXED_LIMITS, customerGraceSeconds: 3600, shedEventLoopDelayMs: 0, ...overrides };
}


export async function startTestNode(db: Db, overrides: Partial<Config> = {}, options: Omit<StartOptions, 'db'> = {}): Promise<RunningNode> {
  const node = await startNode(testConfig(overrides), { ...options, db });
  watchedNodes.add(node);
  return node;
}

/** For tests that break the database on purpose: their routing passes are expected to fail. */
export function tolerateRoutingErrors(node: RunningNode): void {
  watchedNodes.delete(node);
}
