/**
 * The receiving agent answers a transfer offered to them (src/app/transfers.ts), or the leader's sweep
 * refuses one that can no longer happen: not answered in the offer timeout, the receiver's console
 * gone, or the chat no longer in the sender's hands (ended, or back in line).
 *
 * Accepting moves the chat in one transaction: the chat (locked first) changes agent, the transfer is
 * accepted, the customer's line "Sophie transferred you to Marc" and the chat.transferred webhook are
 * stored. The chat never passes through the line: it is the sender's until that commit and the
 * receiver's after it. Nothing of the log changes, so the receiver reads it whole.
 */
import { enqueueTransferWebhook } from '../webhooks/webhookEvents.js';
import type { AgentChatView, ChatEventView } from '../protocol/views.js';
import { type AgentIdentity, agentChatView, loadChatForAgent } from './agentChats.js';
import { pushAgentState } from './agentStatus.js';
import { appendSystemLine, publishEvent } from './chatLog.js';
import { queuesOfAgent } from './chatRouter.js';
import { customerState } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { type TransferRow, transferView } from './transferViews.js';
import type { TransferView } from '../protocol/transfers.js';

const NOT_OFFERED = 'This transfer is no longer offered to you.';

/** After a refusal's commit: the sender reads why, the receiver's offer goes, their seat is free again. */
async function announceRefusals(deps: Deps, rows: TransferRow[]): Promise<void> {
  for (const row of rows) {
    deps.publish.toAgent(row.from_agent_id, 'transfer:updated', transferView(row));
    if (row.to_agent_id) {
      // A withdrawal is said as such on the receiver's console ("Sophie withdrew the transfer"); other refusals go quietly.
      const said = row.reason === 'withdrawn' ? { reason: 'withdrawn' as const } : {};
      deps.publish.toAgent(row.to_agent_id, 'offer:withdrawn', { chatId: row.chat_id, transferId: row.id, ...said });
      await pushAgentState(deps, row.to_agent_id);
      deps.kickRouter(await queuesOfAgent(deps.db, row.to_agent_id));
    }
    deps.log.info({ chatId: row.chat_id, transferId: row.id, reason: row.reason }, 'transfer refused');
  }
}

export async function acceptTransfer(deps: Deps, agent: AgentIdentity, transferId: string): Promise<AgentChatView> {
  const [found] = await deps.db.query<TransferRow>('SELECT * FROM chat_transfers WHERE id = $1 AND client_id = $2 AND to_agent_id = $3', [
    transferId,
    agent.clientId,
    agent.userId,
  ]);
  if (!found) throw new AppError('not_offered', NOT_OFFERED);
  const outcome = await deps.db.transaction(async (tx) => {
    // The chat first, then the transfer: the order of the request and the sweep.
    const chat = await loadChatForAgent(tx, agent, found.chat_id, true);
    const [transfer] = await tx.query<TransferRow>('SELECT * FROM chat_transfers WHERE id = $1 FOR UPDATE', [transferId]);
    if (!transfer || transfer.state !== 'offered') return { refused: null };
    if (chat.status !== 'active' || chat.agent_id !== transfer.from_agent_id) {
      const [refused] = await tx.query<TransferRow>(
        "UPDATE chat_transfers SET state = 'refused', reason = 'chat_ended', answered_at = now() WHERE id = $1 RETURNING *",
        [transferId],
      );
      return { refused: refused ?? null };
    }
    const note = { fromName: transfer.from_name, note: transfer.note };
    await tx.query("UPDATE chats SET agent_id = $2, last_transfer = $3::jsonb WHERE id = $1 AND status = 'active' AND agent_id = $4", [
      chat.id,
      agent.userId,
      JSON.stringify(note),
      transfer.from_agent_id,
    ]);
    const [accepted] = await tx.query<TransferRow>("UPDATE chat_transfers SET state = 'accepted', answered_at = now() WHERE id = $1 RETURNING *", [transferId]);
    // The sender is free of it: their idle clock restarts (fair routing), as after an end.
    await tx.query('UPDATE users SET idle_since = now() WHERE id = $1', [transfer.from_agent_id]);
    const line = await appendSystemLine(tx, chat, {
      system: 'transferred',
      line: { id: 'transferred', params: { from: transfer.from_name, to: agent.displayName } },
      authorId: agent.userId,
      authorName: agent.displayName,
    });
    await enqueueTransferWebhook(tx, transferId);
    const view = await agentChatView(tx, { ...chat, agent_id: agent.userId, last_transfer: note });
    return { accepted: accepted as TransferRow, line: line.event, view };
  });
  if ('refused' in outcome) {
    if (outcome.refused) await announceRefusals(deps, [outcome.refused]);
    throw new AppError('not_offered', outcome.refused ? 'The chat ended before you accepted the transfer.' : NOT_OFFERED);
  }
  await announceAccepted(deps, agent, outcome.accepted, outcome.line);
  return outcome.view;
}

