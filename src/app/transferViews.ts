/**
 * What agents see of transfers (src/protocol/transfers.ts): the sender's view of a transfer, the
 * receiver's offer, the note a transferred chat carries, and the targets the Transfer dialog lists.
 * Reads only; the changes are in transfers.ts (request) and transferAnswers.ts (answers, expiry).
 */
import type { Queryable } from '../db/db.js';
import type { TransferRefusal, TransferState, TransferTargetsView, TransferView } from '../protocol/transfers.js';
import type { OfferView, TransferNoteView } from '../protocol/views.js';
import { type AgentIdentity, loadOwnChat } from './agentChats.js';
import type { Deps } from './deps.js';
import { agentPictureUrl, type ChatRow, collectedData } from './chatViews.js';
import { findQueueById, isQueueOpen } from './queues.js';
import { seatsUsedSql } from './seats.js';

export interface TransferRow extends Record<string, unknown> {
  id: string;
  client_id: string;
  chat_id: string;
  from_agent_id: string;
  from_name: string;
  to_agent_id: string | null;
  to_queue_id: string | null;
  to_name: string;
  note: string;
  state: TransferState;
  reason: TransferRefusal | null;
  created_at: Date;
  expires_at: Date | null;
}

export function transferView(row: TransferRow): TransferView {
  return {
    id: row.id,
    chatId: row.chat_id,
    to: row.to_agent_id ? { kind: 'agent', id: row.to_agent_id, name: row.to_name } : { kind: 'queue', id: row.to_queue_id ?? '', name: row.to_name },
    note: row.note,
    state: row.state,
    reason: row.reason,
    expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
  };
}

/** A refusal on the spot: nothing is stored, the sender reads why. */
export function refusedOnTheSpot(chatId: string, to: TransferView['to'], note: string, reason: TransferRefusal): TransferView {
  return { id: null, chatId, to, note, state: 'refused', reason, expiresAt: null };
}

/** The note a chat carries after a transfer (chats.last_transfer), for its offers and the agent's chat pane. */
export function transferNoteOf(chat: Record<string, unknown>): TransferNoteView | undefined {
  const note = chat['last_transfer'] as TransferNoteView | null | undefined;
  return note ? { fromName: note.fromName, note: note.note } : undefined;
}

type OfferRow = ChatRow & { queue_name: string; transfer_id: string; created_at: Date; expires_at: Date; from_name: string; note: string };

function transferOffer(row: OfferRow): OfferView {
  return {
    chatId: row.id,
    queueName: row.queue_name,
    customerName: row.customer_name,
    customerData: collectedData(row),
    offeredAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    transfer: { fromName: row.from_name, note: row.note },
    transferId: row.transfer_id,
  };
}

const OFFER_SELECT = `SELECT c.*, q.name AS queue_name, t.id AS transfer_id, t.created_at, t.expires_at, t.from_name, t.note
  FROM chat_transfers t JOIN chats c ON c.id = t.chat_id JOIN queues q ON q.id = c.queue_id`;

/** The transfer offer, as the receiver's console shows it. */
export async function transferOfferById(db: Queryable, transferId: string): Promise<OfferView> {
  const [row] = await db.query<OfferRow>(`${OFFER_SELECT} WHERE t.id = $1`, [transferId]);
  if (!row) throw new Error(`no transfer ${transferId}`);
  return transferOffer(row);
}

/** Transfers offered to this agent, waiting for their answer (for the console's snapshot). */
export async function transferOffersOf(db: Queryable, agent: AgentIdentity): Promise<OfferView[]> {
  const rows = await db.query<OfferRow>(`${OFFER_SELECT} WHERE t.to_agent_id = $1 AND t.client_id = $2 AND t.state = 'offered' ORDER BY t.created_at`, [
    agent.userId,
    agent.clientId,
  ]);
  return rows.map(transferOffer);
}

/** Transfers this agent asked for that still wait for an answer (for the console's snapshot). */
export async function openTransfersOf(db: Queryable, agent: AgentIdentity): Promise<TransferView[]> {
  const rows = await db.query<TransferRow>("SELECT * FROM chat_transfers WHERE from_agent_id = $1 AND client_id = $2 AND state = 'offered'", [
    agent.userId,
    agent.clientId,
  ]);
  return rows.map(transferView);
}

/** Agents present and Available ($1 the queue), other than the sender ($2). */
export const AVAILABLE_IN_QUEUE_SQL = `SELECT count(*)::int FROM users u JOIN queue_agents qa ON qa.user_id = u.id
  WHERE qa.queue_id = $1 AND u.id <> $2 AND u.active AND u.status = 'available' AND u.presence_expires_at > now()`;

/**
 * Who and where the chat can go: the client's other agents (those who answer some queue), Available
 * ones first, with their seats; the client's other queues, with whether they are open and how many
 * agents are Available there.
 */
export async function chatTransferTargets(deps: Pick<Deps, 'db' | 'now'>, agent: AgentIdentity, chatId: string): Promise<TransferTargetsView> {
  const chat = await loadOwnChat(deps.db, agent, chatId);
  return transferTargets(deps.db, agent, chat, deps.now());
}

async function transferTargets(db: Queryable, agent: AgentIdentity, chat: { queue_id: string }, now: Date): Promise<TransferTargetsView> {
  const agents = await db.query<{ id: string; display_name: string; picture_updated_at: Date | null; capacity: number; status: string; used: number }>(
    `SELECT u.id, u.display_name, u.picture_updated_at, u.capacity,
            CASE WHEN u.status = 'offline' OR u.presence_expires_at IS NULL OR u.presence_expires_at <= now() THEN 'offline' ELSE u.status END AS status,
            ${seatsUsedSql('u')} AS used
       FROM users u
      WHERE u.client_id = $1 AND u.active AND u.id <> $2 AND EXISTS (SELECT 1 FROM queue_agents qa WHERE qa.user_id = u.id)
      ORDER BY u.display_name, u.id`,
    [agent.clientId, agent.userId],
  );
  const order = { available: 0, away: 1, offline: 2 } as const;
  const queues = await db.query<{ id: string }>('SELECT id FROM queues WHERE client_id = $1 AND deleted_at IS NULL AND id <> $2 ORDER BY name, id', [
    agent.clientId,
    chat.queue_id,
  ]);
  const queueOptions = [];
  for (const { id } of queues) {
    const queue = await findQueueById(db, id, agent.clientId);
    const [staffed] = await db.query<{ count: number }>(AVAILABLE_IN_QUEUE_SQL, [id, agent.userId]);
    queueOptions.push({ id, name: queue.name, open: isQueueOpen(queue, now), availableAgents: staffed?.count ?? 0 });
  }
  return {
    agents: agents
      .map((a) => ({
        id: a.id,
        name: a.display_name,
        pictureUrl: agentPictureUrl(a.id, a.picture_updated_at, 'picture'),
        status: a.status as keyof typeof order,
        activeChats: a.used,
        capacity: a.capacity,
      }))
      .sort((a, b) => order[a.status] - order[b.status]),
    queues: queueOptions,
  };
}
