/** Typing indicators: relayed to the other side, never stored. */
import type { AgentIdentity } from './agentChats.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

/**
 * The agent is typing in one of their active chats; tells its customer.
 * Authorised without the database: `followsChat` says whether the agent's
 * connection is subscribed to the chat's events, which the server keeps true
 * exactly while the chat is theirs and active — subscribed on accept
 * (offerResponder), snapshot and sync of an active chat; unsubscribed when it
 * returns to the line (lineReturns: detachAgentFromChat) and when it ends
 * (chatEnder: closeChatRoom, also for an admin's end). Typing is a hint sent
 * on every few keystrokes: a query each time bought nothing the subscription
 * does not already say.
 */
export function relayAgentTyping(deps: Deps, agent: AgentIdentity, chatId: string, typing: boolean, followsChat: (chatId: string) => boolean): void {
  if (!followsChat(chatId)) throw new AppError('forbidden', 'This chat is not yours.');
  deps.publish.toCustomer(chatId, 'typing', { chatId, from: 'agent', name: agent.displayName, typing });
}
