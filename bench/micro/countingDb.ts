/**
 * A Db that counts what passes through it: statements (in and out of
 * transactions) and rows returned. Micro benchmarks wrap a real database with
 * it to report round trips per operation, a figure load on the machine does
 * not change.
 */
import type { Db, Queryable } from '../../src/db/db.js';

export interface QueryCounts {
  statements: number;
  rows: number;
  /** The statements' text, in order. */
  sql: string[];
}

export function countingDb(db: Db): { db: Db; counts: QueryCounts; reset(): QueryCounts } {
  const counts: QueryCounts = { statements: 0, rows: 0, sql: [] };
  const wrap = (q: Queryable): Queryable => ({
    async query(sql, params) {
      counts.statements += 1;
      counts.sql.push(sql);
      const started = performance.now();
      const rows = await q.query(sql, params);
      counts.rows += rows.length;
      if (process.env.TRACE_SQL) console.log(`${(performance.now() - started).toFixed(1)} ms ${rows.length} rows: ${sql.replace(/\s+/g, ' ').slice(0, 90)}`);
      return rows as never;
    },
    exec: (sql) => q.exec(sql),
  });
  const counted: Db = {
    ...wrap(db),
    dialect: db.dialect,
    skipLocked: db.skipLocked,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    holdAdvisoryLock: (key) => db.holdAdvisoryLock(key),
    close: () => db.close(),
  };
  return {
    db: counted,
    counts,
    reset() {
      const before = { ...counts };
      counts.statements = 0;
      counts.rows = 0;
      counts.sql = [];
      return before;
    },
  };
}
