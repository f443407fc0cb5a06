/**
 * Wraps a socket event handler: validates the payload with its schema, runs
 * the command, and always answers the acknowledgement with a Result. A
 * malformed event gets a clear error and never throws out of the handler.
 */
import type { z } from 'zod';
import { errorBody, expectedError } from '../../app/errors.js';
import type { Logger } from '../../app/deps.js';
import type { Result } from '../../protocol/errors.js';
import { parseInput } from '../validate.js';

/** Socket events being handled in this process: a node shutting down lets them finish before it closes the database. */
const inFlight = new Set<Promise<unknown>>();

/** Resolves when no socket event handler, nor work `settledBeforeClose`, is running in this process. */
export async function handlersSettled(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

/**
 * Work a socket starts outside an event handler (a customer's "away" write when the socket closes)
 * that a node shutting down also lets finish before it closes the database: its own disconnecting
 * of every socket starts such work.
 */
export function settledBeforeClose(work: Promise<unknown>): void {
  inFlight.add(work);
  const done = () => void inFlight.delete(work);
  work.then(done, done);
}

export function handler<S extends z.ZodType, R extends object>(
  log: Logger,
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (r: Result<R>) => void) : undefined;
    // An event sent with only an acknowledgement carries no payload.
    const payload = ack && args.length === 1 ? undefined : args[0];
    const work = Promise.resolve()
      .then(() => run(parseInput(schema, payload ?? {})))
      .then((result) => ack?.({ ok: true, ...result }))
      .catch((error: unknown) => {
        // An overloaded node refuses many events a second: those are expected, not logged.
        if (!expectedError(error)) log.error({ err: error }, 'socket event failed');
        ack?.({ ok: false, error: errorBody(error) });
      });
    inFlight.add(work);
    const done = () => void inFlight.delete(work);
    work.then(done, done);
  };
}
