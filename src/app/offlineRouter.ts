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

type OfferedItemRow = OfflineItemRow & { offer_timeout: number | null };

/** An offline item's columns as its views need them, with its queue's offer timeout. */
const SELECT_OFFERED = `SELECT i.*, (q.config->>'offerTimeoutSeconds')::int AS offer_timeout FROM (${SELECT_ITEMS}) i JOIN queues q ON q.id = i.queue_id`;

function toOfflineOfferView(row: OfferedItemRow, defaultTimeoutSeconds: number): OfflineOfferView {
  const offeredAt = new Date(row.offered_at ?? Date.now());
  const offerTimeoutSeconds = row.offer_timeout ?? defaultTimeoutSeconds;
  return {
    item: toOfflineItemView(row),
    offeredAt: offeredAt.toISOString(),
    expiresAt: new Date(offeredAt.getTime() + offerTimeoutSeconds * 1000).toISOString(),
  };
}

async function offerNextItem(deps: Deps, queueId: string): Promise<{ agentId: string; offer: OfflineOfferView } | null> {
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
    // The offer and the view announcing it in one statement (the CTE's row is the updated one).
    const [row] = await tx.query<OfferedItemRow>(
      `WITH offered AS (UPDATE offline_items SET offered_to = $2, offered_at = now(), offer_seen_at = NULL WHERE id = $1 RETURNING *)
       SELECT o.*, q.name AS queue_name, u.display_name AS handled_by_name, a.display_name AS assigned_to_name,
              (q.config->>'offerTimeoutSeconds')::int AS offer_timeout
         FROM offered o JOIN queues q ON q.id = o.queue_id
         LEFT JOIN users u ON u.id = o.handled_by LEFT JOIN users a ON a.id = o.assigned_to`,
      [item.id, agentId],
    );
    if (!row) throw new Error(`offline item ${item.id} vanished under its lock`);
    return { agentId, offer: toOfflineOfferView(row, deps.config.offerTimeoutSeconds) };
  });
}

/** Offers waiting offline items of an open queue while seats are free; returns how many. */
export async function offerOfflineItems(deps: Deps, queueId: string): Promise<number> {
  let offers = 0;
  for (;;) {
    const offered = await offerNextItem(deps, queueId);
    if (!offered) return offers;
    offers++;
    deps.log.info({ itemId: offered.offer.item.id, agentId: offered.agentId }, 'offline item offered');
    deps.publish.toAgent(offered.agentId, 'offline:offer', offered.offer);
  }
}

/** The offline items currently offered to an agent (console snapshot), in one query. */
export async function offlineOffersOf(db: Queryable, userId: string, offerTimeoutSeconds: number): Promise<OfflineOfferView[]> {
  const rows = await db.query<OfferedItemRow>(`${SELECT_OFFERED} WHERE i.offered_to = $1 AND i.status = 'open' ORDER BY i.offered_at`, [userId]);
  return rows.map((row) => toOfflineOfferView(row, offerTimeoutSeconds));
}
