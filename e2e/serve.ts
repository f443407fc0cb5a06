/**
 * The server the browser tests talk to: a fresh database each run (a new
 * PGlite folder, or a scratch PostgreSQL database when DATABASE_URL is set),
 * the demo client seeded plus a second agent (Leo) for the routing test,
 * short offer timeout and presence expiry so those tests run in seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startNode } from '../src/server.js';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import { createScratchDatabase } from '../tests/support/backends.js';
import { startSmtpServer } from '../tests/support/smtp.js';

/** Leo answers the Support queue beside Sophie (e2e/routing.spec.ts). */
async function addSecondAgent(db: Db): Promise<void> {
  const [queue] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
  if (!queue) return;
  const id = newId();
  await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name, capacity) VALUES ($1, $2, 'leo@demo.example', $3, 'agent', 'Leo', 3)", [
    id,
    queue.client_id,
    await hashPassword('demo1234'),
  ]);
  await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queue.id, id, queue.client_id]);
}

const port = process.env.E2E_PORT ?? '3310';
const dataDir = mkdtempSync(join(tmpdir(), 'rc-e2e-'));
// A real SMTP server in this process takes the mail; addresses at bounce.example are refused for good
// (550), so e2e/mail.spec.ts finds a failed mail on the portal's Mail page.
const smtp = await startSmtpServer({ refuseRecipients: /@bounce\.example$/ });
const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : null;
const config = loadConfig({
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DATABASE_URL: scratch?.url,
  SMTP_URL: smtp.url,
  MAIL_POLL_MS: '500',
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'true',
  OFFER_TIMEOUT_SECONDS: process.env.OFFER_TIMEOUT_SECONDS ?? '8',
  PRESENCE_TTL_SECONDS: process.env.PRESENCE_TTL_SECONDS ?? '6',
  SWEEP_INTERVAL_MS: '500',
  // e2e/webhooks.spec.ts receives on 127.0.0.1 and has a receiver fail once.
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_RETRY_BASE_MS: '300',
  WEBHOOK_POLL_MS: '200',
});
// Every browser of the tests comes from 127.0.0.1: per-address limits for customers (and socket handshakes) are raised so
// that the specs together do not trip them (tests/security.test.ts covers the limits themselves).
config.rateLimits = {
  ...config.rateLimits,
  chatStartsPerAddressPerMinute: 1000,
  offlineItemsPerAddressPer10Minutes: 1000,
  attachmentsPerAddressPer10Minutes: 1000,
  handshakesPerAddressPerMinute: 100_000,
};
const node = await startNode(config);
await addSecondAgent(node.deps.db);
console.log(`e2e server on ${node.url} (${scratch ? 'PostgreSQL' : 'PGlite'})`);

const stop = async () => {
  await node.close();
  await smtp.close();
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
