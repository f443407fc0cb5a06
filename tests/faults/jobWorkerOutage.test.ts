/**
 * The durable job workers (mail, webhook deliveries: src/jobs/leasedJobs.ts) poll every second; while
 * PostgreSQL is away every poll fails. The log says so once, as a warning, and once more when the
 * database answers again, not an error a second for the whole outage (found by a trial). A job queued
 * before the outage is delivered after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/app/deps.js';
import type { Db } from '../../src/db/db.js';
import { openPostgres } from '../../src/db/postgres.js';
import { createLeasedJobWorker, type JobRow, type LeasedJobWorker } from '../../src/jobs/leasedJobs.js';
import { postgresBin, type PrivatePostgres, startPrivatePostgres, waitUntil } from '../support/services.js';

interface Line {
  level: 'warn' | 'error' | 'info';
  message: string;
}

/** A logger that keeps what the worker says. */
function keptLog(lines: Line[]): Logger {
  const keep = (level: Line['level']) => (first: object | string, second?: string) => {
    lines.push({ level, message: typeof first === 'string' ? first : String(second) });
  };
  return { info: keep('info'), warn: keep('warn'), error: keep('error') };
}

describe.runIf(postgresBin() !== null)('a job worker while PostgreSQL is away', () => {
  let pg: PrivatePostgres;
  let db: Db;
  let worker: LeasedJobWorker;
  const lines: Line[] = [];
  const delivered: string[] = [];

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    db = await openPostgres(pg.url);
    await db.query(
      `CREATE TABLE jobs (id text PRIMARY KEY, status text NOT NULL DEFAULT 'queued', attempts int NOT NULL DEFAULT 0,
         locked_until timestamptz, next_attempt_at timestamptz NOT NULL DEFAULT now(), last_error text, sent_at timestamptz)`,
    );
    worker = createLeasedJobWorker<JobRow>(db, {
      kind: 'test job',
      table: 'jobs',
      columns: [],
      deliver: async (row) => void delivered.push(row.id),
      log: keptLog(lines),
      retry: { baseMs: 100, maxMs: 1000, maxAttempts: 5 },
      pollMs: 100,
      leaseMs: 10_000,
    });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await db?.close();
    await pg?.destroy();
  });

  it('says once that it cannot reach the database, once that it can again, and delivers what waited', async () => {
    await pg.stop();
    // Thirty polls or so fail meanwhile.
    await new Promise((r) => setTimeout(r, 3000));
    await pg.start();
    await waitUntil(async () => (await db.query("INSERT INTO jobs (id) VALUES ('after') RETURNING id").catch(() => [])).length === 1, 20_000, 'the database back');
    worker.wake();
    await waitUntil(() => delivered.includes('after'), 10_000, 'the job delivered');

    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    const told = lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(told).toEqual(['test job worker cannot reach the database; polling on until it answers', 'test job worker reaches the database again']);
  }, 60_000);
});
