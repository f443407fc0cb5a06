/**
 * Runs the tasks of one key one after another, in the order they were
 * queued; different keys do not wait for each other. Browsers send a chat's
 * messages without waiting for each ack, and Socket.IO calls the handlers in
 * arrival order, but an async handler's statements may otherwise overtake
 * each other (a pool of database connections, a limiter's round trip): the
 * next message would then find its predecessor not stored yet and be refused
 * (`after`, src/app/messageSender.ts). A failed task does not stop the ones
 * behind it.
 */
export function inOrder(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const result = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    // The last task of a key forgets it, so the map holds only keys with work queued.
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return result;
  };
}
