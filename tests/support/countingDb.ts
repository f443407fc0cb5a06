/**
 * A Db that counts what goes to the database: statements, transactions, round
 * trips (statements plus BEGIN and COMMIT of each transaction) and rows
 * returned. Query counts do not drift with the machine's load the way
 * wall-clock times do, so tests and bench/micro lead with them.
 *
 * `onStatement` lets a caller look at the database between two statements of
 * a transaction, while its locks are held (e.g. probe which rows are locked).
 */
import type { Db, Queryable } from '../../src/db/db.js';

export interface Counts {
  statements: number;
  transactions: number;
  roundTrips: number;
  rows: number;
  /** The statements' text, in order. */
  sql: string[];
}

export interface CountingDb extends Db {
  /** Live counts since the last reset. */
  readonly counts: Counts;
  /** Starts counting afresh; returns the counts so far. */
  reset(): Counts;
  /** Called after every statement inside a transaction. */
  onStatement: ((sql: string) => Promise<void>) | null;
}

const zero = (): Counts => ({ statements: 0, transactions: 0, roundTrips: 0, rows: 0, sql: [] });

export function countingDb(inner: Db): CountingDb {
  const counts = zero();
  const counted = (target: Queryable, inTransaction: boolean): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[], name?: string) {
      counts.statements++;
      counts.roundTrips++;
      counts.sql.push(sql);
      const rows = await target.query<T>(sql, params, name);
      counts.rows += rows.length;
      if (inTransaction && db.onStatement) await db.onStatement(sql);
      return rows;
    },
    async exec(sql: string) {
      counts.statements++;
      counts.roundTrips++;
      counts.sql.push(sql);
      await target.exec(sql);
    },
  });
  const outside = counted(inner, false);
  const db: CountingDb = {
    dialect: inner.dialect,
    skipLocked: inner.skipLocked,
    query: outside.query,
    exec: outside.exec,
    transaction(work, options) {
      counts.transactions++;
      counts.roundTrips += 2;
      return inner.transaction((tx) => work(counted(tx, true)), options);
    },
    holdAdvisoryLock: (key) => inner.holdAdvisoryLock(key),
    load: () => inner.load(),
    close: () => inner.close(),
    counts,
    reset() {
      const before = { ...counts, sql: [...counts.sql] };
      Object.assign(counts, zero());
      return before;
    },
    onStatement: null,
  };
  return db;
}
