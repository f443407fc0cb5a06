/**
 * offlineItemRouter: left messages and callback requests are work too. When
 * their queue is open, no chat waits and an agent has a free seat, the oldest
 * one is offered to the fairest agent, with the same locks and fairness as
 * chats: queue → item → agents by id (src/app/agentClaims.ts). Rescheduled callbacks wait for an agent to
 * pick them up at the agreed time; they are not offered again.
 */
import type { Queryable } from '../db/db.js';
import type { OfflineOfferView } from '../protocol/views.js';
import { claimAgent, lockEligibleAgents } from './agentClaims.js';
import type { Deps } from './deps.js';
import { type OfflineItemRow, SELECT_ITEMS, toOfflineItemView } from './offlineItems.js';

/** An offline item waiting for an agent (rescheduled callbacks wait for their agent instead). */
export const WAITING_ITEM = "status = 'open' AND offered_to IS NULL AND assigned_to IS NULL AND outcome IS DISTINCT FROM 'rescheduled'";

async function offerNextItem(deps: Deps, queueId: string): Promise<{ id: string; agentId: string } | null> {
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT id FROM queues WHERE id = $1 FOR NO KEY UPDATE', [queueId]);
    const [chatWaiting] = await tx.query("SELECT 1 FROM chats WHERE queue_id = $1 AND status = 'queued' LIMIT 1", [queueId]);
    if (chatWaiting) return null;
    const [item] = await tx.query<{ id: string; passed_by: string[] }>(
      `SELECT id, passed_by FROM offline_items WHERE queue_id = $1 AND ${WAITING_ITEM} ORDER BY created_at, id LIMIT 1 FOR UPDATE`,
      [queueId],
    );
    if (!item) return null;
    const agentId = claimAgent(await lockEligibleAgents(tx, queueId), item.passed_by);
    if (!agentId) return null;
    await tx.query('UPDATE offline_items SET offered_to = $2, offered_at = now(), offer_seen_at = NULL WHERE id = $1', [item.id, agentId]);
    return { id: item.id, agentId };
  });
}

export async function offlineOfferView(db: Queryable, itemId: string, defaultTimeoutSeconds: number): Promise<OfflineOfferView> {
  const [row] = await db.query<OfflineItemRow & { offer_timeout: number | null }>(
    `SELECT i.*, (q.config->>'offerTimeoutSeconds')::int AS offer_timeout FROM (${SELECT_ITEMS} WHERE o.id = $1) i JOIN queues q ON q.id = i.queue_id`,
    [itemId],
  );
  const offeredAt = new Date(row?.offered_at ?? Date.now());
  const offerTimeoutSeconds = row?.offer_timeout ?? defaultTimeoutSeconds;
  return {
    item: toOfflineItemView(row as OfflineItemRow),
    offeredAt: offeredAt.toISOString(),
    expiresAt: new Date(offeredAt.getTime() + offerTimeoutSeconds * 1000).toISOString(),
  };
}

/** Offers waiting offline items of an open queue while seats are free; returns how many. */
export async function offerOfflineItems(deps: Deps, queueId: string): Promise<number> {
  let offers = 0;
  for (;;) {
    const offer = await offerNextItem(deps, queueId);
    if (!offer) return offers;
    offers++;
    deps.log.info({ itemId: offer.id, agentId: offer.agentId }, 'offline item offered');
    deps.publish.toAgent(offer.agentId, 'offline:offer', await offlineOfferView(deps.db, offer.id, deps.config.offerTimeoutSeconds));
  }
}

/** The offline items currently offered to an agent (console snapshot). */
export async function offlineOffersOf(db: Queryable, userId: string, offerTimeoutSeconds: number): Promise<OfflineOfferView[]> {
  const rows = await db.query<{ id: string }>("SELECT id FROM offline_items WHERE offered_to = $1 AND status = 'open' ORDER BY offered_at", [userId]);
  return Promise.all(rows.map((r) => offlineOfferView(db, r.id, offerTimeoutSeconds)));
}
