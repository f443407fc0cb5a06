import pg from 'pg';
import { type AdmissionLimits, DEFAULT_ADMISSION, admitted } from './admission.js';
import { type Db, QueryError, type Queryable } from './db.js';
import { postgresSessionLock } from './sessionLock.js';

// Return int8 (counts, sums) as numbers: none of ours come near 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export const POOL_SIZE = 10;

/**
 * Session settings for every pooled connection, added to any `options` the URL gives.
 * plan_cache_mode: our only named (prepared) statements are hot ones whose generic plan is
 * as good as a custom one, and PostgreSQL's default ('auto') kept re-planning the message
 * store for every call (its arrays look different each time): 395 µs of PostgreSQL CPU for a
 * lone message, 65 µs with the generic plan (bench/micro/groupCommit.ts). Unnamed statements
 * are planned per call whatever this says.
 */
const SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

/** The pool's connection string and options: ours added to any `options` the URL gives (pg lets the URL's win, so they move out of it). */
export function connectionSettings(connectionString: string): { connectionString: string; options: string } {
  // Only the query string is read and rewritten: a Unix-socket URL with a user and no host
  // (postgres://u@/db?host=/var/run/postgresql) is no WHATWG URL, though pg reads it.
  const start = connectionString.indexOf('?');
  if (start < 0) return { connectionString, options: SESSION_OPTIONS };
  const end = connectionString.indexOf('#', start);
  const query = new URLSearchParams(connectionString.slice(start + 1, end < 0 ? undefined : end));
  const given = query.get('options');
  // Even an empty `options=` in the URL would replace ours.
  if (given === null) return { connectionString, options: SESSION_OPTIONS };
  query.delete('options');
  const rest = query.toString();
  return {
    connectionString: connectionString.slice(0, start) + (rest ? `?${rest}` : '') + (end < 0 ? '' : connectionString.slice(end)),
    options: given.trim() ? `${given} ${SESSION_OPTIONS}` : SESSION_OPTIONS,
  };
}

export async function openPostgres(connectionString: string, limits: AdmissionLimits = DEFAULT_ADMISSION): Promise<Db> {
  const pool = new pg.Pool({ ...connectionSettings(connectionString), max: POOL_SIZE });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async exec(sql: string) {
      try {
        await target.query(sql);
      } catch (error) {
        throw new QueryError(sql, error);
      }
    },
    async query<T>(sql: string, params: readonly unknown[] = [], name?: string) {
      try {
        const values = params as unknown[];
        const result = await (name ? target.query({ name, text: sql, values }) : target.query(sql, values));
        return result.rows as T[];
      } catch (error) {
        throw new QueryError(sql, error);
      }
    },
  });
  await pool.query('SELECT 1');
  // One admission slot per pooled connection: work waits in our bounded queue, never in pg-pool's unbounded one.
  return admitted(POOL_SIZE, limits, {
    dialect: 'postgres',
    skipLocked: 'FOR UPDATE SKIP LOCKED',
    query: wrap(pool).query,
    exec: wrap(pool).exec,
    async transaction(work) {
      const client = await pool.connect();
      // A connection dropped while checked out (database restart, failover) is reported by the
      // failing query; without a listener the client's 'error' event would crash the process.
      let dropped = false;
      const ignoreDrop = () => {
        dropped = true;
      };
      client.on('error', ignoreDrop);
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', ignoreDrop);
        // A dropped connection is destroyed rather than handed to the next caller.
        client.release(dropped || undefined);
      }
    },
    holdAdvisoryLock: (key) => postgresSessionLock(connectionString, key),
    close: () => pool.end(),
  });
}
