/**
 * An agent transfers a chat in progress (src/protocol/transfers.ts).
 *
 * To another agent: offered like any chat, with the chat's queue's offer timeout, and the sender KEEPS
 * the chat until the receiver accepts (src/app/transferAnswers.ts), so the customer is never left with
 * nobody. The receiver's seat is held meanwhile (src/app/seats.ts counts offered transfers): the row is
 * written with the receiver's user row locked and their seats counted after the lock, as the routers do
 * (src/app/agentClaims.ts), so a router on another node cannot fill that seat at the same moment.
 *
 * To another queue: done at once. The chat joins that queue's line at the FRONT (ahead of everyone
 * waiting there), keeping the customer's original wait (queued_at only moves earlier, when someone
 * there waited longer), through the line-return machinery (src/app/lineReturns.ts, transition
 * transfer_to_queue: the sender passed on it, so others are tried first). Refused when the queue is
 * closed or nobody else is Available there (the customer would wait for nobody).
 *
 * Lock order as everywhere: queue → chat → agents. One open transfer per chat (a unique index).
 */
import { enqueueTransferWebhook } from '../webhooks/webhookEvents.js';
import type { Queryable } from '../db/db.js';
import type { TransferRequestSchema, TransferView } from '../protocol/transfers.js';
import type { OfferView } from '../protocol/views.js';
import type { z } from 'zod';
import { type AgentIdentity, loadChatForAgent } from './agentChats.js';
import { pushAgentState } from './agentStatus.js';
import { appendSystemLine, publishEvent } from './chatLog.js';
import { queuesOfAgent } from './chatRouter.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { announceReturns, returnChatsToLine } from './lineReturns.js';
import { findQueueById, isQueueOpen } from './queues.js';
import { newId } from './secrets.js';
import { seatsUsedSql } from './seats.js';
import { AVAILABLE_IN_QUEUE_SQL, refusedOnTheSpot, type TransferRow, transferOfferById, transferView } from './transferViews.js';

type Request = z.output<typeof TransferRequestSchema>;

/** The sender's chat, locked: theirs and in progress, with no other transfer waiting. */
async function lockSendersChat(tx: Queryable, agent: AgentIdentity, chatId: string) {
  const chat = await loadChatForAgent(tx, agent, chatId, true);
  if (chat.agent_id !== agent.userId) throw new AppError('forbidden', 'This chat is not yours.');
  if (chat.status === 'active') {
    const [open] = await tx.query("SELECT 1 FROM chat_transfers WHERE chat_id = $1 AND state = 'offered'", [chat.id]);
    if (open) throw new AppError('conflict', 'A transfer of this chat is already waiting for an answer.');
  }
  return chat;
}

/** Asks for a transfer; answers what became of it (offered, accepted, or refused with the reason). */
export async function requestTransfer(deps: Deps, agent: AgentIdentity, request: Request): Promise<TransferView> {
  return request.to.kind === 'agent' ? toAgent(deps, agent, request, request.to.agentId) : toQueue(deps, agent, request, request.to.queueId);
}

async function toAgent(deps: Deps, agent: AgentIdentity, request: Request, targetId: string): Promise<TransferView> {
  const outcome = await deps.db.transaction(async (tx): Promise<{ view: TransferView; offer?: OfferView }> => {
    const chat = await lockSendersChat(tx, agent, request.chatId);
    // Locked after the chat (chat → agents), and counted in a statement after the lock (agentClaims.ts).
    const [target] = await tx.query<{ id: string; display_name: string; capacity: number; status: string; present: boolean }>(
      `SELECT id, display_name, capacity, status, coalesce(presence_expires_at > now(), false) AS present
         FROM users WHERE id = $1 AND client_id = $2 AND active FOR UPDATE`,
      [targetId, agent.clientId],
    );
    const to = { kind: 'agent' as const, id: targetId, name: target?.display_name ?? '' };
    const refuse = (reason: Parameters<typeof refusedOnTheSpot>[3]) => ({ view: refusedOnTheSpot(chat.id, to, request.note, reason) });
    if (!target) return refuse('unknown_agent');
    if (target.id === agent.userId) return refuse('yourself');
    if (chat.status !== 'active') return refuse('chat_ended');
    if (target.status !== 'available' || !target.present) return refuse('offline');
    const [seats] = await tx.query<{ used: number }>(`SELECT ${seatsUsedSql('u')} AS used FROM users u WHERE u.id = $1`, [target.id]);
    if ((seats?.used ?? target.capacity) >= target.capacity) return refuse('at_capacity');
    const timeout = chat.offer_timeout ?? deps.config.offerTimeoutSeconds;
    const [row] = await tx.query<TransferRow>(
      `INSERT INTO chat_transfers (id, client_id, chat_id, from_agent_id, from_name, to_agent_id, to_name, note, state, expires_at, from_queue_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'offered', now() + make_interval(secs => $9), $10) RETURNING *`,
      [newId(), agent.clientId, chat.id, agent.userId, agent.displayName, target.id, target.display_name, request.note, timeout, chat.queue_id],
    );
    return { view: transferView(row as TransferRow), offer: await transferOfferById(tx, (row as TransferRow).id) };
  });
  if (outcome.offer) {
    deps.publish.toAgent(targetId, 'offer', outcome.offer);
    await pushAgentState(deps, targetId);
    deps.log.info({ chatId: request.chatId, from: agent.userId, to: targetId }, 'transfer offered');
  }
  return outcome.view;
}

