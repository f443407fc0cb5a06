/**
 * The webhook worker: each node runs one. Deliveries are jobs of the durable
 * job queue (src/jobs/leasedJobs.ts), sent here by webhookSender.ts with the
 * endpoint's current URL and secret. A delivery whose endpoint was deleted or
 * turned off fails at once (nothing would take it).
 */
import type { Logger } from '../app/deps.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { createLeasedJobWorker, type JobRow, type LeasedJobWorker, PermanentFailure } from '../jobs/leasedJobs.js';
import { sendWebhook } from './webhookSender.js';

interface DeliveryRow extends JobRow {
  webhook_id: string;
  event: string;
  payload: unknown;
}

export type WebhookWorker = LeasedJobWorker;

export function startWebhookWorker(db: Db, config: Config['webhooks'], log: Logger): WebhookWorker {
  return createLeasedJobWorker<DeliveryRow>(db, {
    kind: 'webhook delivery',
    table: 'webhook_deliveries',
    columns: ['webhook_id', 'event', 'payload'],
    log,
    retry: config.retry,
    pollMs: config.pollMs,
    leaseMs: config.timeoutMs * 2 + 30_000,
    async deliver(row) {
      const [hook] = await db.query<{ url: string; secret: string; usable: boolean }>(
        'SELECT url, secret, active AND deleted_at IS NULL AS usable FROM webhooks WHERE id = $1',
        [row.webhook_id],
      );
      if (!hook?.usable) throw new PermanentFailure('the endpoint was deleted or turned off');
      // jsonb comes back parsed; the body sent is its canonical text, the same on every attempt.
      const body = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload);
      let httpStatus: number | null = null;
      try {
        httpStatus = await sendWebhook({ url: hook.url, secret: hook.secret, deliveryId: row.id, event: row.event, body }, config);
      } catch (error) {
        httpStatus = (error as { httpStatus?: number }).httpStatus ?? null;
        throw error;
      } finally {
        await db.query('UPDATE webhook_deliveries SET last_status = $3 WHERE id = $1 AND attempts = $2', [row.id, row.attempts, httpStatus]);
      }
    },
  });
}
