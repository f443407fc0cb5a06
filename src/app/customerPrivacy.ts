/**
 * A customer's right to their data, on an admin's request, within the
 * admin's client: customerDataExporter gathers everything stored about one
 * email address (chats with their messages, left messages, callback requests,
 * mails); customerDataEraser removes it. Chats are anonymised rather than
 * deleted so that queue statistics stay right; left messages, callbacks and
 * mails are deleted. Both are written to the audit log, never the data itself.
 */
import { notesOf } from './chatNotes.js';
import { z } from 'zod';
import { isEmail, isPhone } from '../domain/dataCollection.js';
import type { Queryable } from '../db/db.js';
import type { CustomerDataExport, ErasureCounts } from '../protocol/privacy.js';
import { recordAudit } from './admin/auditLog.js';
import type { Session } from './auth.js';
import { endChat } from './chatEnder.js';
import { type ChatRow, collectedData, eventsAfter } from './chatViews.js';
import type { Deps } from './deps.js';
import { listOfflineItemsWhere } from './offlineItems.js';
import { newId } from './secrets.js';
import { attachmentStore, deleteChatAttachments } from './attachments/attachmentStore.js';

export type { CustomerDataExport, ErasureCounts };

export const CustomerQuery = z.object({
  email: z.string().trim().max(254).refine(isEmail, 'Enter a valid email address, like name@example.com.'),
  /** Callback requests carry a phone number, not an email: give it to include them. */
  phone: z.string().trim().max(40).refine(isPhone, 'Enter a valid phone number.').optional(),
});
export type CustomerQuery = z.infer<typeof CustomerQuery>;

export const ERASED_NAME = 'Erased customer';
const ERASED_TEXT = '[erased]';

const digits = (phone: string) => phone.replace(/[^0-9]/g, '');

type FoundChat = ChatRow & { queue_name: string; ended_at: Date | null };

/** Chats whose Data Collection values hold the email address. */
function findChats(db: Queryable, clientId: string, email: string): Promise<FoundChat[]> {
  return db.query<FoundChat>(
    `SELECT c.*, q.name AS queue_name FROM chats c JOIN queues q ON q.id = c.queue_id
      WHERE c.client_id = $1
        AND EXISTS (SELECT 1 FROM jsonb_each_text(c.customer_data->'values') v WHERE lower(trim(v.value)) = lower($2))
      ORDER BY c.queued_at`,
    [clientId, email],
  );
}

/** The phone numbers to match callbacks by: the one given, and those entered in the customer's chats. */
function phonesOf(chats: FoundChat[], query: CustomerQuery): string[] {
  const phones = chats.flatMap((c) => c.customer_data.fields.filter((f) => f.type === 'phone').map((f) => c.customer_data.values[f.id] ?? ''));
  return [...new Set([...(query.phone ? [query.phone] : []), ...phones].map(digits).filter((d) => d.length >= 6))];
}

const OFFLINE_MATCH = `o.client_id = $1 AND ((o.kind = 'message' AND lower(o.email) = lower($2))
  OR (o.kind = 'callback' AND regexp_replace(coalesce(o.phone, ''), '[^0-9]', '', 'g') = ANY($3::text[])))`;
const MAIL_MATCH = 'client_id = $1 AND (lower(reply_to) = lower($2) OR lower(to_address) = lower($2))';

export async function customerDataExporter(deps: Deps, props: { actor: Session; query: CustomerQuery }): Promise<CustomerDataExport> {
  const { actor, query } = props;
  const chats = await findChats(deps.db, actor.clientId, query.email);
  const items = await listOfflineItemsWhere(deps.db, OFFLINE_MATCH, [actor.clientId, query.email, phonesOf(chats, query)]);
  const mails = await deps.db.query<{ to_address: string; reply_to: string | null; subject: string; body: string; created_at: Date }>(
    `SELECT to_address, reply_to, subject, body, created_at FROM outbox WHERE ${MAIL_MATCH} ORDER BY created_at`,
    [actor.clientId, query.email],
  );
  const result: CustomerDataExport = {
    email: query.email,
    exportedAt: new Date().toISOString(),
    chats: await Promise.all(
      chats.map(async (c) => ({
        chatId: c.id,
        queueName: c.queue_name,
        status: c.status,
        queuedAt: new Date(c.queued_at).toISOString(),
        endedAt: c.ended_at ? new Date(c.ended_at).toISOString() : null,
        customerData: collectedData(c),
        events: await eventsAfter(deps.db, c.id, 0),
        staffNotes: await notesOf(deps.db, actor.clientId, [c.id]),
        files: await exportChatFiles(deps, c.id),
      })),
    ),
    leftMessages: items.filter((i) => i.kind === 'message'),
    callbacks: items.filter((i) => i.kind === 'callback'),
    mails: mails.map((m) => ({ to: m.to_address, replyTo: m.reply_to, subject: m.subject, body: m.body, createdAt: new Date(m.created_at).toISOString() })),
  };
  await recordAudit(deps.db, {
    actor,
    entityType: 'customer',
    entityId: newId(),
    entityName: maskEmail(query.email),
    action: 'customer.exported',
    changes: [],
  });
  return result;
}

