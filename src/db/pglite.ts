import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type AdmissionLimits, DEFAULT_ADMISSION, admitted } from './admission.js';
import { type Db, QueryError, type Queryable } from './db.js';
import { soleNodeLock } from './sessionLock.js';

/**
 * Embedded PostgreSQL (WASM) in a data folder; `memory://` keeps nothing on disk.
 * One connection: statements and transactions take turns in a bounded queue (admission.ts).
 */
export async function openPglite(dataDir: string, limits: AdmissionLimits = DEFAULT_ADMISSION): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async exec(sql: string) {
      try {
        await target.exec(sql);
      } catch (error) {
        throw new QueryError(sql, error);
      }
    },
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        const result = await target.query<T>(sql, params as unknown[]);
        return result.rows;
      } catch (error) {
        throw new QueryError(sql, error);
      }
    },
  });
  const root = wrap(pg);
  return admitted(1, limits, {
    dialect: 'pglite',
    skipLocked: '',
    query: root.query,
    exec: root.exec,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    holdAdvisoryLock: () => soleNodeLock(),
    close: () => pg.close(),
  });
}
