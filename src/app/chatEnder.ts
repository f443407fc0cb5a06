/**
 * chatEnder: the customer clicks End Chat, or the agent leaves. Either ends
 * the chat for both sides; the other side reads who left.
 */
import type { Queryable } from '../db/db.js';
import type { AgentIdentity } from './agentChats.js';
import { loadChatForAgent } from './agentChats.js';
import { pushAgentState } from './agentStatus.js';
import { appendEvent, publishEvent, type Appended } from './chatLog.js';
import { type ChatRow, customerState } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { broadcastPlaces } from './placeBroadcaster.js';

export type Leaver = { kind: 'customer'; chatId: string } | { kind: 'agent'; agent: AgentIdentity; chatId: string } | { kind: 'system'; chatId: string; reason: string };

async function lockChat(tx: Queryable, leaver: Leaver): Promise<ChatRow> {
  if (leaver.kind === 'agent') {
    const chat = await loadChatForAgent(tx, leaver.agent, leaver.chatId, true);
    if (chat.agent_id !== leaver.agent.userId || chat.status !== 'active') throw new AppError('forbidden', 'This chat is not yours.');
    return chat;
  }
  const [chat] = await tx.query<ChatRow>('SELECT * FROM chats WHERE id = $1 FOR UPDATE', [leaver.chatId]);
  if (!chat) throw new AppError('not_found', 'Chat not found.');
  return chat;
}

/** Ends the chat; ending an already ended chat is a no-op (retries are safe). */
export async function endChat(deps: Deps, leaver: Leaver): Promise<void> {
  const outcome = await deps.db.transaction(async (tx) => {
    const chat = await lockChat(tx, leaver);
    if (chat.status === 'ended') return null;
    await tx.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = $2 WHERE id = $1", [chat.id, leaver.kind]);
    // The agent's idle clock restarts when they finish a chat (fair routing).
    if (chat.agent_id && chat.status === 'active') await tx.query('UPDATE users SET idle_since = now() WHERE id = $1', [chat.agent_id]);
    const events: Appended[] = [];
    if (leaver.kind === 'agent') {
      const name = leaver.agent.displayName;
      events.push(await appendEvent(tx, chat, { kind: 'system', author: 'system', authorId: leaver.agent.userId, authorName: name, body: `${name} has left the chat`, system: 'agent_left' }));
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
  deps.publish.toChatAgents(chat.id, 'chat:state', { chatId: chat.id, status: 'ended', endedBy: leaver.kind });
  // After the final events: agents' sockets would otherwise collect the rooms of every chat of their shift.
  deps.publish.closeChatRoom(chat.id);
  if (chat.agent_id) {
    if (chat.status === 'offered') deps.publish.toAgent(chat.agent_id, 'offer:withdrawn', { chatId: chat.id });
    await pushAgentState(deps, chat.agent_id);
  }
  deps.log.info({ chatId: chat.id, by: leaver.kind }, 'chat ended');
  if (chat.status === 'queued' || chat.status === 'offered') await broadcastPlaces(deps, chat.queue_id);
  deps.kickRouter([chat.queue_id]);
}
