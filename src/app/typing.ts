/** Typing indicators: relayed to the other side, never stored. */
import type { AgentIdentity } from './agentChats.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

/** The agent is typing in one of their active chats; tells its customer. */
export async function relayAgentTyping(deps: Deps, agent: AgentIdentity, chatId: string, typing: boolean): Promise<void> {
  const [mine] = await deps.db.query("SELECT 1 FROM chats WHERE id = $1 AND agent_id = $2 AND status = 'active'", [chatId, agent.userId]);
  if (!mine) throw new AppError('forbidden', 'This chat is not yours.');
  deps.publish.toCustomer(chatId, 'typing', { chatId, from: 'agent', name: agent.displayName, typing });
}
