/**
 * personDeactivator: a deactivated person cannot sign in (their sessions end
 * now) and goes Offline; the chats offered to them or in progress with them go
 * back in line, keeping their place (queued_at), for another agent.
 * personActivator lets them sign in again.
 */
import { endSessionsOf, type Session } from '../auth.js';
import { appendEvent, type Appended, publishEvent } from '../chatLog.js';
import { customerState } from '../chatViews.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { loadOfflineItem } from '../offlineItems.js';
import { broadcastPlaces } from '../placeBroadcaster.js';
import { recordAudit } from './auditLog.js';
import { lockPerson } from './people.js';

export interface PersonDeactivatorProps {
  actor: Session;
  personId: string;
}

interface Returned extends Record<string, unknown> {
  id: string;
  client_id: string;
  queue_id: string;
  status: 'offered' | 'active';
}

export async function personDeactivator(deps: Deps, props: PersonDeactivatorProps): Promise<void> {
  if (props.personId === props.actor.userId) throw new AppError('validation', 'You cannot deactivate your own account.');
  const outcome = await deps.db.transaction(async (tx) => {
    // Chats and offline items first, then the person: the lock order of the router, chatEnder and
    // the sweeper (chat → agent), so a deactivation cannot deadlock with a customer's End Chat.
    const chats = await tx.query<Returned>(
      `SELECT c.id, c.client_id, c.queue_id, c.status FROM chats c
        WHERE c.agent_id = $1 AND c.client_id = $2 AND c.status IN ('offered', 'active') ORDER BY c.id FOR UPDATE`,
      [props.personId, props.actor.clientId],
    );
    const items = await tx.query<{ id: string; queue_id: string }>(
      `UPDATE offline_items SET offered_to = NULL, offered_at = NULL, assigned_to = NULL
        WHERE client_id = $2 AND status = 'open' AND (offered_to = $1 OR assigned_to = $1) RETURNING id, queue_id`,
      [props.personId, props.actor.clientId],
    );
    const person = await lockPerson(tx, props.actor.clientId, props.personId);
    if (!person.active) return null;
    await tx.query("UPDATE users SET active = false, status = 'offline', presence_expires_at = NULL WHERE id = $1", [person.id]);
    const events: Appended[] = [];
    for (const chat of chats) {
      await tx.query("UPDATE chats SET status = 'queued', agent_id = NULL, offered_at = NULL, accepted_at = NULL WHERE id = $1", [chat.id]);
      if (chat.status === 'active') {
        const body = `${person.displayName} has left the chat. You are back in line for the next available agent.`;
        events.push(await appendEvent(tx, chat, { kind: 'system', author: 'system', authorId: person.id, authorName: person.displayName, body, system: 'agent_left' }));
      }
    }
    await recordAudit(tx, {
      actor: props.actor,
      entityType: 'person',
      entityId: person.id,
      entityName: person.displayName,
      action: 'person.deactivated',
      changes: [{ path: 'active', from: true, to: false }, ...(chats.length ? [{ path: 'chatsReturnedToLine', from: null, to: chats.length }] : [])],
    });
    return { chats, events, items };
  });
  if (!outcome) return;
  // Their open consoles close now, on every node, rather than at their next session check.
  await endSessionsOf(deps, props.personId);
  for (const e of outcome.events) publishEvent(deps.publish, e.event);
  for (const chat of outcome.chats) {
    if (chat.status === 'offered') deps.publish.toAgent(props.personId, 'offer:withdrawn', { chatId: chat.id });
    deps.publish.detachAgentFromChat(props.personId, chat.id);
    deps.publish.toCustomer(chat.id, 'chat:state', await customerState(deps.db, chat.id));
  }
  for (const item of outcome.items) deps.publish.toClientAgents(props.actor.clientId, 'offline:updated', await loadOfflineItem(deps.db, item.id));
  const queues = [...new Set([...outcome.chats.map((c) => c.queue_id), ...outcome.items.map((i) => i.queue_id)])];
  for (const queueId of queues) await broadcastPlaces(deps, queueId);
  deps.kickRouter(queues);
  deps.log.info({ userId: props.personId, returned: outcome.chats.length }, 'person deactivated');
}

export async function personActivator(deps: Deps, props: PersonDeactivatorProps): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const person = await lockPerson(tx, props.actor.clientId, props.personId);
    if (person.active) return;
    await tx.query('UPDATE users SET active = true WHERE id = $1', [person.id]);
    await recordAudit(tx, { actor: props.actor, entityType: 'person', entityId: person.id, entityName: person.displayName, action: 'person.activated', changes: [{ path: 'active', from: false, to: true }] });
  });
}
