/**
 * The measured node(s) for the scale scenarios: a fresh database (a scratch
 * PostgreSQL database, or a fresh PGlite folder) is prepared from this
 * process before any node starts (migrations, the demo client, the
 * scenario's queues and agents), then each node runs bench/server.ts in a
 * process of its own. PGlite admits one process, which is why set-up happens
 * before the node opens it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../src/app/demoSeed.js';
import type { Db } from '../../src/db/db.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { createScratchDatabase } from '../../tests/support/backends.js';
import type { Storage } from '../contract.js';
import { type ServerProcess, startServerProcess } from '../systems/serverProcess.js';

export interface PreparedDatabase {
  /** DATABASE_URL or DATA_DIR for the node(s). */
  env: Record<string, string>;
  storage: Storage;
  /** Where it lives, for the report's notes. */
  label: string;
  drop(): Promise<void>;
}

export async function prepareDatabase<T>(storage: Storage, postgresAdminUrl: string | undefined, setUp: (db: Db) => Promise<T>): Promise<{ database: PreparedDatabase; setUp: T }> {
  if (storage === 'postgres') {
    if (!postgresAdminUrl) throw new Error('storage postgres needs postgresAdminUrl (DATABASE_URL)');
    const scratch = await createScratchDatabase(postgresAdminUrl);
    const db = await openPostgres(scratch.url);
    try {
      const result = await initialise(db, setUp);
      return { database: { env: { DATABASE_URL: scratch.url }, storage, label: 'PostgreSQL (scratch database)', drop: scratch.drop }, setUp: result };
    } catch (error) {
      await db.close().catch(() => undefined);
      await scratch.drop();
      throw error;
    } finally {
      await db.close().catch(() => undefined);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'rc-bench-'));
  const db = await openPglite(dir);
  try {
    const result = await initialise(db, setUp);
    await db.close();
    return {
      database: { env: { DATA_DIR: dir }, storage, label: 'PGlite (embedded, fresh folder)', drop: async () => rmSync(dir, { recursive: true, force: true }) },
      setUp: result,
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function initialise<T>(db: Db, setUp: (db: Db) => Promise<T>): Promise<T> {
  await migrate(db);
  await seedDemo(db);
  return setUp(db);
}

/** Starts bench/server.ts on the prepared database; `env` adds node settings (REDIS_URL, OFFER_TIMEOUT_SECONDS...). */
export function startNodeProcess(database: PreparedDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerProcess('bench/server.ts', { SEED_DEMO: 'true', LOG_LEVEL: 'warn', ...database.env, ...env });
}

/** Open file descriptors of a process and its hard cap (Linux /proc). */
export function fileDescriptors(pid: number): { open: number; hardLimit: number | null } {
  const open = readdirCount(`/proc/${pid}/fd`);
  return { open, hardLimit: hardOpenFilesLimit(pid) };
}

function readdirCount(path: string): number {
  try {
    return readdirSync(path).length;
  } catch {
    return -1;
  }
}

function hardOpenFilesLimit(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const hard = line?.trim().split(/\s+/)[4];
    return hard && /^\d+$/.test(hard) ? Number(hard) : null;
  } catch {
    return null;
  }
}
