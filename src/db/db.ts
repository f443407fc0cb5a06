import type { DatabaseLoad } from './admission.js';
import type { SessionLock } from './sessionLock.js';

/**
 * The storage port: PostgreSQL-dialect SQL with numbered parameters.
 * Two adapters implement it: PGlite (embedded, default) and node-postgres.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /**
   * Runs one statement and returns its rows. `name`: a hot statement's name, under which
   * PostgreSQL parses it once per connection (a prepared statement); the same name must
   * always come with the same text. PGlite ignores it.
   */
  query<T = Row>(sql: string, params?: readonly unknown[], name?: string): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Waits for a connection ahead of ordinary work (still bounded by the same limits). For the few
   * transactions that everything else waits on: a routing batch offers the line's next chats, and
   * behind ordinary work it waited 100–300 ms for a connection in a busy line's drain.
   */
  first?: boolean;
}

export interface Db extends Queryable {
  /** 'pglite' is one connection (transactions are serial); 'postgres' is a pool. */
  readonly dialect: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * `query`, `exec` and `transaction` wait for a connection in a bounded queue and throw
   * DatabaseBusy (admission.ts) at once, before running anything, when it is full.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** `FOR UPDATE SKIP LOCKED` where it means something (PostgreSQL), nothing on PGlite. */
  readonly skipLocked: string;
  /**
   * A session-level advisory lock held on a connection of its own (pooled
   * connections cannot hold one); its handle reports the loss when that
   * connection breaks. On PGlite it is always held (one node).
   */
  holdAdvisoryLock(key: number): SessionLock;
  /** How busy the connections are and when work was last refused (readiness). */
  load(): DatabaseLoad;
  close(): Promise<void>;
}

/** Wraps a driver error with the statement that caused it, keeping the cause. */
export class QueryError extends Error {
  constructor(
    readonly sql: string,
    cause: unknown,
  ) {
    super(`${cause instanceof Error ? cause.message : String(cause)} — in: ${sql.replace(/\s+/g, ' ').slice(0, 200)}`, { cause });
  }
}
