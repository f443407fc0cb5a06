/**
 * A session-level PostgreSQL advisory lock on a connection of its own.
 *
 * `pg_try_advisory_lock` belongs to the session that took it, so it cannot
 * live on a pooled connection (the pool hands connections to other work and
 * may close them). The lock's connection is held for as long as the lock is:
 * when the process dies, the database closes the session and the lock is
 * free for another node at once; when the connection breaks (database
 * restart, network), the handle reports the loss and the next acquire()
 * connects again and competes for the lock anew.
 */
import pg from 'pg';

export interface SessionLock {
  /**
   * Takes the lock if free, or confirms that this handle still holds it (a
   * round trip on its connection). False when another session holds it or the
   * database cannot be reached; never throws.
   */
  acquire(): Promise<boolean>;
  /** Held at the last acquire() and its connection has not broken since. */
  readonly held: boolean;
  /**
   * The database answered the last acquire(), whoever holds the lock. A node that leads nothing and
   * holds no sockets makes no other database call: this is how it learns of an outage.
   */
  readonly answered: boolean;
  /** Releases the lock by closing its connection. */
  release(): Promise<void>;
}

/** A lock that is always held: the embedded database has one node by construction. */
export function soleNodeLock(): SessionLock {
  return { acquire: async () => true, held: true, answered: true, release: async () => undefined };
}

export function postgresSessionLock(connectionString: string, key: number): SessionLock {
  let client: pg.Client | null = null;
  let held = false;
  let answered = true;
  let released = false;

  const forget = (c: pg.Client) => {
    if (client === c) {
      client = null;
      held = false;
    }
    c.end().catch(() => undefined);
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString,
      keepAlive: true,
      // A database that stops answering must not stall the sweep: the check fails and the lock counts as lost.
      connectionTimeoutMillis: 5000,
      query_timeout: 5000,
      application_name: 'reactive-chat session lock',
    });
    c.on('error', () => forget(c));
    c.on('end', () => forget(c));
    await c.connect();
    client = c;
    return c;
  };

  return {
    get held() {
      return held;
    },
    get answered() {
      return answered;
    },
    async acquire() {
      if (released) return false;
      let c = client;
      try {
        c ??= await connect();
        if (held) {
          await c.query('SELECT 1');
        } else {
          const [row] = (await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])).rows;
          held = client === c && row?.ok === true;
        }
        answered = true;
        return held;
      } catch {
        if (c) forget(c);
        answered = false;
        return false;
      }
    },
    async release() {
      released = true;
      held = false;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
