/** The customer's side of a chat is opened by its chat token (stored hashed), which grants that one chat. */
import type { Queryable } from '../db/db.js';
import { hashToken } from './secrets.js';

export interface CustomerAccess {
  chatId: string;
  customerName: string;
}

/**
 * A customer's socket handshake in one round trip: the chat this token grants
 * (null for an unknown token: refused), and its customer marked present until
 * now + `presenceTtlSeconds` unless the chat has ended (src/app/customerPresence.ts).
 * Marking at the handshake rather than after it saves a second statement per
 * connect, which matters when thousands of pages reconnect at once.
 */
export async function admitCustomer(db: Queryable, token: string, presenceTtlSeconds: number): Promise<CustomerAccess | null> {
  const [chat] = await db.query<{ id: string; customer_name: string }>(
    `UPDATE chats SET customer_present_until = CASE WHEN status <> 'ended' THEN now() + make_interval(secs => $2) ELSE customer_present_until END
      WHERE token_hash = $1 RETURNING id, customer_name`,
    [hashToken(token), presenceTtlSeconds],
  );
  return chat ? { chatId: chat.id, customerName: chat.customer_name } : null;
}
