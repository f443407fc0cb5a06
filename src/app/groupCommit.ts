/**
 * Group commit: work items that arrive while a store is in flight are
 * gathered and stored together by ONE call of `storeBatch`, as PostgreSQL
 * groups commits. Nothing waits for anything artificial: with a free slot an
 * item is stored at once (a batch of one); items only gather while
 * `maxInFlight` batches are running, up to `maxBatch` per batch.
 *
 * A batch holds at most one item per key (a chat), and a key stays busy until
 * its item is settled — the batch's answer AND the caller's follow-up
 * (`finish`, e.g. a careful path for a refused item) — so items of one key
 * are stored one after another in the order they came, and batches in flight
 * never touch the same key (no lock waits or deadlocks between them).
 */

/** What the batch did with one item. */
export type BatchOutcome<R> = { status: 'stored'; value: R } | { status: 'refused' } | { status: 'failed'; error: unknown };

export interface GroupCommitOptions {
  maxBatch: number;
  maxInFlight: number;
}

interface Entry<T, R, V> {
  key: string;
  item: T;
  finish: (outcome: BatchOutcome<R>) => Promise<V>;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit<T, R> {
  /**
   * Stores `item` with the next batch; `finish` turns the batch's outcome into the caller's
   * answer, and the item's key is free for the next item only once it has settled.
   */
  submit<V>(key: string, item: T, finish: (outcome: BatchOutcome<R>) => Promise<V>): Promise<V>;
  /** Batches and items stored so far (for tests and benchmarks). */
  readonly stats: { batches: number; items: number; largest: number };
}

/**
 * `storeBatch` answers each item in order: its stored value, or null when the batch refused it
 * (the caller explains why); if it throws, every item of the batch is `failed` with that error.
 */
export function groupCommit<T, R>(storeBatch: (items: T[]) => Promise<Array<R | null>>, options: GroupCommitOptions): GroupCommit<T, R> {
  // Entries of any type V; each entry's own finish/resolve pair agrees on it.
  type AnyEntry = Entry<T, R, unknown>;
  let waiting: AnyEntry[] = [];
  const busy = new Set<string>();
  let inFlight = 0;
  const stats = { batches: 0, items: 0, largest: 0 };

  /** Resolves (never rejects) once the entry is answered and its key is free. */
  const settle = (entry: AnyEntry, outcome: BatchOutcome<R>): Promise<void> =>
    Promise.resolve()
      .then(() => entry.finish(outcome))
      .then(entry.resolve, entry.reject)
      .finally(() => {
        busy.delete(entry.key);
        pump();
      });

  const flush = async (batch: AnyEntry[]) => {
    let outcomes: Array<BatchOutcome<R>>;
    try {
      const values = await storeBatch(batch.map((e) => e.item));
      outcomes = values.map((value) => (value === null ? { status: 'refused' } : { status: 'stored', value }));
    } catch (error) {
      outcomes = batch.map(() => ({ status: 'failed', error }));
    }
    // The stored items are answered within microtasks: their keys are freed before the slot is, so
    // the next batch takes their chats' next messages too rather than leaving them a batch of their own.
    const answered = batch.map((entry, i) => {
      const outcome = outcomes[i] ?? { status: 'refused' };
      const settled = settle(entry, outcome);
      return outcome.status === 'stored' ? settled : undefined;
    });
    await Promise.all(answered);
    inFlight--;
    pump();
  };

  function pump(): void {
    while (inFlight < options.maxInFlight && waiting.length) {
      const batch: AnyEntry[] = [];
      const taken = new Set<string>();
      const rest: AnyEntry[] = [];
      for (const entry of waiting) {
        // A key already in this batch or still settling keeps its later items waiting, in order.
        if (batch.length < options.maxBatch && !busy.has(entry.key) && !taken.has(entry.key)) {
          batch.push(entry);
          taken.add(entry.key);
        } else rest.push(entry);
      }
      if (!batch.length) return;
      waiting = rest;
      for (const key of taken) busy.add(key);
      inFlight++;
      stats.batches++;
      stats.items += batch.length;
      stats.largest = Math.max(stats.largest, batch.length);
      void flush(batch);
    }
  }

  return {
    stats,
    submit<V>(key: string, item: T, finish: (outcome: BatchOutcome<R>) => Promise<V>) {
      return new Promise<V>((resolve, reject) => {
        waiting.push({ key, item, finish, resolve: resolve as (value: unknown) => void, reject } as AnyEntry);
        pump();
      });
    },
  };
}
