/**
 * A Db that counts what goes to the database: statements (every query and
 * exec) and round trips (statements plus BEGIN and COMMIT of each
 * transaction). Query counts do not drift with the machine's load the way
 * wall-clock times do, so they are the figures micro benchmarks lead with.
 *
 * `onStatement` lets a caller look at the database between two statements of
 * a transaction (e.g. probe which rows are locked at that moment).
 */
import type { Db, Queryable } from '../../src/db/db.js';

export interface Counts {
  statements: number;
  transactions: number;
}

export interface CountingDb extends Db {
  counts(): Counts;
  reset(): void;
  /** Called after every statement inside a transaction, while its locks are held. */
  onStatement: ((sql: string) => Promise<void>) | null;
}

export function countingDb(inner: Db): CountingDb {
  let statements = 0;
  let transactions = 0;
  const counted = (target: Queryable, inTransaction: boolean): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      statements++;
      const rows = await target.query<T>(sql, params);
      if (inTransaction && db.onStatement) await db.onStatement(sql);
      return rows;
    },
    async exec(sql: string) {
      statements++;
      await target.exec(sql);
    },
  });
  const outside = counted(inner, false);
  const db: CountingDb = {
    dialect: inner.dialect,
    skipLocked: inner.skipLocked,
    query: outside.query,
    exec: outside.exec,
    transaction(work) {
      transactions++;
      return inner.transaction((tx) => work(counted(tx, true)));
    },
    holdAdvisoryLock: (key) => inner.holdAdvisoryLock(key),
    close: () => inner.close(),
    counts: () => ({ statements, transactions }),
    reset() {
      statements = 0;
      transactions = 0;
    },
    onStatement: null,
  };
  return db;
}

/** Round trips: each transaction adds its BEGIN and COMMIT to its statements. */
export const roundTrips = (c: Counts): number => c.statements + 2 * c.transactions;
