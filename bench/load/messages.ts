/**
 * What the runner (loadGenerator.ts) and its forked load workers (worker.ts)
 * say to each other over the IPC channel. A worker owns its chats from
 * `prepare` to `end` and runs any number of measured windows in between.
 */
import type { SystemName } from '../contract.js';

/** How a worker reaches our node: its own queue and agents, so workers never share a chat or an agent. */
export interface ReactiveChatSetup {
  queueSlug: string;
  agents: { email: string; password: string }[];
  /** Data Collection answers, keyed by field id, as a customer would type them. */
  form: Record<string, string>;
}

export interface PrepareRequest {
  type: 'prepare';
  system: SystemName;
  url: string;
  chats: number;
  worker: number;
  reactiveChat?: ReactiveChatSetup;
}

export interface WindowRequest {
  type: 'window';
  /** This worker's share of the offered rate, messages per second (both directions together). */
  ratePerSecond: number;
  seconds: number;
  /** How long to wait after the last send for acknowledged messages to arrive. */
  drainSeconds: number;
}

export type ParentMessage = PrepareRequest | WindowRequest | { type: 'end' };

export interface WindowResult {
  sent: number;
  acknowledged: number;
  delivered: number;
  /** Acknowledged to the sender, never delivered to the other side by the end of the drain. */
  lost: number;
  errors: number;
  /** Refused at once by a node shedding load (`unavailable`, `rate_limited`): nothing stored, a browser would resend. */
  refused: number;
  /** The first few error texts, for the report's notes. */
  errorSamples: string[];
  /** Encoded HDR histograms (microseconds). */
  customerToAgent: string;
  agentToCustomer: string;
  /** Epoch milliseconds on the machine's one clock (performance.timeOrigin + performance.now()). */
  startedAt: number;
  lastSendAt: number;
  lastDeliveryAt: number;
  /** When 99 % of the window's deliveries had arrived. */
  mostDeliveredAt: number;
}

export type WorkerMessage =
  | { type: 'prepared'; chats: number; seconds: number }
  | { type: 'window'; result: WindowResult }
  | { type: 'ended' }
  | { type: 'failed'; message: string };
