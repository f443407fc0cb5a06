/** The customer's side of a chat is opened by its chat token (stored hashed), which grants that one chat. */
import type { Queryable } from '../db/db.js';
import { hashToken } from './secrets.js';

export interface CustomerAccess {
  chatId: string;
  customerName: string;
}

/** The chat this token grants, or null for an unknown token. */
export async function chatOfToken(db: Queryable, token: string): Promise<CustomerAccess | null> {
  const [chat] = await db.query<{ id: string; customer_name: string }>('SELECT id, customer_name FROM chats WHERE token_hash = $1', [hashToken(token)]);
  return chat ? { chatId: chat.id, customerName: chat.customer_name } : null;
}
