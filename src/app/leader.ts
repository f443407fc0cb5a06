/**
 * Sweep leadership: one node at a time runs the periodic sweep (offer
 * timeouts, expired presence, the working-hours watch, the routing safety
 * net), so each timer fires once across nodes and N nodes do not all scan
 * every queue every second.
 *
 * The leader is whoever holds a session-level advisory lock on PostgreSQL
 * (src/db/sessionLock.ts: a connection of its own). Every node tries to take
 * it on each sweep tick; when the leader dies its connection closes and
 * another node takes over at its next tick. After a database restart the
 * lock is lost with its connection and re-taken by whichever node asks first.
 * On PGlite the single node is always the leader.
 */
import type { Db } from '../db/db.js';
import type { Logger } from './deps.js';

// Any constant works; it only has to be the same on every node (and differ from the migration lock's).
const SWEEP_LEADER_KEY = 7_410_222;

export interface Leadership {
  /** Whether this node led at its last refresh() and has not lost the lock since. */
  isLeader(): boolean;
  /** Takes the leadership if nobody holds it, or confirms it is still ours. */
  refresh(): Promise<boolean>;
  /** The database answered the last refresh(), whether or not this node leads (src/db/sessionLock.ts). */
  reached(): boolean;
  /** Gives the leadership up (node shutting down). */
  close(): Promise<void>;
}

export function createLeadership(db: Db, log: Logger): Leadership {
  const lock = db.holdAdvisoryLock(SWEEP_LEADER_KEY);
  let was = false;
  return {
    isLeader: () => lock.held,
    async refresh() {
      const now = await lock.acquire();
      if (now !== was) log.info({ leader: now }, now ? 'this node now leads the sweep' : 'this node no longer leads the sweep');
      was = now;
      return now;
    },
    reached: () => lock.answered,
    close: () => lock.release(),
  };
}
