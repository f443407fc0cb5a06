/** Typing indicators: relayed to the other side, never stored. */
import type { AgentIdentity } from './agentChats.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

/** Whether the agent's connection follows the chat (is subscribed to its events), and whether that can be believed. */
export interface ChatFollowing {
  follows: boolean;
  /**
   * False while the commands that keep subscriptions true may have been lost (the bus between
   * nodes is down, or came back and this node has not re-derived its subscriptions yet).
   */
  trusted: boolean;
}

/**
 * The agent is typing in one of their active chats; tells its customer.
 * Authorised without the database while the subscription can be believed:
 * the server keeps an agent connection subscribed to a chat exactly while
 * the chat is theirs and active — subscribed on accept (offerResponder),
 * snapshot and sync of an active chat; unsubscribed when it returns to the
 * line (lineReturns: detachAgentFromChat) and when it ends (chatEnder:
 * closeChatRoom, also for an admin's end). Typing is a hint sent on every few
 * keystrokes: a query each time bought nothing the subscription does not
 * already say. When it cannot be believed (those commands travel between
 * nodes and may have been lost), one query asks the database.
 */
export async function relayAgentTyping(deps: Deps, agent: AgentIdentity, chatId: string, typing: boolean, following: ChatFollowing): Promise<void> {
  if (!following.follows) throw new AppError('forbidden', 'This chat is not yours.');
  if (!following.trusted && !(await holdsActiveChat(deps, agent, chatId))) throw new AppError('forbidden', 'This chat is not yours.');
  deps.publish.toCustomer(chatId, 'typing', { chatId, from: 'agent', name: agent.displayName, typing });
}

async function holdsActiveChat(deps: Deps, agent: AgentIdentity, chatId: string): Promise<boolean> {
  const rows = await deps.db.query("SELECT 1 FROM chats WHERE id = $1 AND agent_id = $2 AND client_id = $3 AND status = 'active'", [
    chatId,
    agent.userId,
    agent.clientId,
  ]);
  return rows.length > 0;
}
