/**
 * perKeyLine: work for one key (a queue) runs one at a time in this process,
 * the rest waiting in memory, at most `maxWaiting` of them (beyond that the
 * caller is told to come back: `unavailable`).
 *
 * Why: chat starts of one queue take that queue's row lock in turn anyway
 * (src/app/chatStarter.ts). Sent to the database all at once, each would hold
 * a pooled connection while it waits for the lock, and a wave of customers
 * would take every connection from messages, accepts and routing. Waiting
 * here costs no connection; the database still sees one start per queue per
 * node, and nodes still take the lock in turn.
 */
import { AppError } from './errors.js';

interface Line {
  tail: Promise<void>;
  waiting: number;
}

export function perKeyLine(maxWaiting: number): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const lines = new Map<string, Line>();
  return async (key, work) => {
    let line = lines.get(key);
    if (!line) {
      line = { tail: Promise.resolve(), waiting: 0 };
      lines.set(key, line);
    }
    if (line.waiting >= maxWaiting) throw new AppError('unavailable', 'We are very busy right now. Please try again in a moment.');
    line.waiting++;
    const before = line.tail;
    let done!: () => void;
    line.tail = new Promise<void>((resolve) => (done = resolve));
    const current = line;
    try {
      await before;
      return await work();
    } finally {
      done();
      if (--current.waiting === 0 && lines.get(key) === current) lines.delete(key);
    }
  };
}
