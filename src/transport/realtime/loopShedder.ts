/**
 * Sheds incoming chat traffic when this node's event loop falls behind. The
 * knee of a node is its CPU, not the database: past it, every event read
 * costs its handler, its query's result parsing and its fan-out, the loop
 * lags, acknowledgements and Socket.IO pings come late, and sockets drop.
 *
 * Every `SAMPLE_MS` the loop's delay (p99 over the sample) is compared with
 * the target: above it, the share of message sends and typing hints admitted
 * is cut by a third (down to `MIN_SHARE`); at or below it, it grows back by a
 * tenth. Additive increase, multiplicative decrease: the node settles near
 * what it can serve instead of flipping between "all" and "nothing", and
 * after the load falls it admits everything again within a second or two.
 * A refused send is answered `unavailable` (the outbox resends it with
 * back-off); a refused typing hint is dropped (a hint, not a message: the next keystroke sends another).
 * Every other event (sync, snapshot, accepting an offer…) is always admitted:
 * they are rare, and they are what lets people see and take their chats.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io';
import type { Result } from '../../protocol/errors.js';

const SAMPLE_MS = 250;
const MIN_SHARE = 0.05;
const DECREASE = 2 / 3;
const INCREASE = 0.1;
/** Consecutive late samples (SAMPLE_MS each) before any share is shed. */
const LATE_SAMPLES_TO_SHED = 2;

export interface LoopShedder {
  /** One decision for one chat event: true = handle it. */
  admit(): boolean;
  /** Share of chat events admitted now (1 = all), for tests and /ready. */
  share(): number;
  /** Chat events refused since start. */
  refused(): number;
  /** Epoch ms of the last refusal, 0 if none. */
  lastRefusedAt(): number;
  stop(): void;
}

/** The admitted share after a sample: cut by a third above the target (not below MIN_SHARE), grown by a tenth otherwise. */
export function nextShare(share: number, p99Ms: number, targetMs: number): number {
  return p99Ms > targetMs ? Math.max(MIN_SHARE, share * DECREASE) : Math.min(1, share + INCREASE);
}

/** `targetMs` 0 turns shedding off (every event admitted). */
export function startLoopShedder(targetMs: number, random: () => number = Math.random): LoopShedder {
  if (targetMs <= 0) return { admit: () => true, share: () => 1, refused: () => 0, lastRefusedAt: () => 0, stop: () => undefined };
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let share = 1;
  let refused = 0;
  let lastRefusedAt = 0;
  let lateSamples = 0;
  const timer = setInterval(() => {
    const p99Ms = delay.percentile(99) / 1e6;
    delay.reset();
    lateSamples = p99Ms > targetMs ? lateSamples + 1 : 0;
    // One late sample (a GC pause, the node's own start) is not overload: shed only while the loop stays late.
    share = nextShare(share, lateSamples >= LATE_SAMPLES_TO_SHED ? p99Ms : 0, targetMs);
  }, SAMPLE_MS);
  timer.unref();
  return {
    admit() {
      if (share >= 1 || random() < share) return true;
      refused++;
      lastRefusedAt = Date.now();
      return false;
    },
    share: () => share,
    refused: () => refused,
    lastRefusedAt: () => lastRefusedAt,
    stop() {
      clearInterval(timer);
      delay.disable();
    },
  };
}

const BUSY: Result = { ok: false, error: { id: 'unavailable', message: 'We are very busy right now. Please try again in a moment.' } };
const SHED_EVENTS: ReadonlySet<unknown> = new Set(['message:send', 'typing']);

/** The socket's message sends and typing hints go through `shedder` before anything else is done with them. */
export function shedChatTraffic(socket: Socket, shedder: LoopShedder): void {
  socket.use((packet, next) => {
    if (!SHED_EVENTS.has(packet[0]) || shedder.admit()) return next();
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') (ack as (result: Result) => void)(BUSY);
  });
}
