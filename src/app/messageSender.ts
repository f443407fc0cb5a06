/** messageSender: stores a chat message once per client id, then tells both sides. */
import { z } from 'zod';
import { MESSAGE_MAX_CHARS as MESSAGE_MAX } from '../protocol/limits.js';
import type { ChatEventView } from '../protocol/views.js';
import type { AgentIdentity } from './agentChats.js';
import { loadChatForAgent } from './agentChats.js';
import { appendEvent, publishEvent } from './chatLog.js';
import type { ChatRow } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

export const MessageInput = z.object({
  clientMsgId: z.string().min(1).max(64),
  body: z.string().max(MESSAGE_MAX, `Messages can be at most ${MESSAGE_MAX} characters.`).refine((b) => b.trim().length > 0, 'A message cannot be empty.'),
});

export type Sender = { kind: 'customer'; chatId: string } | { kind: 'agent'; agent: AgentIdentity; chatId: string };

export async function sendMessage(deps: Deps, sender: Sender, input: { clientMsgId: string; body: string }): Promise<ChatEventView> {
  const appended = await deps.db.transaction(async (tx) => {
    let chat: ChatRow;
    if (sender.kind === 'agent') {
      chat = await loadChatForAgent(tx, sender.agent, sender.chatId, true);
      if (chat.agent_id !== sender.agent.userId || chat.status === 'offered') throw new AppError('forbidden', 'This chat is not yours.');
    } else {
      const [row] = await tx.query<ChatRow>('SELECT * FROM chats WHERE id = $1 FOR UPDATE', [sender.chatId]);
      if (!row) throw new AppError('not_found', 'Chat not found.');
      chat = row;
    }
    const base = {
      kind: 'message' as const,
      body: input.body.replace(/\s+$/, ''),
      clientMsgId: input.clientMsgId,
    };
    const event =
      sender.kind === 'agent'
        ? { ...base, author: 'agent' as const, authorId: sender.agent.userId, authorName: sender.agent.displayName }
        : { ...base, author: 'customer' as const, authorName: chat.customer_name };
    // A retry of a message stored before the chat ended is still acknowledged.
    if (chat.status === 'ended') {
      const [dup] = await tx.query('SELECT 1 FROM chat_events WHERE chat_id = $1 AND author = $2 AND client_msg_id = $3', [
        chat.id,
        event.author,
        input.clientMsgId,
      ]);
      if (!dup) throw new AppError('chat_ended', 'This chat has ended.');
    }
    return appendEvent(tx, chat, event);
  });
  if (appended.created) publishEvent(deps.publish, appended.event);
  return appended.event;
}
