/** Loading chats as an agent sees them, always scoped to the agent's client. */
import type { Queryable } from '../db/db.js';
import { CHAT_DELTA_EVENTS, CHAT_PAGE_EVENTS } from '../protocol/limits.js';
import type { AgentChatHeader, AgentChatView, OfferView } from '../protocol/views.js';
import { type EventPage, eventsAfterSeq, eventsBeforeSeq, newestPages } from './chatPages.js';
import { type ChatRow, collectedData, eventsAfter } from './chatViews.js';
import { notesOf } from './chatNotes.js';
import { AppError } from './errors.js';
import { transferNoteOf } from './transferViews.js';

export interface AgentIdentity {
  userId: string;
  clientId: string;
  displayName: string;
}

type ChatWithQueue = ChatRow & { queue_name: string; offered_at: Date | null; offer_timeout: number | null; files_allowed: boolean };

/** The queue's columns every agent's view of a chat reads (a queue saved before files existed allows them: the config's default). */
const QUEUE_COLUMNS = `q.name AS queue_name, (q.config->>'offerTimeoutSeconds')::int AS offer_timeout, COALESCE((q.config->>'attachmentsEnabled')::boolean, true) AS files_allowed`;

async function selectChat(db: Queryable, chatId: string, clientId: string | null, lock: boolean): Promise<ChatWithQueue> {
  const rows = await db.query<ChatWithQueue>(
    `SELECT c.*, ${QUEUE_COLUMNS} FROM chats c JOIN queues q ON q.id = c.queue_id
      WHERE c.id = $1 ${clientId ? 'AND c.client_id = $2' : ''} ${lock ? 'FOR UPDATE OF c' : ''}`,
    clientId ? [chatId, clientId] : [chatId],
  );
  const chat = rows[0];
  if (!chat) throw new AppError('not_found', 'Chat not found.');
  return chat;
}

/** A chat of the agent's own client; another client's chat is "not found". */
export function loadChatForAgent(db: Queryable, agent: Pick<AgentIdentity, 'clientId'>, chatId: string, lock = false): Promise<ChatWithQueue> {
  return selectChat(db, chatId, agent.clientId, lock);
}

/** Unscoped, for the system's own work (announcing an offer it just made). */
export function loadChatById(db: Queryable, chatId: string): Promise<ChatWithQueue> {
  return selectChat(db, chatId, null, false);
}

export function agentChatHeader(chat: ChatWithQueue): AgentChatHeader {
  return {
    chatId: chat.id,
    queueName: chat.queue_name,
    customerName: chat.customer_name,
    customerData: collectedData(chat),
    status: chat.status,
    endedBy: chat.ended_by,
    ...withTransferNote(chat),
    filesAllowed: chat.files_allowed,
  };
}

/** A transferred chat carries who sent it and their note (chats.last_transfer), in headers and offers alike. */
function withTransferNote(chat: ChatRow): { transfer?: ReturnType<typeof transferNoteOf> } {
  const transfer = transferNoteOf(chat);
  return transfer ? { transfer } : {};
}

/** The chat with its newest page of events (older ones on demand: chat:history). */
export async function agentChatView(db: Queryable, chat: ChatWithQueue): Promise<AgentChatView> {
  // Notes travel with the chat: the agent who accepts it (an offer back from the line, a transfer) sees them.
  return { ...agentChatHeader(chat), ...(await eventsAfterSeq(db, chat.id, 0, CHAT_PAGE_EVENTS)), notes: await notesOf(db, chat.client_id, [chat.id]) };
}

/** The whole log, for the history screen's transcript of an ended chat (bounded as every read of a log is). */
export async function agentChatTranscript(db: Queryable, chat: ChatWithQueue): Promise<AgentChatView> {
  return { ...agentChatHeader(chat), events: await eventsAfter(db, chat.id, 0), hasOlder: false, notes: await notesOf(db, chat.client_id, [chat.id]) };
}

