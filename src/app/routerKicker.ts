/**
 * Runs the router for queues whose state changed, one pass per queue at a
 * time on this node, coalescing bursts of kicks into one more pass.
 *
 * A pass that fails on a serialization failure or a deadlock (both mean "the
 * database rolled us back, try again") is retried once. Any other failure,
 * or a second one, is logged AND kept: `errors()` lists them, so tests fail
 * on a routing error instead of it vanishing into the log.
 */
import { DatabaseBusy } from '../db/admission.js';
import { routeQueue } from './chatRouter.js';
import type { Deps } from './deps.js';

/** serialization_failure, deadlock_detected */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableDbError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE.has(code)) return true;
  }
  return false;
}

export interface RoutingError {
  queueId: string;
  message: string;
  at: Date;
}

/** Kept for tests and diagnostics; a node that fails all day keeps only the latest. */
const KEPT_ERRORS = 100;

export interface RouterKicker {
  kick(queueIds: string[]): void;
  /** Resolves when no routing pass is running on this node. */
  idle(): Promise<void>;
  /** The routing passes that failed (after their retry), oldest first. */
  errors(): RoutingError[];
}

export function createRouterKicker(getDeps: () => Deps): RouterKicker {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const failures: RoutingError[] = [];

  const attempt = async (deps: Deps, queueId: string): Promise<void> => {
    try {
      await routeQueue(deps, queueId);
    } catch (error) {
      if (!isRetryableDbError(error)) throw error;
      deps.log.warn({ err: error, queueId }, 'routing pass rolled back by the database; retrying');
      await routeQueue(deps, queueId);
    }
  };
  const pass = async (deps: Deps, queueId: string): Promise<void> => {
    const began = performance.now();
    const seconds = () => (performance.now() - began) / 1000;
    try {
      await attempt(deps, queueId);
      deps.metrics.routingPass(seconds(), 'ok');
    } catch (error) {
      deps.metrics.routingPass(seconds(), 'failed');
      throw error;
    }
  };

  const run = (queueId: string): void => {
    if (running.has(queueId)) {
      again.add(queueId);
      return;
    }
    const deps = getDeps();
    const done = pass(deps, queueId)
      .catch((error: unknown) => {
        // Refused for overload between its transactions (each committed batch was announced): expected, and the leader's safety net kicks the queue again.
        if (error instanceof DatabaseBusy) return void deps.log.warn({ queueId }, 'routing pass refused: the database is overloaded');
        deps.log.error({ err: error, queueId }, 'routing pass failed');
        failures.push({ queueId, message: error instanceof Error ? error.message : String(error), at: new Date() });
        if (failures.length > KEPT_ERRORS) failures.shift();
      })
      .finally(() => {
        running.delete(queueId);
        if (again.delete(queueId)) run(queueId);
      });
    running.set(queueId, done);
  };

  return {
    kick: (queueIds) => queueIds.forEach(run),
    async idle() {
      while (running.size) await Promise.all(running.values());
    },
    errors: () => [...failures],
  };
}
