/**
 * The mailer: every mail is a row in the outbox table, written with the
 * caller's transaction, so a mail exists exactly when the change it tells about
 * was committed. The mail worker (mailWorker.ts) sends it afterwards; without
 * SMTP_URL it is kept in the outbox for the admin to read.
 */
import type { Mail, Mailer } from '../app/deps.js';
import { newId } from '../app/secrets.js';
import type { Queryable } from '../db/db.js';

/** Same on every attempt of one outbox row, so a rare duplicate delivery is recognisable. */
export const outboxMessageId = (outboxId: string): string => `<outbox-${outboxId}@reactive-chat>`;

export function createMailer(options: { sends: boolean; wake: () => void }): Mailer {
  return {
    sends: options.sends,
    async enqueue(tx: Queryable, mail: Mail) {
      const id = newId();
      const status = options.sends ? ('queued' as const) : ('kept' as const);
      await tx.query(
        `INSERT INTO outbox (id, client_id, to_address, reply_to, subject, body, message_id, in_reply_to, status, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 = 'queued' THEN now() END)`,
        [id, mail.clientId, mail.to, mail.replyTo ?? null, mail.subject, mail.text, mail.messageId ?? outboxMessageId(id), mail.inReplyTo ?? null, status],
      );
      return { id, status };
    },
    wake: options.wake,
  };
}
