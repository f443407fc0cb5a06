/** The Redis clients of the Socket.IO adapter, made safe for a Redis that goes away. */
import type { Redis } from 'ioredis';

/**
 * The adapter never awaits its PUBLISH commands: one in flight when the
 * connection drops rejects with nobody listening, and an unhandled rejection
 * ends the process. Each publish gets a handler; the event it carried was
 * already stored, and pages catch up with chat:sync.
 */
export function catchPublishes(client: Redis): Redis {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  (client as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args) => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
  return client;
}
