/** The machine and build a run was measured on, named in every report (absolute figures only mean something next to it). */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
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
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
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

export interface CustomerPageSize {
  /** Every script the customer page loads (its own chunk, the shared ones and its largest language catalog), gzipped; null when dist/web is not built. */
  gzipBytes: number | null;
  files: number;
}

/** The customer page also fetches its reader's catalog (web/customer/i18n): the largest language counts. */
const LANGUAGE_CHUNKS = [['en', 'systemLinesEn'], ['fr'], ['es']];

export function customerPageSize(): CustomerPageSize {
  try {
    const html = readFileSync('dist/web/customer/index.html', 'utf8');
    const scripts = [...html.matchAll(/\/assets\/([\w.-]+\.js)/g)].map((m) => m[1]!);
    const gz = (file: string) => gzipSync(readFileSync(`dist/web/assets/${file}`)).length;
    const assets = readdirSync('dist/web/assets');
    const languages = LANGUAGE_CHUNKS.map((names) => {
      const files = names.flatMap((name) => assets.filter((f) => f.startsWith(`${name}-`) && f.endsWith('.js')));
      return { files: files.length, bytes: files.reduce((sum, f) => sum + gz(f), 0) };
    });
    const largest = languages.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const bytes = scripts.reduce((sum, file) => sum + gz(file), 0) + largest.bytes;
    return { gzipBytes: bytes, files: scripts.length + largest.files };
  } catch {
    return { gzipBytes: null, files: 0 };
  }
}
