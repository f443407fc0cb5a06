/** offlineOfferResponder: the agent takes or passes on an offline item offered to them. */
import type { Queryable } from '../db/db.js';
import type { OfflineItemView } from '../protocol/views.js';
import type { AgentIdentity } from './agentChats.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { announceReturns, releaseOfflineItems } from './lineReturns.js';
import { type OfflineItemRow, SELECT_ITEMS, toOfflineItemView } from './offlineItems.js';

async function lockOffered(tx: Queryable, agent: AgentIdentity, id: string): Promise<{ queue_id: string }> {
  const [item] = await tx.query<{ queue_id: string; offered_to: string | null; status: string }>(
    'SELECT queue_id, offered_to, status FROM offline_items WHERE id = $1 AND client_id = $2 FOR UPDATE',
    [id, agent.clientId],
  );
  if (!item) throw new AppError('not_found', 'This item does not exist.');
  if (item.status !== 'open' || item.offered_to !== agent.userId) throw new AppError('not_offered', 'This item is no longer offered to you.');
  return item;
}

export async function acceptOfflineOffer(deps: Deps, agent: AgentIdentity, id: string): Promise<OfflineItemView> {
  await deps.db.transaction(async (tx) => {
    await lockOffered(tx, agent, id);
    await tx.query('UPDATE offline_items SET offered_to = NULL, offered_at = NULL, assigned_to = $2 WHERE id = $1', [id, agent.userId]);
  });
  const [row] = await deps.db.query<OfflineItemRow>(`${SELECT_ITEMS} WHERE o.id = $1`, [id]);
  const view = toOfflineItemView(row as OfflineItemRow);
  deps.publish.toClientAgents(agent.clientId, 'offline:updated', view);
  return view;
}

export async function declineOfflineOffer(deps: Deps, agent: AgentIdentity, id: string): Promise<void> {
  const released = await deps.db.transaction(async (tx) => {
    await lockOffered(tx, agent, id);
    return releaseOfflineItems(tx, [id], true);
  });
  await announceReturns(deps, [], released);
}
