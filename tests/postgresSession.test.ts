/**
 * Every pooled PostgreSQL connection runs the hot prepared statements on their
 * generic plan (src/db/postgres.ts: re-planning the message store per call cost
 * PostgreSQL 395 µs of CPU a message), and `options` an operator puts in
 * DATABASE_URL still apply alongside ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionSettings, openPostgres } from '../src/db/postgres.js';
import { createScratchDatabase } from './support/backends.js';

describe('connection settings', () => {
  it('adds ours to the options a URL gives, and takes them out of the URL (pg would let the URL win)', () => {
    const settings = connectionSettings('postgres://u@db.example/app?options=-c%20statement_timeout%3D5s&sslmode=require');
    expect(settings.options).toBe('-c statement_timeout=5s -c plan_cache_mode=force_generic_plan');
    expect(new URL(settings.connectionString).searchParams.get('options')).toBeNull();
    expect(new URL(settings.connectionString).searchParams.get('sslmode')).toBe('require');
  });

  it('takes the options out of a Unix-socket URL with a user and no host, and out of an empty options=', () => {
    // Not a WHATWG URL (user, no host), but pg reads it: its options would have replaced ours.
    expect(connectionSettings('postgres://u@/app?host=/var/run/postgresql&options=-c%20work_mem%3D8MB')).toEqual({
      connectionString: 'postgres://u@/app?host=%2Fvar%2Frun%2Fpostgresql',
      options: '-c work_mem=8MB -c plan_cache_mode=force_generic_plan',
    });
    expect(connectionSettings('postgres://u@db.example/app?options=')).toEqual({
      connectionString: 'postgres://u@db.example/app',
      options: '-c plan_cache_mode=force_generic_plan',
    });
  });

  it('keeps a URL without options as it is', () => {
    expect(connectionSettings('postgres://u@localhost/app?host=/var/run/postgresql')).toEqual({
      connectionString: 'postgres://u@localhost/app?host=/var/run/postgresql',
      options: '-c plan_cache_mode=force_generic_plan',
    });
  });
});

const adminUrl = process.env.DATABASE_URL;
describe.skipIf(!adminUrl)('pooled PostgreSQL connections', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl!);
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('use the generic plan for prepared statements, with the URL’s own options too', async () => {
    const url = new URL(scratch.url);
    url.searchParams.set('options', '-c application_name=rc-session-test');
    const db = await openPostgres(url.toString());
    try {
      // Every connection of the pool, not just the first: hold them all at once.
      const rows = await Promise.all(
        Array.from({ length: 10 }, () => db.query<{ mode: string; app: string }>("SELECT current_setting('plan_cache_mode') AS mode, current_setting('application_name') AS app, pg_sleep(0.05)")),
      );
      expect(rows.flat().map((r) => [r.mode, r.app])).toEqual(Array.from({ length: 10 }, () => ['force_generic_plan', 'rc-session-test']));
    } finally {
      await db.close();
    }
  });
});
