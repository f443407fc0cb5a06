/**
 * personDeactivator: a deactivated person cannot sign in (their sessions end
 * now) and goes Offline; the chats offered to them or in progress with them go
 * back in line, keeping their place (queued_at), for another agent; a
 * customer in conversation with them is told why, and keeps the conversation.
 * personActivator lets them sign in again.
 */
import { fromStatusSql } from '../../domain/chatStates.js';
import { endSessionsOf, type Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { loadOfflineItem } from '../offlineItems.js';
import { announceReturns, releaseOfflineItems, returnChatsToLine } from '../lineReturns.js';
import { recordAudit } from './auditLog.js';
import { lockPerson } from './people.js';
import { tellQueueVisitors } from '../queueVisitors.js';
import { queuesOfAgent } from '../chatRouter.js';

export interface PersonDeactivatorProps {
  actor: Session;
  personId: string;
}

interface Held {
  id: string;
  client_id: string;
  status: 'offered' | 'active';
}

export async function personDeactivator(deps: Deps, props: PersonDeactivatorProps): Promise<void> {
  if (props.personId === props.actor.userId) throw new AppError('validation', 'You cannot deactivate your own account.');
  const outcome = await deps.db.transaction(async (tx) => {
    // Chats and offline items first, then the person: the lock order of the router, chatEnder and
    // the sweeper (chat → agent), so a deactivation cannot deadlock with a customer's End Chat.
    const chats = await tx.query<Held>(
      `SELECT c.id, c.client_id, c.status FROM chats c
        WHERE c.agent_id = $1 AND c.client_id = $2 AND ${fromStatusSql('deactivated', 'c.status')} ORDER BY c.id FOR UPDATE`,
      [props.personId, props.actor.clientId],
    );
    const items = await tx.query<{ id: string }>(
      `SELECT id FROM offline_items WHERE client_id = $2 AND status = 'open' AND (offered_to = $1 OR assigned_to = $1)
        ORDER BY id FOR UPDATE`,
      [props.personId, props.actor.clientId],
    );
    const person = await lockPerson(tx, props.actor.clientId, props.personId);
    if (!person.active) return null;
    await tx.query("UPDATE users SET active = false, status = 'offline', presence_expires_at = NULL WHERE id = $1", [person.id]);
    // The customers they were talking to read why they are back in line (agent_removed).
    const returned = await returnChatsToLine(tx, chats.map((c) => c.id), 'deactivated');
    const released = await releaseOfflineItems(tx, items.map((i) => i.id), false);
    await recordAudit(tx, {
      actor: props.actor,
      entityType: 'person',
      entityId: person.id,
      entityName: person.displayName,
      action: 'person.deactivated',
      changes: [{ path: 'active', from: true, to: false }, ...(chats.length ? [{ path: 'chatsReturnedToLine', from: null, to: chats.length }] : [])],
    });
    return { returned, released };
  });
  if (!outcome) return;
  // Their open consoles close now, on every node, rather than at their next session check.
  await endSessionsOf(deps, props.personId);
  for (const item of outcome.released) deps.publish.toClientAgents(props.actor.clientId, 'offline:updated', await loadOfflineItem(deps.db, item.id));
  await announceReturns(deps, outcome.returned, outcome.released);
  // Their queues may have lost their only Available agent.
  await tellQueueVisitors(deps, await queuesOfAgent(deps.db, props.personId));
  deps.log.info({ userId: props.personId, returned: outcome.returned.length }, 'person deactivated');
}

export async function personActivator(deps: Deps, props: PersonDeactivatorProps): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const person = await lockPerson(tx, props.actor.clientId, props.personId);
    if (person.active) return;
    await tx.query('UPDATE users SET active = true WHERE id = $1', [person.id]);
    await recordAudit(tx, { actor: props.actor, entityType: 'person', entityId: person.id, entityName: person.displayName, action: 'person.activated', changes: [{ path: 'active', from: false, to: true }] });
  });
}
