/**
 * chatEnder: the customer clicks End Chat, or the agent leaves (or the
 * system, or an admin ending a stuck chat). Either ends the chat for both
 * sides; the other side reads who left. The sweeper ends chats here too: a
 * customer gone past the grace period (a waiting chat is then abandoned) and
 * a chat silent for its queue's inactivity timeout; those end only if still
 * due with the chat's row locked, so they fire once.
 */
import { enqueueChatWebhook } from '../webhooks/webhookEvents.js';
import type { Queryable } from '../db/db.js';
import { canTransition, fromStatusSql, targetOf } from '../domain/chatStates.js';
import type { AgentIdentity } from './agentChats.js';
import { loadChatForAgent } from './agentChats.js';
import { pushAgentState } from './agentStatus.js';
import { appendSystemLine, publishEvent, type Appended } from './chatLog.js';
import { type ChatRow, customerState } from './chatViews.js';
import { customerGoneSql, INACTIVITY_CLOSE_DUE_SQL, INACTIVITY_MINUTES_SQL } from './chatTimers.js';
import type { Deps } from './deps.js';
import type { SystemLineId } from '../protocol/systemLines.js';
import type { EndedBy } from '../protocol/views.js';
import { AppError } from './errors.js';
import { broadcastPlaces } from './placeBroadcaster.js';

/**
 * admin: an admin of the chat's client ends a stuck chat from the portal; `record` runs in the
 * ending transaction (the audit row is written with the change, or not at all).
 */
export interface AdminLeaver {
  kind: 'admin';
  chatId: string;
  clientId: string;
  record: (tx: Queryable, chat: ChatRow) => Promise<void>;
}

export type Leaver =
  /** `whileWaiting`: only a chat still waiting ends (the customer left a message instead); one an agent took meanwhile goes on. */
  | { kind: 'customer'; chatId: string; whileWaiting?: boolean }
  | { kind: 'agent'; agent: AgentIdentity; chatId: string }
  /** `line`: what both sides read about the end (e.g. chat_closed: a customer's data was erased). */
  | { kind: 'system'; chatId: string; line: SystemLineId }
  /** The customer's page has been gone longer than the grace period. */
  | { kind: 'customer_gone'; chatId: string }
  /** Nobody wrote for the queue's inactivity timeout. */
  | { kind: 'inactivity'; chatId: string }
  | AdminLeaver;

type LockedChat = ChatRow & { inactivity_minutes?: number };

/** The chat's row, locked; null when a timer's ending is no longer due (the customer came back, someone wrote). */
async function lockChat(tx: Queryable, leaver: Leaver, graceSeconds: number): Promise<LockedChat | null> {
  if (leaver.kind === 'customer_gone' || leaver.kind === 'inactivity') {
    // Re-evaluated on the newest row version after waiting for the lock (PostgreSQL's FOR UPDATE).
    const gone = leaver.kind === 'customer_gone';
    const [chat] = await tx.query<LockedChat>(
      `SELECT c.*, ${INACTIVITY_MINUTES_SQL} AS inactivity_minutes FROM chats c JOIN queues q ON q.id = c.queue_id
        WHERE c.id = $1 AND ${gone ? customerGoneSql('$2') : INACTIVITY_CLOSE_DUE_SQL} FOR UPDATE OF c`,
      gone ? [leaver.chatId, graceSeconds] : [leaver.chatId],
    );
    return chat ?? null;
  }
  if (leaver.kind === 'agent') {
    const chat = await loadChatForAgent(tx, leaver.agent, leaver.chatId, true);
    if (chat.agent_id !== leaver.agent.userId || chat.status !== 'active') throw new AppError('forbidden', 'This chat is not yours.');
    return chat;
  }
  // An admin's end is scoped to their client: another client's chat is "not found".
  const [chat] =
    leaver.kind === 'admin'
      ? await tx.query<ChatRow>('SELECT * FROM chats WHERE id = $1 AND client_id = $2 FOR UPDATE', [leaver.chatId, leaver.clientId])
      : await tx.query<ChatRow>('SELECT * FROM chats WHERE id = $1 FOR UPDATE', [leaver.chatId]);
  if (!chat) throw new AppError('not_found', 'Chat not found.');
  if (leaver.kind === 'customer' && leaver.whileWaiting && chat.status !== 'queued' && chat.status !== 'offered') return null;
  return chat;
}

