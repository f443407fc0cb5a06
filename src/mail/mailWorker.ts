/**
 * The mail worker: each node runs one when SMTP_URL is set. It claims due
 * outbox rows with a lease (status 'sending', locked_until) — FOR UPDATE SKIP
 * LOCKED on PostgreSQL, so several nodes never claim the same row — sends them
 * over SMTP, and marks them sent, or queued again with back-off, or failed
 * after the last attempt (at once when the server refuses for good, 5xx). A node that dies mid-send leaves a lease that
 * expires; another node then sends the mail again (at least once; the same
 * Message-ID on every attempt makes a rare duplicate recognisable).
 * Woken at once after an enqueue on this node, and polling for retries that
 * came due and for mail enqueued on other nodes.
 */
import nodemailer from 'nodemailer';
import type { Logger } from '../app/deps.js';
import type { Db } from '../db/db.js';
import { afterFailure, type RetryPolicy } from '../domain/mailRetry.js';

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
}

export interface MailWorker {
  /** Looks for due mail now (or right after the pass in progress). */
  wake(): void;
  /** Resolves when no pass is running and none is asked for (tests). */
  idle(): Promise<void>;
  /** Stops polling and waits for the sends in progress (bounded by the SMTP timeouts). */
  close(): Promise<void>;
}

interface DueRow extends Record<string, unknown> {
  id: string;
  to_address: string;
  reply_to: string | null;
  subject: string;
  body: string;
  message_id: string | null;
  in_reply_to: string | null;
  attempts: number;
}

export function createMailWorker(db: Db, options: MailWorkerOptions): MailWorker {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: options.smtpTimeoutMs,
    greetingTimeout: options.smtpTimeoutMs,
    socketTimeout: options.smtpTimeoutMs,
  });
  // Longer than one send can take (connect + greet + each command is bounded by the timeout),
  // so a live node's lease never runs out under it.
  const leaseMs = options.smtpTimeoutMs * 4 + 30_000;
  const batch = options.batch ?? 10;
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;

  async function claim(): Promise<DueRow[]> {
    return db.query<DueRow>(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (
          SELECT id FROM outbox
           WHERE (status = 'queued' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now())
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE ${db.skipLocked ? 'SKIP LOCKED' : ''})
        RETURNING id, to_address, reply_to, subject, body, message_id, in_reply_to, attempts`,
      [batch, leaseMs],
    );
  }

  async function send(row: DueRow): Promise<void> {
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
      await failed(row, error);
      return;
    }
    // `attempts` fences the lease: if it ran out and another node claimed the row, that node owns it.
    await db.query("UPDATE outbox SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1 AND status = 'sending' AND attempts = $2", [
      row.id,
      row.attempts,
    ]);
  }

  async function failed(row: DueRow, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    // A 5xx answer (no such mailbox, refused) is permanent: trying again an hour long changes nothing.
    const code = (error as { responseCode?: unknown } | null)?.responseCode;
    const permanent = typeof code === 'number' && code >= 500 && code < 600;
    const next = permanent ? ({ giveUp: true } as const) : afterFailure(row.attempts, options.retry, Math.random());
    if (next.giveUp) {
      options.log.error({ outboxId: row.id, attempts: row.attempts, err: message }, 'mail failed for good; the admin can send it again');
      await db.query("UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = $3 WHERE id = $1 AND status = 'sending' AND attempts = $2", [
        row.id,
        row.attempts,
        message,
      ]);
    } else {
      options.log.warn({ outboxId: row.id, attempts: row.attempts, retryInMs: next.delayMs, err: message }, 'mail not sent; will try again');
      await db.query(
        `UPDATE outbox SET status = 'queued', locked_until = NULL, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
          WHERE id = $1 AND status = 'sending' AND attempts = $2`,
        [row.id, row.attempts, message, next.delayMs],
      );
    }
  }

  /** Claims and sends until nothing is due. */
  async function pass(): Promise<void> {
    while (!closed) {
      const rows = await claim();
      if (!rows.length) return;
      await Promise.all(rows.map((row) => send(row).catch((error) => options.log.error({ err: error, outboxId: row.id }, 'could not record a mail attempt'))));
    }
  }

  function wake(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error) => options.log.error({ err: error }, 'mail worker pass failed; the next poll tries again'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  const poll = setInterval(wake, options.pollMs);
  poll.unref();
  // Mail left by a node that stopped, or retries that came due while no node ran.
  wake();

  return {
    wake,
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      clearInterval(poll);
      while (running) await running;
      transport.close();
    },
  };
}
