/**
 * A Reactive Chat node in a process of its own (`src/main.ts` under tsx), so
 * fault tests can SIGKILL it, SIGTERM it, or let it die, exactly as in
 * production. Its log is kept for the failure message.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitUntil } from './services.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface NodeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the node printed so far. */
  log(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

export async function spawnNode(env: Record<string, string | undefined>, options: { port?: number; readyTimeoutMs?: number } = {}): Promise<NodeProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      // Fault tests assert that every message arrives; their clients do not retry `unavailable` as
      // browsers do, so event-loop shedding is off here as in every other test (a test may turn it on).
      SHED_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      async () => {
        if (!alive()) throw new Error('exited');
        return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
      },
      options.readyTimeoutMs ?? 60_000,
      `node on ${port}`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`node did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    url,
    port,
    child,
    log: () => output,
    exited,
    alive,
    async kill(signal = 'SIGKILL') {
      if (alive()) child.kill(signal);
      return exited;
    },
  };
}
