/**
 * The Db port with failed statements counted (reactive_chat_database_errors_total),
 * by SQLSTATE or driver code, so an operator sees an outage or a bad statement
 * without reading logs. Everything else passes through unchanged.
 */
import type { Db, Queryable } from '../db/db.js';

/** The SQLSTATE ('40P01') or driver code ('ECONNREFUSED') of a failure, 'unknown' otherwise. */
export function errorCode(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
  }
  return 'unknown';
}

export function observedDb(db: Db, failed: (code: string) => void): Db {
  const observe = (target: Queryable): Queryable => ({
    query: <T>(sql: string, params?: readonly unknown[], name?: string) =>
      target.query<T>(sql, params, name).catch((error: unknown) => {
        failed(errorCode(error));
        throw error;
      }),
    exec: (sql) =>
      target.exec(sql).catch((error: unknown) => {
        failed(errorCode(error));
        throw error;
      }),
  });
  const outside = observe(db);
  return {
    dialect: db.dialect,
    skipLocked: db.skipLocked,
    query: outside.query,
    exec: outside.exec,
    transaction: (work, options) => db.transaction((tx) => work(observe(tx)), options),
    holdAdvisoryLock: (key) => db.holdAdvisoryLock(key),
    load: () => db.load(),
    close: () => db.close(),
  };
}
