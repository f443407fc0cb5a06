/**
 * The runner's side of the load generator: forks the load workers (processes
 * of their own, so the load never shares an event loop with the runner or
 * the server), gives each its share of the chats and of the offered rate,
 * and merges what they measured into one LoadPoint per window.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadPoint, ResourceFigures } from '../contract.js';
import type { RunningSystem } from '../systems/systems.js';
import { mergeEncoded, percentilesOf } from './histogram.js';
import type { ParentMessage, WindowResult, WorkerMessage } from './messages.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LoadOptions {
  chats: number;
  workers: number;
  /** Chats per agent of our node (1–50): agents are created to seat every chat. */
  agentCapacity: number;
  log: (line: string) => void;
}

export interface MeasuredWindow {
  point: LoadPoint;
  /** The first few distinct error texts, for the report's notes. */
  errorSamples: string[];
}

export interface LoadSession {
  /** Offers `offeredPerSecond` messages per second for `seconds`, then waits up to `drainSeconds` for deliveries. */
  measure(offeredPerSecond: number, seconds: number, drainSeconds: number): Promise<MeasuredWindow>;
  close(): Promise<void>;
}

class Worker {
  private readonly child: ChildProcess;
  private exited: Promise<never>;

  constructor(readonly index: number) {
    this.child = fork('bench/load/worker.ts', [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.exited = new Promise<never>((_, reject) => {
      this.child.once('exit', (code, signal) => reject(new Error(`load worker ${index} exited (${code ?? signal})`)));
    });
    this.exited.catch(() => undefined);
  }

  ask<T extends WorkerMessage['type']>(message: ParentMessage, expected: T): Promise<Extract<WorkerMessage, { type: T }>> {
    const answer = new Promise<Extract<WorkerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (reply: WorkerMessage) => {
        if (reply.type !== expected && reply.type !== 'failed') return;
        this.child.off('message', onMessage);
        if (reply.type === 'failed') reject(new Error(`load worker ${this.index}: ${reply.message}`));
        else resolve(reply as Extract<WorkerMessage, { type: T }>);
      };
      this.child.on('message', onMessage);
    });
    this.child.send(message);
    return Promise.race([answer, this.exited]);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise((r) => this.child.once('exit', r));
    await this.ask({ type: 'end' }, 'ended').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    this.child.kill('SIGTERM');
    await gone;
    clearTimeout(timer);
  }
}

/** Splits `total` into `parts` near-equal whole shares. */
export function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export async function openLoad(system: RunningSystem, options: LoadOptions): Promise<LoadSession> {
  const workerCount = Math.max(1, Math.min(options.workers, options.chats));
  const chatsPerWorker = shares(options.chats, workerCount);
  const setups = system.setUpWorkers ? await system.setUpWorkers(chatsPerWorker, options.agentCapacity) : [];
  const workers = chatsPerWorker.map((_, i) => new Worker(i));
  try {
    const prepared = await Promise.all(
      workers.map((worker, i) =>
        worker.ask({ type: 'prepare', system: system.name, url: system.server.url, chats: chatsPerWorker[i]!, worker: i + 1, reactiveChat: setups[i] }, 'prepared'),
      ),
    );
    const slowest = Math.max(...prepared.map((p) => p.seconds));
    options.log(`  ${system.name}: ${options.chats} chats open over ${workerCount} load workers in ${slowest.toFixed(1)} s`);
  } catch (error) {
    await Promise.all(workers.map((w) => w.stop()));
    throw error;
  }

  return {
    async measure(offeredPerSecond, seconds, drainSeconds) {
      const sampler = sampleResources(system);
      const results = await Promise.all(
        workers.map((worker, i) => worker.ask({ type: 'window', ratePerSecond: (offeredPerSecond * chatsPerWorker[i]!) / options.chats, seconds, drainSeconds }, 'window')),
      );
      const resources = await sampler.stop();
      return pointOf(system, offeredPerSecond, results.map((r) => r.result), resources);
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

function pointOf(system: RunningSystem, offeredPerSecond: number, results: WindowResult[], resources: ResourceFigures): MeasuredWindow {
  const sum = (key: 'sent' | 'acknowledged' | 'delivered' | 'lost' | 'errors' | 'refused') => results.reduce((total, r) => total + r[key], 0);
  const startedAt = Math.min(...results.map((r) => r.startedAt));
  const delivered = sum('delivered');
  const sendingSeconds = (Math.max(...results.map((r) => r.lastSendAt)) - startedAt) / 1000;
  // Sustained rate: everything delivered over the time it took to send it all or to deliver 99 % of it,
  // whichever is longer (a last straggler alone does not halve the rate of a short window).
  const seconds = Math.max(sendingSeconds, (Math.max(...results.map((r) => r.mostDeliveredAt)) - startedAt) / 1000);
  const point: LoadPoint = {
    system: system.name,
    offeredPerSecond,
    generatorPerSecond: sendingSeconds > 0 ? Math.round(sum('sent') / sendingSeconds) : 0,
    deliveredPerSecond: delivered > 0 && seconds > 0 ? Math.round(delivered / seconds) : 0,
    customerToAgent: percentilesOf(mergeEncoded(results.map((r) => r.customerToAgent))),
    agentToCustomer: percentilesOf(mergeEncoded(results.map((r) => r.agentToCustomer))),
    sent: sum('sent'),
    acknowledged: sum('acknowledged'),
    lost: sum('lost'),
    errors: sum('errors'),
    refused: sum('refused'),
    resources,
  };
  return { point, errorSamples: [...new Set(results.flatMap((r) => r.errorSamples))].slice(0, 5) };
}

/** The server's memory (highest seen, sampled every second) and CPU over the window. */
function sampleResources(system: RunningSystem): { stop(): Promise<ResourceFigures> } {
  const started = performance.now();
  const first = system.server.stats();
  let rssBytes = 0;
  let heapUsedBytes = 0;
  const note = (s: { rssBytes: number; heapUsedBytes: number }) => {
    rssBytes = Math.max(rssBytes, s.rssBytes);
    heapUsedBytes = Math.max(heapUsedBytes, s.heapUsedBytes);
  };
  let asking = false;
  // One question at a time: a busy server answers late, and questions must not pile up.
  const timer = setInterval(() => {
    if (asking) return;
    asking = true;
    void system.server
      .stats()
      .then(note, () => undefined)
      .finally(() => (asking = false));
  }, 1000);
  return {
    async stop() {
      clearInterval(timer);
      const [before, after] = await Promise.all([first, system.server.stats()]);
      note(after);
      const cpuSeconds = (after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) / 1e6;
      const wall = (performance.now() - started) / 1000;
      return { rssBytes, heapUsedBytes, cpuSeconds: round(cpuSeconds, 3), cpuCores: round(cpuSeconds / wall, 3) };
    },
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
