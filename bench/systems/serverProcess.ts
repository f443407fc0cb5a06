/**
 * Starts a benchmark server (bench/server.ts or a baseline relay) in a
 * process of its own, with --expose-gc and an IPC channel, and waits until it
 * says where it listens. stats() asks it for memory and CPU (statsResponder.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ListeningNotice, ServerStats, StatsReply, StatsRequest } from './statsResponder.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stats(options?: { gc?: boolean }): Promise<ServerStats>;
  /** SIGTERM, then SIGKILL after 10 s. */
  close(): Promise<void>;
}

/** `script` is relative to the repository root, e.g. 'bench/server.ts'. */
export async function startServerProcess(script: string, env: Record<string, string | undefined>, startTimeoutMs = 120_000): Promise<ServerProcess> {
  const child = fork(script, [], {
    cwd: ROOT,
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": to see where a server's time goes.
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in ${startTimeoutMs} ms`)), startTimeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before listening`));
    });
    child.on('message', (message: ListeningNotice) => {
      if (message?.type !== 'listening') return;
      clearTimeout(timer);
      resolve(message.url);
    });
  });
  let nextId = 1;
  return {
    url,
    pid: child.pid ?? -1,
    child,
    stats(options = {}) {
      const id = nextId++;
      return new Promise<ServerStats>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script} did not answer a stats request`)), 30_000);
        const onMessage = (message: StatsReply) => {
          if (message?.type !== 'stats' || message.id !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message.stats);
        };
        child.on('message', onMessage);
        child.send({ type: 'stats', id, gc: options.gc } satisfies StatsRequest);
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
