/**
 * A Db that counts its database round trips: every statement, plus BEGIN and
 * COMMIT (or ROLLBACK) of each transaction. Tests and bench/micro read the
 * count around one operation to say what it costs the database.
 */
import type { Db, Queryable } from '../../src/db/db.js';

export interface CountingDb extends Db {
  /** Round trips so far, and the statements' first words (for a breakdown). */
  readonly counts: { roundTrips: number; statements: string[] };
}

/** A short name for a statement: its first keyword and the table it starts on. */
function label(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 60);
}

export function countingDb(db: Db): CountingDb {
  const counts = { roundTrips: 0, statements: [] as string[] };
  const note = (sql: string) => {
    counts.roundTrips++;
    counts.statements.push(label(sql));
  };
  const wrap = (target: Queryable): Queryable => ({
    query: (sql, params) => {
      note(sql);
      return target.query(sql, params);
    },
    exec: (sql) => {
      note(sql);
      return target.exec(sql);
    },
  });
  return {
    ...wrap(db),
    counts,
    get dialect() {
      return db.dialect;
    },
    get skipLocked() {
      return db.skipLocked;
    },
    async transaction(work) {
      note('BEGIN');
      try {
        return await db.transaction((tx) => work(wrap(tx)));
      } finally {
        note('COMMIT/ROLLBACK');
      }
    },
    holdAdvisoryLock: (key) => db.holdAdvisoryLock(key),
    close: () => db.close(),
  };
}