export async function customerDataEraser(deps: Deps, props: { actor: Session; query: CustomerQuery }): Promise<ErasureCounts> {
  const { actor, query } = props;
  // A chat still going on is closed first, so that nobody keeps writing into an erased thread.
  for (const chat of await findChats(deps.db, actor.clientId, query.email)) {
    if (chat.status !== 'ended') await endChat(deps, { kind: 'system', chatId: chat.id, line: 'chat_closed' });
  }
  let removedFiles: string[] = [];
  const counts = await deps.db.transaction(async (tx) => {
    const chats = await findChats(tx, actor.clientId, query.email);
    const ids = chats.map((c) => c.id);
    // Their files go whoever sent them; the events that named them keep no trace of them.
    removedFiles = await deleteChatAttachments(tx, ids);
    if (ids.length) {
      await tx.query(
        `UPDATE chats SET customer_name = $2, customer_data = '{"fields": [], "values": {}}'::jsonb WHERE id = ANY($1::uuid[])`,
        [ids, ERASED_NAME],
      );
      // Agents' replies may quote the customer too: every message goes, the system lines stay.
      await tx.query(
        `UPDATE chat_events SET
           body = CASE WHEN kind = 'message' THEN $2 WHEN system_type = 'customer_left' AND line IS NULL THEN $3 || ' has left the chat' ELSE body END,
           author_name = CASE WHEN author = 'customer' OR system_type = 'customer_left' THEN $3 ELSE author_name END,
           line = CASE WHEN system_type = 'customer_left' AND line IS NOT NULL THEN jsonb_set(line, '{params,name}', to_jsonb($3::text)) ELSE line END,
           attachment = NULL
         WHERE chat_id = ANY($1::uuid[])`,
        [ids, ERASED_TEXT, ERASED_NAME],
      );
    }
    // Staff notes may quote the customer too: they go with the chat's messages.
    if (ids.length) await tx.query('DELETE FROM chat_notes WHERE chat_id = ANY($1::uuid[])', [ids]);
    const offline = await tx.query<{ kind: 'message' | 'callback' }>(`DELETE FROM offline_items o WHERE ${OFFLINE_MATCH} RETURNING o.kind`, [
      actor.clientId,
      query.email,
      phonesOf(chats, query),
    ]);
    const mails = await tx.query(`DELETE FROM outbox WHERE ${MAIL_MATCH} RETURNING id`, [actor.clientId, query.email]);
    const erased: ErasureCounts = {
      chats: ids.length,
      leftMessages: offline.filter((o) => o.kind === 'message').length,
      callbacks: offline.filter((o) => o.kind === 'callback').length,
      mails: mails.length,
      files: removedFiles.length,
    };
    await recordAudit(tx, {
      actor,
      entityType: 'customer',
      entityId: newId(),
      entityName: maskEmail(query.email),
      action: 'customer.erased',
      changes: Object.entries(erased).map(([path, n]) => ({ path, from: n, to: 0 })),
    });
    return erased;
  });
  // After the commit: a rolled-back erasure must not have lost the files.
  await attachmentStore(deps.config.attachments.dir).remove(removedFiles);
  deps.log.info({ by: actor.userId, ...counts }, 'customer data erased');
  return counts;
}

async function exportChatFiles(deps: Deps, chatId: string): Promise<CustomerDataExport['chats'][number]['files']> {
  const rows = await deps.db.query<{ id: string; name: string; content_type: string; size: number; author: 'customer' | 'agent'; bytes: Uint8Array | null; created_at: Date }>(
    'SELECT id, name, content_type, size, author, bytes, created_at FROM attachments WHERE chat_id = $1 ORDER BY created_at, id',
    [chatId],
  );
  const store = attachmentStore(deps.config.attachments.dir);
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: r.name,
      type: r.content_type,
      size: r.size,
      author: r.author,
      createdAt: new Date(r.created_at).toISOString(),
      base64: (await store.read(r.id, r.bytes).catch(() => Buffer.alloc(0))).toString('base64'),
    })),
  );
}

/** Enough of the address for an admin to recognise the request in the log, not enough to keep it. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}…@${domain}`;
}
