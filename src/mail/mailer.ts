/**
 * The mailer: every mail is written to the outbox table first (nothing is
 * lost), then sent over SMTP when SMTP_URL is set. Without SMTP the outbox
 * keeps it for the admin to read.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../db/db.js';
import type { Logger, Mail, Mailer } from '../app/deps.js';
import { newId } from '../app/secrets.js';

export function createMailer(db: Db, options: { smtpUrl?: string; from: string; log: Logger }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail: Mail) {
      const id = newId();
      await db.query(
        `INSERT INTO outbox (id, client_id, to_address, reply_to, subject, body, status) VALUES ($1, $2, $3, $4, $5, $6, 'kept')`,
        [id, mail.clientId, mail.to, mail.replyTo ?? null, mail.subject, mail.text],
      );
      if (!transport) return { id, status: 'kept' as const };
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          replyTo: mail.replyTo,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo,
          references: mail.inReplyTo,
        });
        await db.query("UPDATE outbox SET status = 'sent', sent_at = now() WHERE id = $1", [id]);
        return { id, status: 'sent' as const };
      } catch (error) {
        options.log.error({ err: error, outboxId: id }, 'mail not sent; kept in the outbox');
        await db.query("UPDATE outbox SET status = 'failed', error = $2 WHERE id = $1", [id, String(error).slice(0, 500)]);
        return { id, status: 'failed' as const };
      }
    },
  };
}
