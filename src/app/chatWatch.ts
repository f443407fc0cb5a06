/**
 * chatWatch: a chat as the live view opens it, read-only: its header (with
 * the agent's name), the newest page of its log and its whispers. Scoped to
 * the viewer's client: another client's chat is "not found". Older pages on
 * demand (olderWatchedEvents), with the same paging as the agent console's
 * chat:history.
 */
import type { Queryable } from '../db/db.js';
import { CHAT_PAGE_EVENTS } from '../protocol/limits.js';
import type { WatchedChat } from '../protocol/supervisor.js';
import { agentChatHeader, loadChatForAgent } from './agentChats.js';
import { type EventPage, eventsAfterSeq, eventsBeforeSeq } from './chatPages.js';
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

/**
 * Up to `limit` events just before `beforeSeq` of any chat of the viewer's client (the live view's
 * "Show earlier messages"). Who may call it is the /supervisor namespace's business (supervisors and
 * admins only); which chat, this: another client's chat is "not found", whatever its id.
 */
export async function olderWatchedEvents(db: Queryable, viewer: { clientId: string }, chatId: string, beforeSeq: number, limit: number): Promise<EventPage> {
  const chat = await loadChatForAgent(db, viewer, chatId);
  return eventsBeforeSeq(db, chat.id, beforeSeq, limit);
}
