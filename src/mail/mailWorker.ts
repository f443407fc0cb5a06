/**
 * The mail worker: each node runs one when SMTP_URL is set. Mail is a job of
 * the durable job queue (src/jobs/leasedJobs.ts: claimed with a lease, sent,
 * retried with back-off, failed after the last attempt), delivered here over
 * SMTP. A 5xx answer (no such mailbox, refused) fails the mail at once. The
 * same Message-ID on every attempt makes a rare duplicate recognisable.
 */
import nodemailer from 'nodemailer';
import type { Logger } from '../app/deps.js';
import type { Db } from '../db/db.js';
import type { RetryPolicy } from '../domain/mailRetry.js';
import { createLeasedJobWorker, type JobRow, type LeasedJobWorker, PermanentFailure } from '../jobs/leasedJobs.js';

export interface MailWorkerOptions {
  smtpUrl: string;
  from: string;
  log: Logger;
  retry: RetryPolicy;
  pollMs: number;
  /** Longest wait for the SMTP server to connect, greet or answer. */
  smtpTimeoutMs: number;
  /** Rows claimed (and sent side by side) per pass. @default 10 */
  batch?: number;
  /** Told after a mail was sent, or failed for good. */
  settled?: (mailId: string, status: 'sent' | 'failed') => void;
}

export type MailWorker = LeasedJobWorker;

interface DueRow extends JobRow {
  to_address: string;
  reply_to: string | null;
  subject: string;
  body: string;
  message_id: string | null;
  in_reply_to: string | null;
}

export function createMailWorker(db: Db, options: MailWorkerOptions): MailWorker {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.smtpTimeoutMs,
    greetingTimeout: options.smtpTimeoutMs,
    socketTimeout: options.smtpTimeoutMs,
  });
  const worker = createLeasedJobWorker<DueRow>(db, {
    kind: 'mail',
    table: 'outbox',
    columns: ['to_address', 'reply_to', 'subject', 'body', 'message_id', 'in_reply_to'],
    log: options.log,
    retry: options.retry,
    pollMs: options.pollMs,
    // Longer than one send can take (connect + greet + each command is bounded by the timeout).
    leaseMs: options.smtpTimeoutMs * 4 + 30_000,
    batch: options.batch,
    ...(options.settled ? { settled: options.settled } : {}),
    async deliver(row) {
      try {
        await transport.sendMail({
          from: options.from,
          to: row.to_address,
          replyTo: row.reply_to ?? undefined,
          subject: row.subject,
          text: row.body,
          messageId: row.message_id ?? undefined,
          inReplyTo: row.in_reply_to ?? undefined,
          references: row.in_reply_to ?? undefined,
        });
      } catch (error) {
        // A 5xx answer is permanent: trying again an hour long changes nothing.
        const code = (error as { responseCode?: unknown } | null)?.responseCode;
        if (typeof code === 'number' && code >= 500 && code < 600) throw new PermanentFailure(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
  });
  return {
    ...worker,
    async close() {
      await worker.close();
      transport.close();
    },
  };
}
