/** offerResponder: the agent accepts or declines a chat offered to them. */
import { chatHooksCte } from '../webhooks/webhookEvents.js';
import { canTransition, fromStatusSql, targetOf } from '../domain/chatStates.js';
import { agentChatView, type AgentIdentity, loadChatForAgent } from './agentChats.js';
import { appendSystemLine, publishEvent } from './chatLog.js';
import { customerState } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import type { AgentChatView } from '../protocol/views.js';
import { announceReturns, returnChatsToLine } from './lineReturns.js';
import { pushAgentState } from './agentStatus.js';
import { recordDecline } from './declines.js';
import { newId } from './secrets.js';

/**
 * Accepts the offer. The view is built inside the transaction, so once the
 * accept commits nothing can turn it into a failure: what follows the commit
 * (joining rooms, publishing) is logged if it fails, never thrown, because
 * the agent does have the chat. A retried accept of a chat this agent already
 * accepted answers with the chat again (idempotent; the console may not have
 * seen the first answer).
 */
export async function acceptOffer(deps: Deps, agent: AgentIdentity, chatId: string): Promise<AgentChatView> {
  const { chat, joined, view } = await deps.db.transaction(async (tx) => {
    const chat = await loadChatForAgent(tx, agent, chatId, true);
    if (chat.status === 'active' && chat.agent_id === agent.userId) return { chat, joined: null, view: await agentChatView(tx, chat) };
    if (!canTransition('accept', chat.status) || chat.agent_id !== agent.userId) {
      throw new AppError('not_offered', 'This chat is no longer offered to you.');
    }
    // The chat in conversation and its chat.started webhook, in one statement.
    await tx.query(
      `WITH chat AS (
         UPDATE chats SET status = '${targetOf('accept')}', accepted_at = now() WHERE id = $1 AND ${fromStatusSql('accept')} RETURNING *),
       ${chatHooksCte('chat.started', '$2')}
       SELECT 1`,
      [chat.id, newId()],
    );
    const joined = await appendSystemLine(tx, chat, {
      system: 'agent_joined',
      line: { id: 'agent_joined', params: { name: agent.displayName } },
      authorId: agent.userId,
      authorName: agent.displayName,
    });
    const accepted = { ...chat, status: 'active' as const };
    return { chat: accepted, joined, view: await agentChatView(tx, accepted) };
  });
  try {
    deps.publish.attachAgentToChat(agent.userId, chat.id);
    deps.publish.toAgent(agent.userId, 'chat:opened', view);
    // The stored "has joined" event first: it needs no read, so an overloaded database cannot hold it back.
    if (joined) publishEvent(deps.publish, joined.event);
    deps.publish.toCustomer(chat.id, 'chat:state', await customerState(deps.db, chat.id));
    await pushAgentState(deps, agent.userId);
  } catch (error) {
    // Stored and acknowledged first: clients catch up with chat:sync and console:snapshot.
    deps.log.error({ err: error, chatId, agentId: agent.userId }, 'accepted, but announcing it failed');
  }
  if (joined) deps.log.info({ chatId, agentId: agent.userId }, 'offer accepted');
  return view;
}

/**
 * Puts an offered chat back at the head of its line (it keeps its queued_at) and lets the router try
 * others; it is not offered to this agent again before the decline cooldown (src/app/declines.ts).
 */
export async function declineOffer(deps: Deps, agent: AgentIdentity, chatId: string): Promise<void> {
  const returned = await deps.db.transaction(async (tx) => {
    const chat = await loadChatForAgent(tx, agent, chatId, true);
    if (chat.status !== 'offered' || chat.agent_id !== agent.userId) {
      throw new AppError('not_offered', 'This chat is no longer offered to you.');
    }
    await recordDecline(tx, chat, agent.userId);
    return returnChatsToLine(tx, [chat.id], 'decline');
  });
  deps.log.info({ chatId, agentId: agent.userId }, 'offer declined');
  await announceReturns(deps, returned);
}