/** After the accept's commit; a failure here is logged, never reported: the receiver does have the chat. */
async function announceAccepted(deps: Deps, agent: AgentIdentity, transfer: TransferRow, line: ChatEventView): Promise<void> {
  const chatId = transfer.chat_id;
  try {
    deps.publish.attachAgentToChat(agent.userId, chatId);
    // Both agents and the customer read the line; then the sender's console lets the chat go.
    publishEvent(deps.publish, line);
    deps.publish.toAgent(transfer.from_agent_id, 'transfer:updated', transferView(transfer));
    deps.publish.detachAgentFromChat(transfer.from_agent_id, chatId);
    // The customer sees the new agent's name and picture.
    deps.publish.toCustomer(chatId, 'chat:state', await customerState(deps.db, chatId));
    await pushAgentState(deps, agent.userId);
    await pushAgentState(deps, transfer.from_agent_id);
    deps.kickRouter(await queuesOfAgent(deps.db, transfer.from_agent_id));
    deps.wakeWebhooks();
  } catch (error) {
    deps.log.error({ err: error, chatId, agentId: agent.userId }, 'transfer accepted, but announcing it failed');
  }
  deps.log.info({ chatId, from: transfer.from_agent_id, to: agent.userId }, 'transfer accepted');
}

export async function declineTransfer(deps: Deps, agent: AgentIdentity, transferId: string): Promise<void> {
  const refused = await deps.db.query<TransferRow>(
    `UPDATE chat_transfers SET state = 'refused', reason = 'declined', answered_at = now()
      WHERE id = $1 AND client_id = $2 AND to_agent_id = $3 AND state = 'offered' RETURNING *`,
    [transferId, agent.clientId, agent.userId],
  );
  if (!refused.length) throw new AppError('not_offered', NOT_OFFERED);
  await announceRefusals(deps, refused);
}

/**
 * The sender withdraws a transfer still offered. One statement that re-checks `state = 'offered'` on
 * the row it updates: an accept holds the transfer row (FOR UPDATE) until it commits, so whichever of
 * the two commits first wins and the other finds the row answered. The loser of the race reads why:
 * `conflict` (already accepted: the chat is the receiver's now) or `not_offered` (answered otherwise).
 */
export async function cancelTransfer(deps: Deps, agent: AgentIdentity, transferId: string): Promise<TransferView> {
  const refused = await deps.db.query<TransferRow>(
    `UPDATE chat_transfers SET state = 'refused', reason = 'withdrawn', answered_at = now()
      WHERE id = $1 AND client_id = $2 AND from_agent_id = $3 AND state = 'offered' RETURNING *`,
    [transferId, agent.clientId, agent.userId],
  );
  const row = refused[0];
  if (!row) {
    const [found] = await deps.db.query<{ state: string; to_name: string }>('SELECT state, to_name FROM chat_transfers WHERE id = $1 AND client_id = $2 AND from_agent_id = $3', [
      transferId,
      agent.clientId,
      agent.userId,
    ]);
    if (found?.state === 'accepted') throw new AppError('conflict', `${found.to_name} already accepted this transfer.`);
    throw new AppError('not_offered', 'This transfer is no longer waiting for an answer.');
  }
  await announceRefusals(deps, [row]);
  return transferView(row);
}

/**
 * The leader's sweep (src/app/sweeper.ts): refuses every offered transfer that can no longer happen,
 * with its reason. One statement; the state is re-checked on each row it updates, so an accept that
 * committed first wins.
 */
export async function sweepTransfers(deps: Deps): Promise<void> {
  const refused = await deps.db.query<TransferRow>(
    `WITH due AS (
       SELECT t.id,
              CASE WHEN c.status <> 'active' OR c.agent_id IS DISTINCT FROM t.from_agent_id THEN 'chat_ended'
                   WHEN u.status = 'offline' OR u.presence_expires_at IS NULL OR u.presence_expires_at < now() THEN 'offline'
                   WHEN t.expires_at < now() THEN 'timeout' END AS reason
         FROM chat_transfers t JOIN chats c ON c.id = t.chat_id JOIN users u ON u.id = t.to_agent_id
        WHERE t.state = 'offered')
     UPDATE chat_transfers t SET state = 'refused', reason = due.reason, answered_at = now()
       FROM due WHERE t.id = due.id AND due.reason IS NOT NULL AND t.state = 'offered' RETURNING t.*`,
  );
  if (refused.length) await announceRefusals(deps, refused);
}