/** Ends the chat; ending an already ended chat is a no-op (retries are safe). True when this call ended it. */
export async function endChat(deps: Deps, leaver: Leaver): Promise<boolean> {
  const outcome = await deps.db.transaction(async (tx) => {
    const chat = await lockChat(tx, leaver, deps.config.customerGraceSeconds);
    if (!chat || !canTransition('end', chat.status)) return null;
    const endedBy = endedByOf(leaver, chat);
    const [ended] = await tx.query<{ state_version: number }>(
      `UPDATE chats SET status = '${targetOf('end')}', ended_at = now(), ended_by = $2 WHERE id = $1 AND ${fromStatusSql('end')} RETURNING state_version`,
      [chat.id, endedBy],
    );
    // The agent's idle clock restarts when they finish a chat (fair routing).
    if (chat.agent_id && chat.status === 'active') await tx.query('UPDATE users SET idle_since = now() WHERE id = $1', [chat.agent_id]);
    const events: Appended[] = [];
    // Lines are stored as ids and parameters; each reader renders them in their language (src/protocol/systemLines.ts).
    if (leaver.kind === 'agent') {
      const name = leaver.agent.displayName;
      events.push(await appendSystemLine(tx, chat, { system: 'agent_left', line: { id: 'agent_left', params: { name } }, authorId: leaver.agent.userId, authorName: name }));
    } else if (leaver.kind === 'admin') {
      events.push(await appendSystemLine(tx, chat, { system: 'ended_by_admin', line: { id: 'ended_by_admin', params: {} } }));
      await leaver.record(tx, chat);
    } else if (leaver.kind === 'customer' || leaver.kind === 'customer_gone') {
      const name = chat.customer_name;
      const id = leaver.kind === 'customer' ? 'customer_left' : 'customer_gone';
      events.push(await appendSystemLine(tx, chat, { system: 'customer_left', line: { id, params: { name } }, authorName: name }));
    } else if (leaver.kind === 'inactivity') {
      const seconds = Math.round((chat.inactivity_minutes ?? 0) * 60);
      events.push(await appendSystemLine(tx, chat, { system: 'inactivity_closed', line: { id: 'inactivity_closed', params: { seconds } } }));
    }
    events.push(await appendSystemLine(tx, chat, { system: 'ended', line: { id: leaver.kind === 'system' ? leaver.line : 'ended', params: {} } }));
    // Before anyone answered, a customer who left gave up waiting: abandoned; any other end is an end.
    const abandoned = chat.status !== 'active' && (endedBy === 'customer' || endedBy === 'abandoned');
    await enqueueChatWebhook(tx, chat.id, abandoned ? 'chat.abandoned' : 'chat.ended');
    return { chat, events, endedBy, version: ended?.state_version };
  });
  if (!outcome) return false;
  const { chat, events, endedBy, version } = outcome;
  for (const e of events) publishEvent(deps.publish, e.event);
  // The agent hears of the end in the same tick as the commit: a router on another node may fill the
  // freed seat within milliseconds, and its offer must not reach the console before this end does.
  deps.publish.toChatAgents(chat.id, 'chat:state', { chatId: chat.id, status: 'ended', endedBy });
  if (chat.agent_id && chat.status === 'offered') deps.publish.toAgent(chat.agent_id, 'offer:withdrawn', { chatId: chat.id, ...(version === undefined ? {} : { version }) });
  // After the final events: agents' sockets would otherwise collect the rooms of every chat of their shift.
  deps.publish.closeChatRoom(chat.id);
  deps.publish.toCustomer(chat.id, 'chat:state', await customerState(deps.db, chat.id));
  if (chat.agent_id) await pushAgentState(deps, chat.agent_id);
  deps.log.info({ chatId: chat.id, by: endedBy }, 'chat ended');
  if (chat.status === 'queued' || chat.status === 'offered') await broadcastPlaces(deps, chat.queue_id);
  deps.kickRouter([chat.queue_id]);
  return true;
}

/** What is stored in chats.ended_by: a waiting customer who went away abandoned the line. */
function endedByOf(leaver: Leaver, chat: ChatRow): EndedBy {
  if (leaver.kind === 'customer_gone') return chat.status === 'active' ? 'customer_gone' : 'abandoned';
  // An admin's end reads as the system's to the customer and the agent.
  if (leaver.kind === 'admin') return 'system';
  return leaver.kind;
}
