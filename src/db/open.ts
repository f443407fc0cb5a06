import type { Config } from '../config.js';
import type { Db } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** PostgreSQL when DATABASE_URL is set, the embedded PGlite in DATA_DIR otherwise. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databaseQueue'>): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.databaseQueue) : openPglite(config.dataDir, config.databaseQueue);
}
