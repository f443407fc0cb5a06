/** offerResponder: the agent accepts or declines a chat offered to them. */
import { canTransition, fromStatusSql, targetOf } from '../domain/chatStates.js';
import { agentChatView, type AgentIdentity, loadChatForAgent } from './agentChats.js';
import { appendEvent, publishEvent } from './chatLog.js';
import { customerState } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import type { AgentChatView } from '../protocol/views.js';
import { announceReturns, returnChatsToLine } from './lineReturns.js';
import { pushAgentState } from './agentStatus.js';

export async function acceptOffer(deps: Deps, agent: AgentIdentity, chatId: string): Promise<AgentChatView> {
  const { chat, joined } = await deps.db.transaction(async (tx) => {
    const chat = await loadChatForAgent(tx, agent, chatId, true);
    if (!canTransition('accept', chat.status) || chat.agent_id !== agent.userId) {
      throw new AppError('not_offered', 'This chat is no longer offered to you.');
    }
    await tx.query(`UPDATE chats SET status = '${targetOf('accept')}', accepted_at = now() WHERE id = $1 AND ${fromStatusSql('accept')}`, [chat.id]);
    const joined = await appendEvent(tx, chat, {
      kind: 'system',
      author: 'system',
      authorId: agent.userId,
      authorName: agent.displayName,
      body: `${agent.displayName} has joined the chat`,
      system: 'agent_joined',
    });
    return { chat: { ...chat, status: 'active' as const }, joined };
  });
  deps.publish.attachAgentToChat(agent.userId, chat.id);
  const view = await agentChatView(deps.db, chat);
  deps.publish.toAgent(agent.userId, 'chat:opened', view);
  deps.publish.toCustomer(chat.id, 'chat:state', await customerState(deps.db, chat.id));
  publishEvent(deps.publish, joined.event);
  await pushAgentState(deps, agent.userId);
  deps.log.info({ chatId, agentId: agent.userId }, 'offer accepted');
  return view;
}

/** Puts an offered chat back at the head of its line (it keeps its queued_at) and lets the router try others. */
export async function declineOffer(deps: Deps, agent: AgentIdentity, chatId: string): Promise<void> {
  const returned = await deps.db.transaction(async (tx) => {
    const chat = await loadChatForAgent(tx, agent, chatId, true);
    if (chat.status !== 'offered' || chat.agent_id !== agent.userId) {
      throw new AppError('not_offered', 'This chat is no longer offered to you.');
    }
    return returnChatsToLine(tx, [chat.id], 'decline');
  });
  deps.log.info({ chatId, agentId: agent.userId }, 'offer declined');
  await announceReturns(deps, returned);
}
