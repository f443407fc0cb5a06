/**
 * Runs the router for queues whose state changed, one pass per queue at a
 * time on this node, coalescing bursts of kicks into one more pass.
 */
import { routeQueue } from './chatRouter.js';
import type { Deps } from './deps.js';

export function createRouterKicker(getDeps: () => Deps): { kick(queueIds: string[]): void; idle(): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  const run = (queueId: string): void => {
    if (running.has(queueId)) {
      again.add(queueId);
      return;
    }
    const deps = getDeps();
    const pass = routeQueue(deps, queueId)
      .then(() => undefined)
      .catch((error) => deps.log.error({ err: error, queueId }, 'routing pass failed'))
      .finally(() => {
        running.delete(queueId);
        if (again.delete(queueId)) run(queueId);
      });
    running.set(queueId, pass);
  };

  return {
    kick: (queueIds) => queueIds.forEach(run),
    async idle() {
      while (running.size) await Promise.all(running.values());
    },
  };
}
