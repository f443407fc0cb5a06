/** chatStarter: a customer submits the Data Collection form (or none) and joins the line. */
import { checkForm, customerDisplayName } from '../domain/dataCollection.js';
import type { StartChatResponse } from '../protocol/http.js';
import { appendEvent } from './chatLog.js';
import { customerState } from './chatViews.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { findQueueBySlug, isQueueOpen, queueStaffing } from './queues.js';
import { hashToken, newId, newToken } from './secrets.js';

export interface StartChatProps {
  /** The queue's slug from its Reactive Chat URL. */
  slug: string;
  /** Form values keyed by field id, as sent by the browser (checked here). */
  fields: Record<string, unknown>;
}

export async function startChat(deps: Deps, props: StartChatProps): Promise<StartChatResponse> {
  const queue = await findQueueBySlug(deps.db, props.slug);
  const form = queue.config.dataCollection.enabled ? queue.config.dataCollection.fields : [];
  const { values, errors } = checkForm(form, props.fields);
  if (Object.keys(errors).length) throw new AppError('validation', 'Some fields need your attention.', errors);

  if (!isQueueOpen(queue, new Date())) throw new AppError('queue_closed', queue.config.closedMessage || 'This queue is closed.');
  const staffing = await queueStaffing(deps.db, queue.id);
  if (staffing.staffedAgents === 0) throw new AppError('no_agents', queue.config.noAgentsMessage || 'No agents are available to chat at this time.');

  const token = newToken();
  const chatId = newId();
  await deps.db.transaction(async (tx) => {
    // Serialises the count with other customers joining (and with routers), so maxWaiting holds.
    await tx.query('SELECT id FROM queues WHERE id = $1 FOR NO KEY UPDATE', [queue.id]);
    const [waiting] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM chats WHERE queue_id = $1 AND status = 'queued'", [queue.id]);
    if ((waiting?.n ?? 0) >= queue.config.maxWaiting) {
      throw new AppError('queue_full', 'Too many customers are waiting right now. Please try again later.');
    }
    await tx.query(
      // clock_timestamp(), read under the queue's lock: places in line follow the order customers got
      // the lock (and committed), which now(), the transaction's start, does not.
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, queued_at)
       VALUES ($1, $2, $3, $4, 'queued', $5, $6, clock_timestamp())`,
      [chatId, queue.clientId, queue.id, hashToken(token), customerDisplayName(form, values), JSON.stringify({ fields: form, values })],
    );
    await appendEvent(tx, { id: chatId, client_id: queue.clientId }, {
      kind: 'system',
      author: 'system',
      authorName: queue.name,
      body: 'You are waiting for the next available agent.',
      system: 'queued',
    });
  });
  deps.log.info({ chatId, queue: queue.slug }, 'chat queued');
  // The newcomer is last in line: nobody else's place changed, so there is nothing to broadcast.
  deps.kickRouter([queue.id]);
  return { chatId, token, state: await customerState(deps.db, chatId) };
}