async function toQueue(deps: Deps, agent: AgentIdentity, request: Request, queueId: string): Promise<TransferView> {
  const outcome = await deps.db.transaction(async (tx) => {
    // The queue first (lock order queue → chat), as its routers lock it: the line cannot change under us.
    const queue = await findQueueById(tx, queueId, agent.clientId).catch(() => null);
    if (queue) await tx.query('SELECT id FROM queues WHERE id = $1 FOR NO KEY UPDATE', [queue.id]);
    const chat = await lockSendersChat(tx, agent, request.chatId);
    const to = { kind: 'queue' as const, id: queueId, name: queue?.name ?? '' };
    const refuse = (reason: Parameters<typeof refusedOnTheSpot>[3]) => ({ view: refusedOnTheSpot(chat.id, to, request.note, reason), returned: null });
    if (!queue) return refuse('unknown_queue');
    if (chat.status !== 'active') return refuse('chat_ended');
    if (queue.id === chat.queue_id) return refuse('same_queue');
    if (!isQueueOpen(queue, deps.now())) return refuse('queue_closed');
    const [staffed] = await tx.query<{ count: number }>(AVAILABLE_IN_QUEUE_SQL, [queue.id, agent.userId]);
    if (!staffed?.count) return refuse('no_agents');

    const [row] = await tx.query<TransferRow>(
      `INSERT INTO chat_transfers (id, client_id, chat_id, from_agent_id, from_name, to_queue_id, to_name, note, state, answered_at, from_queue_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'accepted', now(), $9) RETURNING *`,
      [newId(), agent.clientId, chat.id, agent.userId, agent.displayName, queue.id, queue.name, request.note, chat.queue_id],
    );
    // At the front of the new line: before the oldest waiting there, unless the customer waited longer still.
    await tx.query(
      `UPDATE chats c SET queue_id = $2, last_transfer = $3::jsonb,
              queued_at = LEAST(c.queued_at, coalesce((SELECT min(w.queued_at) FROM chats w WHERE w.queue_id = $2 AND w.status = 'queued'), c.queued_at) - interval '1 microsecond')
        WHERE c.id = $1`,
      [chat.id, queue.id, JSON.stringify({ fromName: agent.displayName, note: request.note })],
    );
    const returned = await returnChatsToLine(tx, [chat.id], 'transfer_to_queue');
    // The sender finished with this chat: their idle clock restarts (fair routing), as after an end.
    await tx.query('UPDATE users SET idle_since = now() WHERE id = $1', [agent.userId]);
    const line = await appendSystemLine(tx, chat, {
      system: 'transferred',
      // toSlug: the customer's page names the queue in the customer's language (its translated name) when it can.
      line: { id: 'transferred', params: { from: agent.displayName, to: queue.name, toSlug: queue.slug } },
      authorId: agent.userId,
      authorName: agent.displayName,
    });
    await enqueueTransferWebhook(tx, (row as TransferRow).id);
    return { view: transferView(row as TransferRow), returned, line: line.event };
  });
  if (!outcome.returned) return outcome.view;
  // The sender first (their console lets the chat go as transferred, not as "taken back"), then the
  // customer's line, then the usual return: the chat leaves the sender's room, the line is told its
  // places (the customer is first), and the new queue's router runs.
  deps.publish.toAgent(agent.userId, 'transfer:updated', outcome.view);
  if (outcome.line) publishEvent(deps.publish, outcome.line);
  await announceReturns(deps, outcome.returned);
  await pushAgentState(deps, agent.userId);
  deps.kickRouter(await queuesOfAgent(deps.db, agent.userId));
  deps.wakeWebhooks();
  deps.log.info({ chatId: request.chatId, from: agent.userId, queueId }, 'chat transferred to a queue');
  return outcome.view;
}
