/**
 * chatWatch: a chat as the live view opens it, read-only: its header (with
 * the agent's name), the newest page of its log and its whispers. Scoped to
 * the viewer's client: another client's chat is "not found".
 */
import type { Queryable } from '../db/db.js';
import { CHAT_PAGE_EVENTS } from '../protocol/limits.js';
import type { WatchedChat } from '../protocol/supervisor.js';
import { agentChatHeader, loadChatForAgent } from './agentChats.js';
import { eventsAfterSeq } from './chatPages.js';
import { notesOf } from './chatNotes.js';
import { whispersOf } from './whispers.js';

export async function watchChat(db: Queryable, viewer: { clientId: string }, chatId: string): Promise<WatchedChat> {
  const chat = await loadChatForAgent(db, viewer, chatId);
  const [agent] = chat.agent_id ? await db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [chat.agent_id]) : [];
  const page = await eventsAfterSeq(db, chat.id, 0, CHAT_PAGE_EVENTS);
  return {
    chat: { ...agentChatHeader(chat), agentName: agent?.display_name ?? null },
    events: page.events,
    hasOlder: page.hasOlder,
    whispers: await whispersOf(db, viewer.clientId, [chat.id]),
    notes: await notesOf(db, viewer.clientId, [chat.id]),
  };
}
