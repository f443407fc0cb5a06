/**
 * perKeyLine: work for one key (a queue) runs at most `atOnce` at a time in
 * this process, the rest waiting in memory in arrival order; at most
 * `maxWaiting` in all (running or waiting) — beyond that the caller is told
 * to come back: `unavailable`.
 *
 * Why: chat starts of one queue take that queue's waiting count's row lock in
 * turn anyway (src/app/chatStarter.ts). Sent to the database all at once,
 * each would hold a pooled connection while it waits for the lock, and a wave
 * of customers would take every connection from messages, accepts and
 * routing. Waiting here costs no connection. A start is one statement that
 * holds the lock only while it runs, so a few at a time keep the next one
 * ready at the database when the lock is released (`atOnce`, measured in
 * docs/ARCHITECTURE.md "Performance") without filling the pool.
 */
import { AppError } from './errors.js';

interface Line {
  running: number;
  /** Callers waiting for a turn, first first; each is handed the slot of the work that ends. */
  waiting: Array<() => void>;
}

export function perKeyLine(maxWaiting: number, atOnce = 1): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const lines = new Map<string, Line>();
  return async (key, work) => {
    let line = lines.get(key);
    if (!line) {
      line = { running: 0, waiting: [] };
      lines.set(key, line);
    }
    if (line.running + line.waiting.length >= maxWaiting) throw new AppError('unavailable', 'We are very busy right now. Please try again in a moment.');
    const current = line;
    if (current.running < atOnce) current.running++;
    else await new Promise<void>((resolve) => current.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = current.waiting.shift();
      // The slot goes straight to the next caller (running stays the same), so none can overtake it.
      if (next) next();
      else if (--current.running === 0 && lines.get(key) === current) lines.delete(key);
    }
  };
}
