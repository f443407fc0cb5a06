/**
 * Offer receipts: the agent's console confirms each offer it shows. The
 * sweeper blames an agent ("not responding", set Away) only for an offer
 * their console showed; one that times out unseen never reached them (e.g.
 * the bus between nodes was down longer than the offer timeout) and simply
 * goes back in line. Only the offer's own agent can confirm it; anything
 * else changes no row.
 */
import type { AgentIdentity } from './agentChats.js';
import type { Deps } from './deps.js';

export async function noteOfferSeen(deps: Deps, agent: AgentIdentity, offer: { chatId?: string; itemId?: string }): Promise<void> {
  if (offer.chatId) {
    await deps.db.query(
      "UPDATE chats SET offer_seen_at = now() WHERE id = $1 AND agent_id = $2 AND client_id = $3 AND status = 'offered' AND offer_seen_at IS NULL",
      [offer.chatId, agent.userId, agent.clientId],
    );
  }
  if (offer.itemId) {
    await deps.db.query(
      "UPDATE offline_items SET offer_seen_at = now() WHERE id = $1 AND offered_to = $2 AND client_id = $3 AND status = 'open' AND offer_seen_at IS NULL",
      [offer.itemId, agent.userId, agent.clientId],
    );
  }
}
