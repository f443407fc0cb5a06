/**
 * Admission to the database's connections: at most `slots` statements or
 * transactions run at once (the pool's size; 1 for PGlite), at most
 * `maxWaiting` wait for a slot, none waits longer than `maxWaitMs`. Work past
 * either bound is refused with DatabaseBusy BEFORE it runs, so nothing it
 * would have stored is half-done: the client gets a retryable `unavailable`
 * and sends again. Without a bound, a node past its capacity queues work
 * faster than it finishes it, serves every request after its sender gave up,
 * and never recovers while the load stays.
 */

import type { Db } from './db.js';

/** Refused at once: too much work is already waiting for the database. Nothing was run. */
export class DatabaseBusy extends Error {
  constructor(readonly reason: 'queue_full' | 'wait_timeout') {
    super(reason === 'queue_full' ? 'The database has too much work waiting.' : 'Waited too long for a database connection.');
  }
}

export interface AdmissionLimits {
  /** Statements or transactions waiting for a connection before new ones are refused. */
  maxWaiting: number;
  /** Longest wait for a connection before the waiting work is refused. */
  maxWaitMs: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = { maxWaiting: 200, maxWaitMs: 1000 };

/** What readiness needs to tell "busy" from "down". */
export interface DatabaseLoad {
  running: number;
  waiting: number;
  /** Work refused since the node started. */
  refused: number;
  /** Epoch ms of the last refusal, 0 if none. */
  lastRefusedAt: number;
  /** Epoch ms at which work last succeeded, 0 if none yet (a database that is away fails fast: that is no answer). */
  lastAnsweredAt: number;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

export class Admission {
  private running = 0;
  /** Insertion-ordered: the oldest waiter first; a timed-out one leaves in O(1). */
  private readonly waiters = new Set<Waiter>();
  /** Waiters for work that goes first (TransactionOptions.first), served before `waiters`. */
  private readonly firstWaiters = new Set<Waiter>();
  private refused = 0;
  private lastRefusedAt = 0;
  private lastAnsweredAt = 0;

  constructor(
    private readonly slots: number,
    private readonly limits: AdmissionLimits = DEFAULT_ADMISSION,
  ) {}

  /** Runs `work` holding one slot; refuses with DatabaseBusy when the wait would pass a bound. */
  run<T>(work: () => Promise<T>, first = false): Promise<T> {
    // The usual case, not overloaded: no queue, no timer, no extra promise.
    if (this.running < this.slots && this.waiting() === 0) return this.hold(work);
    if (this.waiting() >= this.limits.maxWaiting) return Promise.reject(this.refuse('queue_full'));
    const line = first ? this.firstWaiters : this.waiters;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => this.hold(work).then(resolve, reject),
        timer: setTimeout(() => {
          line.delete(waiter);
          reject(this.refuse('wait_timeout'));
        }, this.limits.maxWaitMs),
      };
      line.add(waiter);
    });
  }

  private waiting(): number {
    return this.waiters.size + this.firstWaiters.size;
  }

  load(): DatabaseLoad {
    return { running: this.running, waiting: this.waiting(), refused: this.refused, lastRefusedAt: this.lastRefusedAt, lastAnsweredAt: this.lastAnsweredAt };
  }

  private hold<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    let started: Promise<T>;
    try {
      started = work();
    } catch (error) {
      started = Promise.reject(error);
    }
    return started.then(
      (value) => {
        this.lastAnsweredAt = Date.now();
        this.release();
        return value;
      },
      (error: unknown) => {
        this.release();
        throw error;
      },
    );
  }

  private release(): void {
    this.running--;
    const line = this.firstWaiters.size ? this.firstWaiters : this.waiters;
    const next = line.values().next();
    if (next.done) return;
    line.delete(next.value);
    clearTimeout(next.value.timer);
    next.value.start();
  }

  private refuse(reason: DatabaseBusy['reason']): DatabaseBusy {
    this.refused++;
    this.lastRefusedAt = Date.now();
    return new DatabaseBusy(reason);
  }
}

/**
 * The adapter `db` behind an admission of `slots` connections: its statements
 * and transactions (a transaction holds its slot to the end; the statements
 * inside it do not queue again).
 */
export function admitted(slots: number, limits: AdmissionLimits, db: Omit<Db, 'load'>): Db {
  const admission = new Admission(slots, limits);
  return {
    ...db,
    query: (sql, params, name) => admission.run(() => db.query(sql, params, name)),
    exec: (sql) => admission.run(() => db.exec(sql)),
    transaction: (work, options) => admission.run(() => db.transaction(work), options?.first === true),
    load: () => admission.load(),
  };
}
