/**
 * Customer presence: whether a customer's page is still there, kept in the
 * database (`chats.customer_present_until`) so that it holds across nodes.
 * The node holding a customer's socket marks them present on connect and
 * renews it with its heartbeat; when their last socket on that node closes it
 * marks them away at once. A node that dies stops renewing, so its customers
 * lapse a presence TTL later. A customer gone longer than
 * CUSTOMER_GRACE_SECONDS (a reload or a network change takes less) is removed
 * by the sweeper: a waiting chat is abandoned, an active one ends.
 */
import { endChat } from './chatEnder.js';
import { customerGoneSql } from './chatTimers.js';
import type { Deps } from './deps.js';

/** Renews the presence of the customers whose sockets are on this node (heartbeat). */
export async function renewCustomerPresence(deps: Deps, chatIds: string[]): Promise<void> {
  if (!chatIds.length) return;
  // SKIP LOCKED: this statement touches many chats in no particular order, and the router locks the
  // oldest waiting chats in line order; waiting here would deadlock with it. A chat skipped now is
  // renewed by the next heartbeat (every TTL/3), long before its presence lapses.
  await deps.db.query(
    `UPDATE chats SET customer_present_until = now() + make_interval(secs => $2)
      WHERE id IN (SELECT id FROM chats WHERE id = ANY($1::uuid[]) AND status <> 'ended' FOR NO KEY UPDATE SKIP LOCKED)`,
    [chatIds, deps.config.presenceTtlSeconds],
  );
}

export async function markCustomerPresent(deps: Deps, chatId: string): Promise<void> {
  // One chat: waiting for its lock cannot deadlock, and the customer who just arrived must be marked.
  await deps.db.query("UPDATE chats SET customer_present_until = now() + make_interval(secs => $2) WHERE id = $1 AND status <> 'ended'", [
    chatId,
    deps.config.presenceTtlSeconds,
  ]);
}

/** The customer's last socket on this node closed: the grace period starts now (unless another node renews). */
export async function markCustomerAway(deps: Deps, chatId: string): Promise<void> {
  await deps.db.query("UPDATE chats SET customer_present_until = least(customer_present_until, now()) WHERE id = $1 AND status <> 'ended'", [chatId]);
}

/** At most this many per sweep: the next sweep takes the rest. */
const BATCH = 100;

/** Ends the chats whose customer has been gone past the grace period (called from sweepOnce). */
export async function sweepGoneCustomers(deps: Deps): Promise<void> {
  const due = await deps.db.query<{ id: string }>(
    `SELECT c.id FROM chats c WHERE ${customerGoneSql('$1')} ORDER BY c.customer_present_until LIMIT ${BATCH}`,
    [deps.config.customerGraceSeconds],
  );
  for (const { id } of due) {
    try {
      // Re-checked with the row locked: a customer who just came back keeps the chat; another node's sweep makes this a no-op.
      await endChat(deps, { kind: 'customer_gone', chatId: id });
    } catch (error) {
      deps.log.error({ err: error, chatId: id }, 'could not end the chat of a customer who left');
    }
  }
}
