/**
 * Entry of a forked load process (bench/scale/channel.ts forkLoad): waits
 * for its job, runs it, answers `done` with the result or `failed`, and
 * exits. It dies with its parent.
 */
import { Inbox, type Message } from './channel.js';
import { idleCustomers } from './idleJob.js';
import { routingLoad } from './routingJob.js';

export interface JobChannel {
  /** Tells the scenario something (progress, a phase's figures). */
  report(type: string, payload?: unknown): void;
  /** The scenario's next message of that type (e.g. a go-ahead). */
  next<T>(type: string): Promise<T>;
}

const jobs: Record<string, (input: never, channel: JobChannel) => Promise<unknown>> = { idleCustomers, routingLoad };

const inbox = new Inbox();
process.on('message', (message: Message) => inbox.put(message));
process.on('disconnect', () => process.exit(0));

const send = (message: Message) => new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()));

const { job, input } = await inbox.next<{ job: string; input: never }>('job');
const channel: JobChannel = { report: (type, payload) => void send({ type, payload }), next: (type) => inbox.next(type) };
try {
  const run = jobs[job];
  if (!run) throw new Error(`unknown load job ${job}`);
  const result = await run(input, channel);
  await send({ type: 'done', payload: result });
  process.exit(0);
} catch (error) {
  await send({ type: 'failed', payload: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
