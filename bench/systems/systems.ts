/**
 * The systems a load scenario measures, each started fresh in a process of its
 * own: our node on the run's storage (a scratch PostgreSQL database or a
 * scratch PGlite directory, both dropped afterwards) and the two pass-through
 * baselines. For our node the set-up (queues and agents, one queue per load
 * worker) goes through the Client Admin Portal's API, as an admin would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO } from '../../src/app/demoSeed.js';
import type { AdminQueueDetail } from '../../src/protocol/admin.js';
import type { AdminQueueSummary, FormFieldView } from '../../src/protocol/views.js';
import { createScratchDatabase } from '../../tests/support/backends.js';
import { api, signIn } from '../../tests/support/browserClient.js';
import type { Storage, SystemName } from '../contract.js';
import type { ReactiveChatSetup } from '../load/messages.js';
import { type ServerProcess, startServerProcess } from './serverProcess.js';

export const SYSTEMS: SystemName[] = ['reactive-chat', 'ws-relay', 'socketio-relay'];

export interface RunningSystem {
  name: SystemName;
  server: ServerProcess;
  /** Our node only: what each load worker needs (its queue, agents and form answers). */
  setUpWorkers?(chatsPerWorker: number[], agentCapacity: number): Promise<ReactiveChatSetup[]>;
  close(): Promise<void>;
}

export interface SystemOptions {
  storage: Storage;
  postgresAdminUrl?: string;
}

export async function startSystem(name: SystemName, options: SystemOptions): Promise<RunningSystem> {
  if (name === 'ws-relay') return baseline(name, 'bench/baselines/wsRelay.ts');
  if (name === 'socketio-relay') return baseline(name, 'bench/baselines/socketioRelay.ts');
  return reactiveChat(options);
}

async function baseline(name: SystemName, script: string): Promise<RunningSystem> {
  const server = await startServerProcess(script, {});
  return { name, server, close: () => server.close() };
}

async function reactiveChat(options: SystemOptions): Promise<RunningSystem> {
  let dropStorage: () => Promise<void>;
  let env: Record<string, string>;
  if (options.storage === 'postgres') {
    if (!options.postgresAdminUrl) throw new Error('storage postgres needs DATABASE_URL (the admin URL scratch databases are made on)');
    const scratch = await createScratchDatabase(options.postgresAdminUrl);
    env = { DATABASE_URL: scratch.url };
    dropStorage = scratch.drop;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'rc-bench-'));
    env = { DATA_DIR: dir, DATABASE_URL: '' };
    dropStorage = () => rm(dir, { recursive: true, force: true });
  }
  const server = await startServerProcess('bench/server.ts', {
    ...env,
    SEED_DEMO: 'true',
    REDIS_URL: '',
    // Chats and offers must outlive the longest run; nobody is slow on purpose here.
    OFFER_TIMEOUT_SECONDS: '600',
    CUSTOMER_GRACE_SECONDS: '3600',
  }).catch(async (error: unknown) => {
    await dropStorage();
    throw error;
  });
  return {
    name: 'reactive-chat',
    server,
    setUpWorkers: (chatsPerWorker, agentCapacity) => setUpWorkers(server.url, chatsPerWorker, agentCapacity),
    async close() {
      await server.close();
      await dropStorage();
    },
  };
}

const BENCH_PASSWORD = 'bench-password-1';

/** An answer a customer would give to each Data Collection field. */
function answer(field: FormFieldView): string {
  if (field.type === 'email') return 'bench.customer@example.com';
  if (field.type === 'phone') return '+33 1 23 45 67 89';
  if (field.type === 'select') return field.options?.[0] ?? 'Other';
  return 'Bench';
}

async function ok<T>(response: Promise<{ status: number; body: unknown }>, what: string): Promise<T> {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body as T;
}

/** One copy of the demo `support` queue (with its Data Collection form) per worker, with agents enough for its chats. */
async function setUpWorkers(url: string, chatsPerWorker: number[], agentCapacity: number): Promise<ReactiveChatSetup[]> {
  const node = { url };
  const cookie = await signIn(node, DEMO.adminEmail, DEMO.password);
  const { queues } = await ok<{ queues: AdminQueueSummary[] }>(api(node, 'GET', '/api/admin/queues', undefined, cookie), 'listing queues');
  const support = queues.find((q) => q.slug === DEMO.supportSlug);
  if (!support) throw new Error('the demo queue "support" is missing (SEED_DEMO)');
  const setups: ReactiveChatSetup[] = [];
  for (const [worker, chats] of chatsPerWorker.entries()) {
    const queue = await ok<AdminQueueDetail>(
      api(node, 'POST', `/api/admin/queues/${support.id}/duplicate`, { name: `Bench ${worker + 1}` }, cookie),
      'copying the support queue',
    );
    const agents: ReactiveChatSetup['agents'] = [];
    const agentIds: string[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(chats / agentCapacity)); i++) {
      const email = `bench-w${worker + 1}-a${i + 1}@demo.example`;
      const person = await ok<{ id: string }>(
        api(node, 'POST', '/api/admin/people', { email, displayName: `Bench agent ${worker + 1}.${i + 1}`, role: 'agent', capacity: agentCapacity, password: BENCH_PASSWORD }, cookie),
        'creating an agent',
      );
      agents.push({ email, password: BENCH_PASSWORD });
      agentIds.push(person.id);
    }
    await ok(api(node, 'PUT', `/api/admin/queues/${queue.id}/agents`, { agentIds }, cookie), 'assigning agents');
    const form = Object.fromEntries(queue.form.fields.map((field) => [field.id, answer(field)]));
    setups.push({ queueSlug: queue.slug, agents, form });
  }
  return setups;
}
