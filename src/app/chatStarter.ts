/** chatStarter: a customer submits the Data Collection form (or none) and joins the line. */
import type { Db } from '../db/db.js';
import { chatHooksCte } from '../webhooks/webhookEvents.js';
import { checkForm, customerDisplayName, problemText } from '../domain/dataCollection.js';
import { refuseControlCharacters } from '../domain/controlCharacters.js';
import type { StartChatResponse } from '../protocol/http.js';
import { customerState } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { perKeyLine } from './perKeyLine.js';
import { loadQueueStatistics } from './queueStatistics.js';
import { findQueueBySlug, isQueueOpen } from './queues.js';
import { hashToken, newId, newToken } from './secrets.js';

/** Customers of one queue who may wait on this node for their turn to join the line before being told to retry. */
const STARTS_WAITING_PER_QUEUE = 1000;
/**
 * Starts of one queue sent to the database at once by a node: the next one waits at the lock while one
 * runs, so none waits a round trip to the node in between. Measured (bench/micro/chatStarts.ts,
 * docs/ARCHITECTURE.md "Performance"): 1 → 2 doubled a node's starts per second; 4 did little more on
 * one node, was slower on two (8 waiting at one lock) and slowed the node's other statements.
 */
const STARTS_AT_ONCE_PER_QUEUE = 2;

/** A line per database pool, i.e. per node (a process has one; tests run several nodes in one). */
const lines = new WeakMap<Db, ReturnType<typeof perKeyLine>>();
function startsOfQueue(db: Db): ReturnType<typeof perKeyLine> {
  let line = lines.get(db);
  if (!line) {
    line = perKeyLine(STARTS_WAITING_PER_QUEUE, STARTS_AT_ONCE_PER_QUEUE);
    lines.set(db, line);
  }
  return line;
}

export interface StartChatProps {
  /** The queue's slug from its Reactive Chat URL. */
  slug: string;
  /** Form values keyed by field id, as sent by the browser (checked here). */
  fields: Record<string, unknown>;
}

export async function startChat(deps: Deps, props: StartChatProps): Promise<StartChatResponse> {
  const queue = await findQueueBySlug(deps.db, props.slug);
  const form = queue.config.dataCollection.enabled ? queue.config.dataCollection.fields : [];
  const { values, errors, problems } = refuseControlCharacters(form, checkForm(form, props.fields, problemText), problemText);
  if (Object.keys(errors).length) throw new AppError('validation', 'Some fields need your attention.', errors, { problems });

  if (!isQueueOpen(queue, new Date())) throw new AppError('queue_closed', queue.config.closedMessage || 'This queue is closed.');
  // Read before joining, once: whether anybody serves the line, and what the newcomer's estimate is
  // made of (the chat joining the line changes none of it).
  const statistics = await loadQueueStatistics(deps.db, queue.id, queue.config.expectedHandleMinutes * 60);
  if (statistics.staffedAgents === 0) throw new AppError('no_agents', queue.config.noAgentsMessage || 'No agents are available to chat at this time.');

  const token = newToken();
  const chatId = newId();
  // Two starts per queue at a time from this node (perKeyLine.ts): the others wait without a connection.
  const joined = await startsOfQueue(deps.db)(queue.id, async () => {
    // One statement, no transaction: the check of maxWaiting, the chat and its first event (seq 1).
    // `line` locks the queue's count of waiting chats (queue_lines, kept by triggers on chats: the
    // insert below adds this chat to it at commit) for this statement only, and only while the count is
    // under maxWaiting: a start waiting for that lock re-reads the count once it is granted
    // (PostgreSQL re-checks a locked row's WHERE on its newest version), so concurrent starts on any
    // node never pass the limit. clock_timestamp() is read under that lock: places in line follow the
    // order customers got the lock (and committed), which now(), the statement's start, does not.
    const rows = await deps.db.query<{ id: string }>(
      `WITH line AS (
         SELECT queue_id FROM queue_lines WHERE queue_id = $3 AND waiting < $7 FOR NO KEY UPDATE),
       chat AS (
         INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, queued_at, last_seq, last_event_at)
         SELECT $1, $2, $3, $4, 'queued', $5, $6, clock_timestamp(), 1, now() FROM line
         RETURNING *),
       ${chatHooksCte('chat.queued', '$10')}
       INSERT INTO chat_events (chat_id, seq, client_id, kind, author, author_name, body, system_type, line)
       SELECT id, 1, client_id, 'system', 'system', $8, '', 'queued', $9::jsonb FROM chat
       RETURNING chat_id AS id`,
      [
        chatId,
        queue.clientId,
        queue.id,
        hashToken(token),
        customerDisplayName(form, values),
        JSON.stringify({ fields: form, values }),
        queue.config.maxWaiting,
        queue.name,
        JSON.stringify({ id: 'queued', params: {} }),
        newId(),
      ],
    );
    return rows.length > 0;
  });
  if (!joined) throw new AppError('queue_full', 'Too many customers are waiting right now. Please try again later.');
  deps.log.info({ chatId, queue: queue.slug }, 'chat queued');
  // The newcomer is last in line: nobody else's place changed, so there is nothing to broadcast.
  deps.kickRouter([queue.id]);
  const state = await customerState(deps.db, chatId, statistics);
  // The estimate this customer is first shown, kept (before it is answered) so that the live view can
  // say how good the day's estimates were (liveBoard.ts). Later estimates never overwrite it.
  if (state.estimatedWaitSeconds !== null) {
    await deps.db.query('UPDATE chats SET first_estimate_seconds = $2 WHERE id = $1 AND first_estimate_seconds IS NULL', [chatId, Math.round(state.estimatedWaitSeconds)]);
  }
  return { chatId, token, state };
}
