/**
 * The IPC between a scenario (in the runner's process) and the load it
 * forks: the load always runs in process(es) of its own, never beside the
 * measured node nor in the runner. Messages are `{ type, payload }`; either
 * side can wait for the next message of a type. A load process ends with
 * `done` (its result) or `failed` (its error).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Message {
  type: string;
  payload?: unknown;
}

/** Messages by type, each waited for in order of arrival. */
export class Inbox {
  private readonly held = new Map<string, unknown[]>();
  private readonly waiting = new Map<string, Array<(payload: unknown) => void>>();
  private failure: Error | null = null;
  private readonly failed: Array<(error: Error) => void> = [];

  put(message: Message): void {
    const waiter = this.waiting.get(message.type)?.shift();
    if (waiter) return waiter(message.payload);
    const list = this.held.get(message.type) ?? [];
    list.push(message.payload);
    this.held.set(message.type, list);
  }

  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const reject of this.failed.splice(0)) reject(error);
  }

  next<T>(type: string, timeoutMs = 30 * 60_000): Promise<T> {
    const held = this.held.get(type);
    if (held?.length) return Promise.resolve(held.shift() as T);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${type}" from the load process in ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(type) ?? [];
      list.push((payload) => {
        clearTimeout(timer);
        resolve(payload as T);
      });
      this.waiting.set(type, list);
      this.failed.push((error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }
}

export interface LoadProcess {
  pid: number;
  send(type: string, payload?: unknown): void;
  next<T>(type: string, timeoutMs?: number): Promise<T>;
  /** The job's result (its `done` message). */
  result<T>(timeoutMs?: number): Promise<T>;
  kill(): void;
}

/** Forks bench/scale/loadProcess.ts and starts `job` there with `input`. */
export function forkLoad(job: string, input: unknown): LoadProcess {
  const child: ChildProcess = fork('bench/scale/loadProcess.ts', [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox = new Inbox();
  child.on('message', (message: Message) => {
    if (message?.type === 'failed') inbox.fail(new Error(`load process ${job}: ${String(message.payload)}`));
    else if (message?.type) inbox.put(message);
  });
  child.once('exit', (code, signal) => inbox.fail(new Error(`load process ${job} exited (${code ?? signal})`)));
  child.send({ type: 'job', payload: { job, input } } satisfies Message);
  return {
    pid: child.pid ?? -1,
    send: (type, payload) => {
      if (child.connected) child.send({ type, payload } satisfies Message);
    },
    next: (type, timeoutMs) => inbox.next(type, timeoutMs),
    result: (timeoutMs) => inbox.next('done', timeoutMs),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
