/**
 * Pages of chat logs, so a console never reads a whole log it does not show:
 * the newest events of each of its chats (all chats in one statement), the
 * events after a seq it holds (bounded), and older pages on demand.
 */
import type { Queryable } from '../db/db.js';
import type { ChatEventView } from '../protocol/views.js';
import { type EventRow, toEventView } from './chatViews.js';

export interface EventPage {
  /** Ascending by seq, without gaps. */
  events: ChatEventView[];
  /** Events before the first one exist that the request did not ask to skip (after `afterSeq`, or before `beforeSeq`). */
  hasOlder: boolean;
}

export interface PageRequest {
  chatId: string;
  /** Only events after this seq (0: from the start). */
  afterSeq: number;
  /** At most this many: the newest ones when more came after afterSeq. */
  limit: number;
}

const EVENT_COLUMNS = 'chat_id, seq, kind, author, author_name, body, system_type, client_msg_id, line, attachment, created_at';

/** Rows fetched newest first, one more than the page so we know whether older ones exist. */
function pageFrom(newestFirst: EventRow[], limit: number): EventPage {
  const hasOlder = newestFirst.length > limit;
  const events = newestFirst.slice(0, limit).reverse().map(toEventView);
  return { events, hasOlder };
}

/**
 * Each chat's newest events after its own seq, in one statement for all the chats (a LATERAL join on
 * the primary key (chat_id, seq): an index range scan per chat that stops after its page).
 */
export async function newestPages(db: Queryable, requests: readonly PageRequest[]): Promise<Map<string, EventPage>> {
  const pages = new Map<string, EventPage>();
  if (requests.length === 0) return pages;
  const rows = await db.query<EventRow>(
    `SELECT e.* FROM unnest($1::uuid[], $2::int[], $3::int[]) AS w(chat_id, after_seq, lim)
      CROSS JOIN LATERAL (
        SELECT ${EVENT_COLUMNS} FROM chat_events ce
         WHERE ce.chat_id = w.chat_id AND ce.seq > w.after_seq
         ORDER BY ce.seq DESC LIMIT w.lim + 1) e`,
    [requests.map((r) => r.chatId), requests.map((r) => r.afterSeq), requests.map((r) => r.limit)],
  );
  const byChat = new Map<string, EventRow[]>();
  for (const row of rows) {
    const list = byChat.get(row.chat_id);
    if (list) list.push(row);
    else byChat.set(row.chat_id, [row]);
  }
  for (const request of requests) pages.set(request.chatId, pageFrom(byChat.get(request.chatId) ?? [], request.limit));
  return pages;
}

/** One chat's events after `afterSeq`: all of them up to `limit`, else the newest `limit` with hasOlder. */
export async function eventsAfterSeq(db: Queryable, chatId: string, afterSeq: number, limit: number): Promise<EventPage> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM chat_events WHERE chat_id = $1 AND seq > $2 ORDER BY seq DESC LIMIT $3`,
    [chatId, afterSeq, limit + 1],
  );
  return pageFrom(rows, limit);
}

/** Up to `limit` events just before `beforeSeq`, ascending; hasOlder when more exist before them. */
export async function eventsBeforeSeq(db: Queryable, chatId: string, beforeSeq: number, limit: number): Promise<EventPage> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM chat_events WHERE chat_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
    [chatId, beforeSeq, limit + 1],
  );
  return pageFrom(rows, limit);
}
