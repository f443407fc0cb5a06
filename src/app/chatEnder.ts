/**
 * chatEnder: the customer clicks End Chat, or the agent leaves (or the
 * system, or an admin ending a stuck chat). Either ends the chat for both
 * sides; the other side reads who left.
 */
import type { Queryable } from '../db/db.js';
import { canTransition, fromStatusSql, targetOf } from '../domain/chatStates.js';
import type { AgentIdentity } from './agentChats.js';
import { loadChatForAgent } from './agentChats.js';
import { pushAgentState } from './agentStatus.js';
import { appendEvent, publishEvent, type Appended } from './chatLog.js';
import { type ChatRow, customerState } from './chatViews.js';
import type { Deps } from './deps.js';
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
  | { kind: 'customer'; chatId: string }
  | { kind: 'agent'; agent: AgentIdentity; chatId: string }
  | { kind: 'system'; chatId: string; reason: string }
  | AdminLeaver;

/** Who ended it, as stored and shown (an admin's end reads as the system's to the customer and agent). */
const endedBy = (leaver: Leaver): 'customer' | 'agent' | 'system' => (leaver.kind === 'admin' ? 'system' : leaver.kind);

async function lockChat(tx: Queryable, leaver: Leaver): Promise<ChatRow> {
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
  return chat;
}

/** Ends the chat; ending an already ended chat is a no-op (retries are safe). */
export async function endChat(deps: Deps, leaver: Leaver): Promise<void> {
  const outcome = await deps.db.transaction(async (tx) => {
    const chat = await lockChat(tx, leaver);
    if (!canTransition('end', chat.status)) return null;
    await tx.query(`UPDATE chats SET status = '${targetOf('end')}', ended_at = now(), ended_by = $2 WHERE id = $1 AND ${fromStatusSql('end')}`, [chat.id, endedBy(leaver)]);
    // The agent's idle clock restarts when they finish a chat (fair routing).
    if (chat.agent_id && chat.status === 'active') await tx.query('UPDATE users SET idle_since = now() WHERE id = $1', [chat.agent_id]);
    const events: Appended[] = [];
    if (leaver.kind === 'agent') {
      const name = leaver.agent.displayName;
      events.push(await appendEvent(tx, chat, { kind: 'system', author: 'system', authorId: leaver.agent.userId, authorName: name, body: `${name} has left the chat`, system: 'agent_left' }));
    } else if (leaver.kind === 'admin') {
      events.push(await appendEvent(tx, chat, { kind: 'system', author: 'system', authorName: 'Reactive Chat', body: 'This chat was ended by an administrator', system: 'ended_by_admin' }));
      await leaver.record(tx, chat);
    } else if (leaver.kind === 'customer') {
      events.push(await appendEvent(tx, chat, { kind: 'system', author: 'system', authorName: chat.customer_name, body: `${chat.customer_name} has left the chat`, system: 'customer_left' }));
    }
    events.push(await appendEvent(tx, chat, { kind: 'system', author: 'system', authorName: 'Reactive Chat', body: leaver.kind === 'system' ? leaver.reason : 'The chat has ended.', system: 'ended' }));
    return { chat, events };
  });
  if (!outcome) return;
  const { chat, events } = outcome;
  for (const e of events) publishEvent(deps.publish, e.event);
  deps.publish.toCustomer(chat.id, 'chat:state', await customerState(deps.db, chat.id));
  deps.publish.toChatAgents(chat.id, 'chat:state', { chatId: chat.id, status: 'ended', endedBy: endedBy(leaver) });
  if (chat.agent_id) {
    if (chat.status === 'offered') deps.publish.toAgent(chat.agent_id, 'offer:withdrawn', { chatId: chat.id });
    await pushAgentState(deps, chat.agent_id);
  }
  deps.log.info({ chatId: chat.id, by: leaver.kind }, 'chat ended');
  if (chat.status === 'queued' || chat.status === 'offered') await broadcastPlaces(deps, chat.queue_id);
  deps.kickRouter([chat.queue_id]);
}
