/**
 * Tells every customer waiting in a queue their new place and estimate.
 *
 * Coalesced per queue on each node: while a broadcast of a queue runs, the
 * calls that come in share ONE more broadcast, started when it ends (it reads
 * the line as it is by then, so it tells each of them what changed). A line of
 * 500 is a read and 500 pushes; when twenty agents went Available at once each
 * asked for one, and the twenty broadcasts held the node's event loop and
 * connections while the first offer waited behind them (the many-nodes
 * benchmark's drain: docs/ARCHITECTURE.md "Performance").
 */
import { waitingStates } from './chatViews.js';
import type { Deps } from './deps.js';
import { expectedError } from './errors.js';

interface QueueBroadcasts {
  running: Promise<void> | null;
  /** The broadcast that follows the running one, shared by every call made while it runs. */
  next: Promise<void> | null;
}

/** Per node (its Publisher: tests run several nodes in one process), per queue. */
const nodes = new WeakMap<object, Map<string, QueueBroadcasts>>();

/** Resolves once a broadcast that started after this call has been sent; never rejects. */
export function broadcastPlaces(deps: Pick<Deps, 'db' | 'publish' | 'log'>, queueId: string): Promise<void> {
  let queues = nodes.get(deps.publish);
  if (!queues) {
    queues = new Map();
    nodes.set(deps.publish, queues);
  }
  const line = queues;
  let state = line.get(queueId);
  if (!state) {
    state = { running: null, next: null };
    line.set(queueId, state);
  }
  const current = state;
  if (!current.running) {
    current.running = broadcastNow(deps, queueId).finally(() => {
      current.running = null;
      if (!current.next) line.delete(queueId);
    });
    return current.running;
  }
  current.next ??= current.running.then(() => {
    current.next = null;
    return broadcastPlaces(deps, queueId);
  });
  return current.next;
}

async function broadcastNow(deps: Pick<Deps, 'db' | 'publish' | 'log'>, queueId: string): Promise<void> {
  try {
    for (const state of await waitingStates(deps.db, queueId)) deps.publish.toCustomer(state.chatId, 'chat:state', state);
  } catch (error) {
    // Telling is best effort (the next change or the line refresh tells again); an overloaded or
    // unreachable database is expected, not a fault.
    if (expectedError(error)) deps.log.warn({ queueId, reason: (error as Error).message }, 'could not broadcast places in line');
    else deps.log.error({ err: error, queueId }, 'could not broadcast places in line');
  }
}
