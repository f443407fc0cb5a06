/** Starts this node's mail worker from the configuration; none without SMTP_URL (mail is kept). */
import type { Logger } from '../app/deps.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { createMailWorker, type MailWorker } from './mailWorker.js';

export function startMailWorker(db: Db, config: Config, log: Logger, settled?: (mailId: string, status: 'sent' | 'failed') => void): MailWorker | null {
  if (!config.smtpUrl) return null;
  return createMailWorker(db, {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log,
    retry: { baseMs: config.mailRetryBaseMs, maxMs: config.mailRetryMaxMs, maxAttempts: config.mailMaxAttempts },
    pollMs: config.mailPollMs,
    smtpTimeoutMs: config.smtpTimeoutMs,
    ...(settled ? { settled } : {}),
  });
}
