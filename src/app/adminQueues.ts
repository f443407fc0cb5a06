/** The Client Admin Portal's queue settings, always scoped to the admin's client. */
import { z } from 'zod';
import type { Queryable } from '../db/db.js';
import { QueueConfigSchema } from '../domain/queueConfig.js';
import type { AdminQueueDetail } from '../protocol/http.js';
import type { AdminQueueSummary } from '../protocol/views.js';
import { AppError } from './errors.js';
import { findQueueById, type Queue } from './queues.js';

export const GeneralSettingsInput = z.object({
  name: z.string().trim().min(1, 'A queue needs a name.').max(80, 'At most 80 characters.'),
  open: z.boolean(),
  agentDisplay: QueueConfigSchema.shape.agentDisplay,
  waitingMessages: QueueConfigSchema.shape.waitingMessages,
  showEstimatedWait: z.boolean(),
});

export const chatUrl = (baseUrl: string, slug: string): string => `${baseUrl}/chat/${encodeURIComponent(slug)}`;

const summary = (q: Queue, baseUrl: string): AdminQueueSummary => ({ id: q.id, slug: q.slug, name: q.name, chatUrl: chatUrl(baseUrl, q.slug), open: q.config.open });

function detail(q: Queue, baseUrl: string): AdminQueueDetail {
  return {
    ...summary(q, baseUrl),
    agentDisplay: q.config.agentDisplay,
    waitingMessages: q.config.waitingMessages,
    showEstimatedWait: q.config.showEstimatedWait,
    form: q.config.dataCollection,
  };
}

export async function listQueues(db: Queryable, clientId: string, baseUrl: string): Promise<AdminQueueSummary[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM queues WHERE client_id = $1 ORDER BY name', [clientId]);
  const queues = await Promise.all(rows.map((r) => findQueueById(db, r.id, clientId)));
  return queues.map((q) => summary(q, baseUrl));
}

export async function queueDetail(db: Queryable, clientId: string, id: string, baseUrl: string): Promise<AdminQueueDetail> {
  return detail(await findQueueById(db, id, clientId), baseUrl);
}

export async function saveGeneralSettings(
  db: Queryable,
  clientId: string,
  id: string,
  input: z.infer<typeof GeneralSettingsInput>,
  baseUrl: string,
): Promise<AdminQueueDetail> {
  const queue = await findQueueById(db, id, clientId);
  const config = QueueConfigSchema.safeParse({ ...queue.config, ...input });
  if (!config.success) throw new AppError('validation', 'Check the highlighted settings.');
  const name = input.name;
  await db.query('UPDATE queues SET name = $3, config = $4, updated_at = now() WHERE id = $1 AND client_id = $2', [
    id,
    clientId,
    name,
    JSON.stringify(config.data),
  ]);
  return detail({ ...queue, name, config: config.data }, baseUrl);
}
