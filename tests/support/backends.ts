/**
 * The storage back-ends integration tests run on: PGlite always, and
 * PostgreSQL too when DATABASE_URL is set. Each PostgreSQL run gets a fresh
 * database of its own, dropped afterwards, so runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/db/db.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Opens a new, empty database. */
  open(): Promise<{ db: Db; databaseUrl?: string; drop(): Promise<void> }>;
}

export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * The database's wait bounds in tests: generous. On a crowded CI machine a statement can wait over a
 * second for a connection, and the product's default (1 s, src/db/admission.ts) would refuse it as
 * `unavailable`; tests assert behaviour, not how a loaded box sheds (tests/databaseAdmission.test.ts
 * tests the bounds themselves).
 */
const TEST_ADMISSION = { maxWaiting: 10_000, maxWaitMs: 60_000 };

export function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openPglite('memory://', TEST_ADMISSION);
        return { db, drop: async () => undefined };
      },
    },
  ];
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    list.push({
      name: 'postgres',
      async open() {
        const scratch = await createScratchDatabase(adminUrl);
        const db = await openPostgres(scratch.url, TEST_ADMISSION);
        return {
          db,
          databaseUrl: scratch.url,
          async drop() {
            await scratch.drop();
          },
        };
      },
    });
  }
  return list;
}
