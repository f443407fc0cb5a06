/**
 * The Redis connections behind `@socket.io/redis-adapter`: the bus that
 * carries events between nodes. Redis is a helper, not a single point of
 * failure: while it is away a node keeps serving its own sockets (the
 * adapter delivers locally before it publishes) and drops what it could not
 * publish; when Redis returns, the node's sockets are told to `resync`
 * (they fetch what they missed from the database, where every event was
 * stored before it was published).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../app/deps.js';

export interface RedisBus {
  /** Publishes (adapter) and, for the rate limiter, runs commands. Fails fast while Redis is away. */
  pub: Redis;
  /** Subscribed to the adapter's channels; resubscribes by itself when Redis returns. */
  sub: Redis;
  /** Both connections are up (readiness). */
  connected(): boolean;
  /**
   * Called each time the bus is fully back (both connections up, subscriptions active)
   * after being down; `droppedPublishes` counts what this node failed to publish meanwhile.
   */
  onRestored(listener: (droppedPublishes: number) => void): void;
  /** Called each time the bus goes down (once per outage): what other nodes publish may be lost from now on. */
  onLost(listener: () => void): void;
  close(): void;
}

/** Reconnect attempts come at most a second apart, so delivery resumes within about a second of Redis's return. */
const RETRY_CAP_MS = 1000;
/** A command that Redis does not answer in this time fails (a half-open connection must not hold a request). */
const COMMAND_TIMEOUT_MS = 1000;

/** `onError`: each error a connection reports (counted for /metrics). */
export function createRedisBus(url: string, log: Logger, onError: (which: string) => void = () => undefined): RedisBus {
  const common: RedisOptions = {
    retryStrategy: (attempt) => Math.min(100 * attempt, RETRY_CAP_MS),
    connectTimeout: 2000,
  };
  // Publishing: no offline queue and no retries, so a publish during an outage fails at once
  // instead of waiting (and the adapter's fire-and-forget publish must not pile up in memory).
  const pub = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: COMMAND_TIMEOUT_MS });
  // Subscribing: the adapter's SUBSCRIBE at start waits for the connection (Redis may come up after
  // the node); later ioredis resubscribes by itself on every reconnect.
  const sub = new Redis(url, { ...common, maxRetriesPerRequest: null });

  let dropped = 0;
  observeEveryCommand(pub, (name) => name === 'publish' && dropped++);
  observeEveryCommand(sub, () => undefined);

  let down = true;
  let everUp = false;
  const listeners: Array<(droppedPublishes: number) => void> = [];
  const lostListeners: Array<() => void> = [];
  const connected = () => pub.status === 'ready' && sub.status === 'ready';

  const wentDown = (which: string) => (error?: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: error }, `Redis ${which} connection lost: events between nodes stop until it returns; each node still serves its own sockets`);
    for (const listener of lostListeners) listener();
  };
  const cameUp = () => {
    if (!down || !connected()) return;
    // A PING answered after the resubscription sent on connect means the subscriptions are active:
    // what is published from now on reaches this node, so a resync now misses nothing.
    sub
      .ping()
      .then(() => {
        if (!down || !connected()) return;
        down = false;
        const missed = dropped;
        dropped = 0;
        if (everUp) log.warn({ droppedPublishes: missed }, 'Redis connection restored: sockets on this node are told to resync');
        everUp = true;
        for (const listener of listeners) listener(missed);
      })
      .catch(() => undefined); // the connection fell again: the next 'ready' tries again
  };
  for (const [client, which] of [
    [pub, 'publish'],
    [sub, 'subscribe'],
  ] as const) {
    // Without an 'error' listener ioredis reports every failed reconnect as an uncaught error.
    client.on('error', (error: Error) => {
      onError(which);
      wentDown(which)(error);
    });
    client.on('close', wentDown(which));
    client.on('ready', cameUp);
  }

  return {
    pub,
    sub,
    connected,
    onRestored: (listener) => void listeners.push(listener),
    onLost: (listener) => void lostListeners.push(listener),
    close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/**
 * The adapter publishes and subscribes without looking at the result
 * (`pubClient.publish(channel, msg)`); during an outage each of those
 * promises rejects, and an unobserved rejection ends the process. Every
 * command's promise gets a handler here; callers that await a command
 * still receive its rejection.
 */
function observeEveryCommand(client: Redis, onFailure: (commandName: string) => void): void {
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((command, stream) => {
    const result = send(command, stream);
    if (result instanceof Promise) result.catch(() => onFailure(command.name));
    return result;
  }) as Redis['sendCommand'];
}
