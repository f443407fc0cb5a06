/** The machine and build a run was measured on, named in every report (absolute figures only mean something next to it). */
import { execFileSync } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import pg from 'pg';
import type { Storage } from '../contract.js';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryBytes: number;
  node: string;
  os: string;
  storage: Storage;
  postgresVersion: string | null;
  gitCommit: string | null;
}

export async function machineInfo(storage: Storage, postgresAdminUrl: string | undefined): Promise<MachineInfo> {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    totalMemoryBytes: totalmem(),
    node: process.version,
    os: `${platform()} ${release()}`,
    storage,
    postgresVersion: storage === 'postgres' && postgresAdminUrl ? await postgresVersion(postgresAdminUrl) : null,
    gitCommit: gitCommit(),
  };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return `${rows[0]?.server_version ?? 'unknown'}, ${connectionKind(url)}`;
  } finally {
    await client.end();
  }
}

/** How the nodes reach PostgreSQL: a Unix socket (?host=/dir) saves the loopback TCP stack on every statement. */
function connectionKind(url: string): string {
  const host = new URL(url).searchParams.get('host') ?? new URL(url).hostname;
  return host.startsWith('/') ? 'over a Unix socket' : `over TCP (${host})`;
}

function gitCommit(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null;
  }
}
