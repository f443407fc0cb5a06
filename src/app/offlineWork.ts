/**
 * offlineItemResponder: an agent answers what customers left while the queue
 * was closed — a reply by email to a left message (threaded with the
 * customer's message), or the outcome of a callback.
 */
import { enqueueOfflineItemWebhook } from '../webhooks/webhookEvents.js';
import { z } from 'zod';
import { OFFLINE_MESSAGE_MAX_CHARS } from '../protocol/limits.js';
import type { OfflineItemView } from '../protocol/views.js';
import type { AgentIdentity } from './agentChats.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { findQueueById } from './queues.js';
import { offlineMessageId, type OfflineItemRow, SELECT_ITEMS, toOfflineItemView } from './offlineItems.js';

export const ReplyInput = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'Write a reply.')
    .max(OFFLINE_MESSAGE_MAX_CHARS, `Replies can be at most ${OFFLINE_MESSAGE_MAX_CHARS} characters.`),
});

export const CallbackOutcomeInput = z.object({
  outcome: z.enum(['reached', 'no_answer', 'rescheduled'], 'Choose reached, no answer or rescheduled.'),
  note: z.string().trim().max(1000, 'Notes can be at most 1000 characters.').default(''),
  /**
   * With 'rescheduled': the new time agreed with the customer. With 'no_answer': when to try again
   * (the callback then stays open with that time); left out or empty, the callback is done.
   */
  preferredTime: z.string().trim().max(200, 'At most 200 characters.').optional(),
});

async function loadOpenItem(deps: Deps, agent: AgentIdentity, itemId: string, kind: 'message' | 'callback'): Promise<OfflineItemRow & { queue_id: string }> {
  const [row] = await deps.db.query<OfflineItemRow & { queue_id: string; kind: string }>(`${SELECT_ITEMS} WHERE o.id = $1 AND o.client_id = $2`, [
    itemId,
    agent.clientId,
  ]);
  if (!row) throw new AppError('not_found', 'This item does not exist.');
  if (row.kind !== kind) throw new AppError('validation', kind === 'message' ? 'Only left messages get an email reply.' : 'Only callback requests have an outcome.');
  if (row.status === 'done') throw new AppError('conflict', `${row.handled_by_name ?? 'Another agent'} has already handled this.`);
  return row;
}

/** Tells the client's consoles, and frees the agent's seat for the next piece of work. */
async function publishUpdated(deps: Deps, clientId: string, itemId: string): Promise<OfflineItemView> {
  const [row] = await deps.db.query<OfflineItemRow & { queue_id: string }>(`${SELECT_ITEMS} WHERE o.id = $1`, [itemId]);
  const view = toOfflineItemView(row as OfflineItemRow);
  deps.publish.toClientAgents(clientId, 'offline:updated', view);
  if (row) deps.kickRouter([row.queue_id]);
  return view;
}

export async function replyToLeftMessage(deps: Deps, agent: AgentIdentity, itemId: string, input: z.infer<typeof ReplyInput>): Promise<OfflineItemView> {
  const item = await loadOpenItem(deps, agent, itemId, 'message');
  const queue = await findQueueById(deps.db, item.queue_id, agent.clientId);
  const quoted = (item.message ?? '').split('\n').map((line) => `> ${line}`).join('\n');
  // The item is marked answered and the reply stored in the outbox together: no answered item without
  // its mail, no mail for an item another agent answered first.
  await deps.db.transaction(async (tx) => {
    const claimed = await tx.query(
      `UPDATE offline_items SET status = 'done', outcome = 'replied', response = $3, handled_by = $2, handled_at = now(),
              offered_to = NULL, offered_at = NULL, assigned_to = NULL
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [itemId, agent.userId, input.body],
    );
    if (!claimed.length) throw new AppError('conflict', 'Another agent has just handled this.');
    await enqueueOfflineItemWebhook(tx, itemId, 'message.replied');
    const mail = await deps.mailer.enqueue(tx, {
      clientId: agent.clientId,
      to: item.email ?? '',
      replyTo: queue.config.offline.leaveMessage.email || undefined,
      subject: `Re: your message to ${queue.name}`,
      text: `${input.body}\n\n— ${agent.displayName}, ${queue.clientName}\n\nOn ${new Date(item.created_at).toUTCString()} you wrote:\n${quoted}\n`,
      inReplyTo: offlineMessageId(itemId),
    });
    // The console says "Reply queued" until the mail worker sent it (replyMailChanged).
    await tx.query('UPDATE offline_items SET reply_mail_id = $2 WHERE id = $1', [itemId, mail.id]);
  });
  deps.mailer.wake();
  deps.log.info({ itemId, agentId: agent.userId }, 'left message answered by email');
  return publishUpdated(deps, agent.clientId, itemId);
}

export async function recordCallbackOutcome(
  deps: Deps,
  agent: AgentIdentity,
  itemId: string,
  input: z.infer<typeof CallbackOutcomeInput>,
): Promise<OfflineItemView> {
  await loadOpenItem(deps, agent, itemId, 'callback');
  if (input.outcome === 'rescheduled' && !input.preferredTime) {
    throw new AppError('validation', 'Say when the customer should be called again.', { preferredTime: 'Say when the customer should be called again.' });
  }
  // A rescheduled callback stays open, with the new time; so does one nobody answered with a time to try
  // again. The others are done.
  const retryAt = input.preferredTime ? input.preferredTime : null;
  const staysOpen = input.outcome === 'rescheduled' || (input.outcome === 'no_answer' && retryAt !== null);
  await deps.db.transaction(async (tx) => {
    const saved = await tx.query(
      `UPDATE offline_items SET status = CASE WHEN $6 THEN 'open' ELSE 'done' END, outcome = $3, response = NULLIF($4, ''),
              preferred_time = COALESCE($5, preferred_time), handled_by = $2, handled_at = now(),
              offered_to = NULL, offered_at = NULL, assigned_to = NULL
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [itemId, agent.userId, input.outcome, input.note, retryAt, staysOpen],
    );
    if (!saved.length) throw new AppError('conflict', 'Another agent has just handled this.');
    await enqueueOfflineItemWebhook(tx, itemId, 'callback.handled');
  });
  return publishUpdated(deps, agent.clientId, itemId);
}

/**
 * A mail's state changed (the mail worker sent it or gave up; an admin sent a failed one again): if it
 * was an agent's reply to a left message, the client's consoles are told, so "Reply queued" turns into
 * "Replied by email" (or "not delivered") without a reload. Most mails are not replies: one indexed
 * look-up finds nothing.
 */
export async function replyMailChanged(deps: Pick<Deps, 'db' | 'publish' | 'log'>, mailId: string): Promise<void> {
  try {
    const [row] = await deps.db.query<OfflineItemRow & { queue_id: string; client_id: string }>(`${SELECT_ITEMS} WHERE o.reply_mail_id = $1`, [mailId]);
    if (row) deps.publish.toClientAgents(row.client_id, 'offline:updated', toOfflineItemView(row));
  } catch (error) {
    deps.log.warn({ err: error, mailId }, 'could not tell consoles about a reply mail');
  }
}