/**
 * One of the agent's own chats (open, or ended and still theirs): another client's chat is
 * "not found", another agent's chat of the same client "forbidden". What chat:sync and chat:history read.
 */
export async function loadOwnChat(db: Queryable, agent: AgentIdentity, chatId: string): Promise<ChatWithQueue> {
  const chat = await loadChatForAgent(db, agent, chatId);
  if (chat.agent_id !== agent.userId) throw new AppError('forbidden', 'This chat is not yours.');
  return chat;
}

/** The events after `afterSeq` of the agent's own chat, at most CHAT_DELTA_EVENTS (the newest, with hasOlder). */
export async function syncOwnChat(
  db: Queryable,
  agent: AgentIdentity,
  chatId: string,
  afterSeq: number,
): Promise<{ chat: AgentChatHeader } & EventPage> {
  const chat = await loadOwnChat(db, agent, chatId);
  return { chat: agentChatHeader(chat), ...(await eventsAfterSeq(db, chatId, afterSeq, CHAT_DELTA_EVENTS)) };
}

/** Dates the offer's expiry for the console's countdown: the queue's timeout, else the node's default. */
export function offerView(chat: ChatWithQueue, defaultTimeoutSeconds: number): OfferView {
  const offeredAt = new Date(chat.offered_at ?? chat.queued_at);
  const offerTimeoutSeconds = chat.offer_timeout ?? defaultTimeoutSeconds;
  return {
    chatId: chat.id,
    queueName: chat.queue_name,
    customerName: chat.customer_name,
    customerData: collectedData(chat),
    offeredAt: offeredAt.toISOString(),
    expiresAt: new Date(offeredAt.getTime() + offerTimeoutSeconds * 1000).toISOString(),
    ...(chat.state_version === undefined ? {} : { version: chat.state_version }),
    ...withTransferNote(chat),
  };
}

/** Older events of the agent's own chat: up to `limit` before `beforeSeq`, ascending. */
export async function olderEventsOfOwnChat(db: Queryable, agent: AgentIdentity, chatId: string, beforeSeq: number, limit: number): Promise<EventPage> {
  await loadOwnChat(db, agent, chatId);
  return eventsBeforeSeq(db, chatId, beforeSeq, limit);
}

/**
 * The agent's offers and open chats, plus chats that ended in the last hour (so a reload keeps them on
 * screen). Each chat carries its newest page of events, or, for a chat the console says it holds up to
 * a seq, only what came after it; all chats' events in one statement.
 */
export async function agentWorkload(
  db: Queryable,
  agent: AgentIdentity,
  offerTimeoutSeconds: number,
  held: ReadonlyMap<string, number> = new Map(),
): Promise<{ offers: OfferView[]; chats: AgentChatView[] }> {
  const rows = await db.query<ChatWithQueue>(
    `SELECT c.*, ${QUEUE_COLUMNS} FROM chats c JOIN queues q ON q.id = c.queue_id
      WHERE c.client_id = $1 AND c.agent_id = $2
        AND (c.status IN ('offered', 'active') OR (c.status = 'ended' AND c.accepted_at IS NOT NULL AND c.ended_at > now() - interval '1 hour'))
      ORDER BY c.queued_at`,
    [agent.clientId, agent.userId],
  );
  const offers = rows.filter((r) => r.status === 'offered').map((r) => offerView(r, offerTimeoutSeconds));
  const chatRows = rows.filter((r) => r.status !== 'offered');
  const pages = await newestPages(
    db,
    chatRows.map((r) => {
      const after = held.get(r.id);
      return after === undefined ? { chatId: r.id, afterSeq: 0, limit: CHAT_PAGE_EVENTS } : { chatId: r.id, afterSeq: after, limit: CHAT_DELTA_EVENTS };
    }),
  );
  const chats = chatRows.map((r) => ({ ...agentChatHeader(r), ...(pages.get(r.id) ?? { events: [], hasOlder: false }) }));
  return { offers, chats };
}
