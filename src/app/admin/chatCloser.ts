/**
 * chatCloser: an admin ends a chat that is stuck (its agent gone, a customer
 * who never left, a queue that cannot be deleted because of it). It ends
 * through chatEnder like any other end — both sides read "This chat was ended
 * by an administrator" — and the audit row is written in the same transaction.
 */
import type { Session } from '../auth.js';
import { endChat } from '../chatEnder.js';
import type { Deps } from '../deps.js';
import { recordAudit } from './auditLog.js';

export interface ChatCloserProps {
  actor: Session;
  chatId: string;
}

/** Ends the chat of the admin's client (another client's chat is "not found"); an ended chat is left as it is. */
export async function chatCloser(deps: Deps, props: ChatCloserProps): Promise<void> {
  await endChat(deps, {
    kind: 'admin',
    chatId: props.chatId,
    clientId: props.actor.clientId,
    record: (tx, chat) =>
      recordAudit(tx, {
        actor: props.actor,
        entityType: 'chat',
        entityId: chat.id,
        entityName: chat.customer_name,
        action: 'chat.ended',
        changes: [{ path: 'status', from: chat.status, to: 'ended' }],
      }),
  });
}
