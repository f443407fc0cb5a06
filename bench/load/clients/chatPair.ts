/**
 * What the load worker needs from a system under test, whatever its protocol:
 * chats whose customer and agent can each send a message (resolved true once
 * the server acknowledged it) and signal typing. Deliveries are reported to
 * the worker by the receiving side only, never from the sender's own echo.
 */
export type Direction = 'customerToAgent' | 'agentToCustomer';

export interface ChatPair {
  chatId: string;
  send(direction: Direction, clientMsgId: string, body: string): Promise<boolean>;
  typing(from: 'customer' | 'agent', typing: boolean): void;
}

/**
 * The server answered a send with an error id. `unavailable` and
 * `rate_limited` are load shedding (nothing stored; a browser resends later),
 * counted apart from errors.
 */
export class SendRefused extends Error {
  constructor(readonly id: string) {
    super(`message:send refused: ${id}`);
  }

  get shed(): boolean {
    return this.id === 'unavailable' || this.id === 'rate_limited';
  }
}

/** Called by the receiving side: the customer for agent messages, the agent for customer messages. */
export type OnDelivered = (direction: Direction, clientMsgId: string) => void;

export interface SystemClient {
  /** Opens `count` chats, each ready for messages both ways. */
  open(count: number, onDelivered: OnDelivered): Promise<ChatPair[]>;
  /** Ends the chats the way people do, then disconnects. */
  close(): Promise<void>;
}

/** Runs `task` over `items` with at most `limit` in flight, like a page of browsers starting at once. */
export async function inBatches<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
