/**
 * The server the browser tests talk to: a fresh database each run (a new
 * PGlite folder, or a scratch PostgreSQL database when DATABASE_URL is set),
 * the demo client seeded, short offer timeout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startNode } from '../src/server.js';
import { createScratchDatabase } from '../tests/support/backends.js';

const port = process.env.E2E_PORT ?? '3310';
const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-'));
const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : null;
const config = loadConfig({
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DATABASE_URL: scratch?.url,
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'true',
});
const node = await startNode(config);
console.log(`e2e server on ${node.url} (${scratch ? 'PostgreSQL' : 'PGlite'})`);

const stop = async () => {
  await node.close();
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
