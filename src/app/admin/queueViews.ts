/** What the Client Admin Portal shows of a client's queues; every query is scoped to the admin's client. */
import type { Queryable } from '../../db/db.js';
import { opensNextAt } from '../../domain/schedule.js';
import type { AdminQueueDetail } from '../../protocol/admin.js';
import type { AdminQueueSummary } from '../../protocol/views.js';
import { AppError } from '../errors.js';
import { findQueueById, isQueueOpen, type Queue } from '../queues.js';

export const chatUrl = (baseUrl: string, slug: string): string => `${baseUrl}/chat/${encodeURIComponent(slug)}`;

/** The loader reads its queue from data-queue and the chat's origin from its own src (web/widget/loader.ts). */
export const widgetSnippet = (baseUrl: string, slug: string): string =>
  `<script src="${baseUrl}/widget.js" data-queue="${encodeURIComponent(slug)}" async></script>`;

const summary = (q: Queue, baseUrl: string): AdminQueueSummary => ({ id: q.id, slug: q.slug, name: q.name, chatUrl: chatUrl(baseUrl, q.slug), open: q.config.open });

export async function listQueues(db: Queryable, clientId: string, baseUrl: string): Promise<AdminQueueSummary[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM queues WHERE client_id = $1 AND deleted_at IS NULL ORDER BY lower(name), id', [clientId]);
  const queues = await Promise.all(rows.map((r) => findQueueById(db, r.id, clientId)));
  return queues.map((q) => summary(q, baseUrl));
}

/** Locks the queue's row for a change (inside a transaction); not found unless it is the client's. */
export async function lockQueue(tx: Queryable, clientId: string, id: string): Promise<Queue> {
  const [row] = await tx.query('SELECT id FROM queues WHERE id = $1 AND client_id = $2 AND deleted_at IS NULL FOR UPDATE', [id, clientId]);
  if (!row) throw new AppError('not_found', 'Queue not found.');
  return findQueueById(tx, id, clientId);
}

export async function openChatCount(db: Queryable, queueId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM chats WHERE queue_id = $1 AND status <> 'ended'", [queueId]);
  return row?.n ?? 0;
}

export async function queueDetail(db: Queryable, clientId: string, id: string, baseUrl: string): Promise<AdminQueueDetail> {
  const q = await findQueueById(db, id, clientId);
  const agents = await db.query<{ id: string; display_name: string; email: string; active: boolean; assigned: boolean }>(
    `SELECT u.id, u.display_name, u.email, u.active, (qa.user_id IS NOT NULL) AS assigned
       FROM users u LEFT JOIN queue_agents qa ON qa.user_id = u.id AND qa.queue_id = $2
      WHERE u.client_id = $1 AND u.role = 'agent' ORDER BY lower(u.display_name), u.id`,
    [clientId, id],
  );
  const now = new Date();
  const openNow = isQueueOpen(q, now);
  const next = !openNow && q.config.open ? opensNextAt(q.config.workingHours, now) : null;
  const { config: c } = q;
  return {
    ...summary(q, baseUrl),
    agentDisplay: c.agentDisplay,
    waitingMessages: c.waitingMessages,
    showEstimatedWait: c.showEstimatedWait,
    maxWaiting: c.maxWaiting,
    maxWaitSeconds: c.maxWaitSeconds,
    offerTimeoutSeconds: c.offerTimeoutSeconds,
    inactivityTimeoutMinutes: c.inactivityTimeoutMinutes,
    expectedHandleMinutes: c.expectedHandleMinutes,
    serviceLevelSeconds: c.serviceLevelSeconds,
    surveyEnabled: c.surveyEnabled,
    widget: c.widget,
    widgetSnippet: widgetSnippet(baseUrl, q.slug),
    attachmentsEnabled: c.attachmentsEnabled,
    attachmentMaxMegabytes: c.attachmentMaxMegabytes,
    closedMessage: c.closedMessage,
    noAgentsMessage: c.noAgentsMessage,
    form: c.dataCollection,
    workingHours: c.workingHours,
    offline: c.offline,
    translations: c.translations,
    agents: agents.map((a) => ({ id: a.id, displayName: a.display_name, email: a.email, active: a.active, assigned: a.assigned })),
    openChats: await openChatCount(db, id),
    openNow,
    opensNextAt: next ? next.toISOString() : null,
  };
}
