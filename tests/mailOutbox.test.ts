/**
 * Mail through the outbox: the left message and its mail are committed
 * together, the customer's request never waits on SMTP, the mail worker
 * retries with back-off while the SMTP server is down or refusing, gives up
 * after the maximum attempts (the admin sees it and sends it again), and
 * several nodes deliver each mail once. Against a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import { openPostgres } from '../src/db/postgres.js';
import type { MailListView, MailView } from '../src/protocol/admin.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { api, signIn, startTestNode } from './support/testNode.js';

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  message_id: string;
}

const FAST_RETRIES = { mailRetryBaseMs: 100, mailRetryMaxMs: 400, mailPollMs: 50, smtpTimeoutMs: 3000, seedDemo: false } as const;

describe.each(backends())('mail outbox on $name', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let databaseUrl: string | undefined;
  const nodes: RunningNode[] = [];
  const servers: TestSmtpServer[] = [];

  const outboxFor = async (replyTo: string) =>
    (await db.query<OutboxRow>('SELECT id, status, attempts, last_error, next_attempt_at, message_id FROM outbox WHERE reply_to = $1', [replyTo]))[0];
  const leave = (node: RunningNode, email: string, message = 'Where is my parcel?') =>
    api(node, 'POST', '/api/public/queues/after-hours/messages', { email, message });
  const start = async (overrides: Parameters<typeof startTestNode>[1], on: Db = db) => {
    const node = await startTestNode(on, overrides);
    nodes.push(node);
    return node;
  };
  const stop = async (node: RunningNode) => {
    nodes.splice(nodes.indexOf(node), 1);
    await node.close();
  };
  const smtpServer = async (options?: Parameters<typeof startSmtpServer>[0]) => {
    const server = await startSmtpServer(options);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    databaseUrl = opened.databaseUrl;
    // The first node seeds the demo client (queue "after-hours" mails afterhours@demo.example) and sends no mail.
    await stop(await start({ seedDemo: true }));
  });
  afterAll(async () => {
    for (const node of [...nodes]) await node.close();
    for (const server of servers) await server.close();
    await db?.close();
    await drop?.();
  });

  it('answers the customer before the SMTP server has taken the mail, then delivers it', async () => {
    const smtp = await smtpServer({ delayMs: 1500 });
    const node = await start({ ...FAST_RETRIES, smtpUrl: smtp.url });
    try {
      const { status } = await leave(node, 'quick@example.com', 'Is anyone there?');
      expect(status).toBe(201);
      // The slow server still holds the mail: the request did not wait on SMTP.
      expect(smtp.mails.filter((m) => m.replyTo === 'quick@example.com')).toHaveLength(0);
      expect(['queued', 'sending']).toContain((await outboxFor('quick@example.com'))?.status);

      const mail = await until('the mail', async () => smtp.mails.find((m) => m.replyTo === 'quick@example.com'));
      expect(mail.to).toEqual(['afterhours@demo.example']);
      expect(mail.text).toContain('Is anyone there?');
      await until('sent', async () => (await outboxFor('quick@example.com'))?.status === 'sent');
      expect(await outboxFor('quick@example.com')).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    } finally {
      await stop(node);
    }
  });

  it('retries with back-off while the SMTP server is down or refusing, and delivers once it is back', async () => {
    const first = await smtpServer();
    const port = first.port;
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const node = await start({ ...FAST_RETRIES, mailMaxAttempts: 50, smtpUrl: `smtp://127.0.0.1:${port}` });
    try {
      expect((await leave(node, 'down@example.com')).status).toBe(201);
      // Nobody listens: attempts fail and the row waits for its next attempt.
      const waiting = await until('two failed attempts', async () => {
        const row = await outboxFor('down@example.com');
        return row && row.attempts >= 2 && row.status === 'queued' ? row : undefined;
      });
      expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(new Date(waiting.next_attempt_at!).getTime()).toBeGreaterThan(Date.now() - 5_000);

      // Back, but answering 451 (try again later) for a while.
      const back = await smtpServer({ port });
      back.refuse = { code: 451, message: 'Try again later' };
      const refusedAt = (await outboxFor('down@example.com'))!.attempts;
      await until('a refused attempt', async () => {
        const row = await outboxFor('down@example.com');
        return row && row.attempts > refusedAt && /451/.test(row.last_error ?? '') ? row : undefined;
      });
      expect(back.mails).toHaveLength(0);

      back.refuse = null;
      await until('sent', async () => (await outboxFor('down@example.com'))?.status === 'sent');
      // Give a stray extra attempt time to show up, then count: exactly one delivery.
      await new Promise((r) => setTimeout(r, 500));
      expect(back.mails.filter((m) => m.replyTo === 'down@example.com')).toHaveLength(1);
      const row = await outboxFor('down@example.com');
      expect(row?.attempts).toBeGreaterThanOrEqual(3);
      expect(back.mails.find((m) => m.replyTo === 'down@example.com')?.messageId).toBe(row?.message_id);
    } finally {
      await stop(node);
    }
  });

  it('sends again the mail of a node that died mid-send once its lease has expired', async () => {
    const smtp = await smtpServer();
    const [client] = await db.query<{ id: string }>("SELECT client_id AS id FROM queues WHERE slug = 'after-hours'");
    const id = newId();
    await db.query(
      `INSERT INTO outbox (id, client_id, to_address, reply_to, subject, body, message_id, status, attempts, next_attempt_at, locked_until)
       VALUES ($1, $2, 'someone@example.com', 'orphan@example.com', 'Orphan', 'Left mid-send', $3, 'sending', 1, now() - interval '5 minutes', now() - interval '1 second')`,
      [id, client!.id, `<outbox-${id}@reactive-chat>`],
    );
    const node = await start({ ...FAST_RETRIES, smtpUrl: smtp.url });
    try {
      await until('sent', async () => (await outboxFor('orphan@example.com'))?.status === 'sent');
      expect(smtp.mails.filter((m) => m.replyTo === 'orphan@example.com')).toHaveLength(1);
      expect((await outboxFor('orphan@example.com'))?.attempts).toBe(2);
    } finally {
      await stop(node);
    }
  });

  it('fails the mail after the maximum attempts, lists it for the admin, and "Send again" delivers it', async () => {
    const smtp = await smtpServer();
    smtp.refuse = { code: 452, message: 'Mailbox full, try later' };
    const node = await start({ ...FAST_RETRIES, mailMaxAttempts: 3, smtpUrl: smtp.url });
    try {
      expect((await leave(node, 'doomed@example.com')).status).toBe(201);
      const failed = await until('failed', async () => {
        const row = await outboxFor('doomed@example.com');
        return row?.status === 'failed' ? row : undefined;
      });
      expect(failed.attempts).toBe(3);
      expect(failed.last_error).toMatch(/452/);
      // No attempt after giving up.
      await new Promise((r) => setTimeout(r, 400));
      expect((await outboxFor('doomed@example.com'))?.attempts).toBe(3);

      const admin = await signIn(node, 'admin@demo.example');
      const list = (await api(node, 'GET', '/api/admin/mail', undefined, admin)).body as MailListView;
      expect(list).toMatchObject({ sending: true, maxAttempts: 3 });
      const listed = list.mails.find((m) => m.id === failed.id);
      expect(listed).toMatchObject({ status: 'failed', attempts: 3, to: 'afterhours@demo.example', subject: '[After Hours] Message from doomed@example.com' });
      expect(listed?.lastError).toMatch(/452/);

      smtp.refuse = null;
      const retried = await api(node, 'POST', `/api/admin/mail/${failed.id}/retry`, undefined, admin);
      expect(retried.status).toBe(200);
      expect(['queued', 'sending', 'sent']).toContain((retried.body as MailView).status);
      await until('sent', async () => (await outboxFor('doomed@example.com'))?.status === 'sent');
      expect(smtp.mails.filter((m) => m.replyTo === 'doomed@example.com')).toHaveLength(1);
      const [audit] = await db.query<{ action: string; entity_id: string }>("SELECT action, entity_id FROM audit_log WHERE action = 'mail.resent'");
      expect(audit).toEqual({ action: 'mail.resent', entity_id: failed.id });

      // Only failed mail can be sent again.
      const again = await api(node, 'POST', `/api/admin/mail/${failed.id}/retry`, undefined, admin);
      expect(again.status).toBe(409);
    } finally {
      await stop(node);
    }
  });

  it('fails a mail at once when the SMTP server refuses it for good (5xx)', async () => {
    const smtp = await smtpServer({ refuseRecipients: /@bounce\.example$/ });
    const [client] = await db.query<{ id: string }>("SELECT client_id AS id FROM queues WHERE slug = 'after-hours'");
    const id = newId();
    await db.query(
      `INSERT INTO outbox (id, client_id, to_address, reply_to, subject, body, status, next_attempt_at)
       VALUES ($1, $2, 'nobody@bounce.example', 'bounce@example.com', 'To nobody', 'Hello', 'queued', now())`,
      [id, client!.id],
    );
    const node = await start({ ...FAST_RETRIES, mailMaxAttempts: 8, smtpUrl: smtp.url });
    try {
      const row = await until('failed', async () => {
        const found = await outboxFor('bounce@example.com');
        return found?.status === 'failed' ? found : undefined;
      });
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/550/);
      expect(smtp.mails).toHaveLength(0);
    } finally {
      await stop(node);
    }
  });

  it('stores neither the left message nor its mail when the transaction fails after the mail was enqueued', async () => {
    // A real failure inside the transaction, after the outbox row was written.
    await db.exec(`
      CREATE FUNCTION outbox_fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reply_to = 'atomic@example.com' OR NEW.to_address = 'atomic@example.com' THEN RAISE EXCEPTION 'forced failure after enqueue'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER outbox_fail_for_test AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_fail_for_test();`);
    const smtp = await smtpServer();
    const node = await start({ ...FAST_RETRIES, smtpUrl: smtp.url });
    try {
      const response = await leave(node, 'atomic@example.com', 'This must vanish whole.');
      expect(response.status).toBe(500);
      expect(await db.query("SELECT id FROM offline_items WHERE email = 'atomic@example.com'")).toEqual([]);
      expect(await db.query("SELECT id FROM outbox WHERE reply_to = 'atomic@example.com'")).toEqual([]);

      // The agent's reply to a left message: the item stays open when its reply mail cannot be stored.
      const [queue] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'after-hours'");
      const itemId = newId();
      await db.query("INSERT INTO offline_items (id, client_id, queue_id, kind, email, message) VALUES ($1, $2, $3, 'message', 'atomic@example.com', 'Hi')", [
        itemId,
        queue!.client_id,
        queue!.id,
      ]);
      const agent = await signIn(node, 'sophie@demo.example');
      const reply = await api(node, 'POST', `/api/agent/offline-items/${itemId}/reply`, { body: 'Hello back' }, agent);
      expect(reply.status).toBe(500);
      const [item] = await db.query<{ status: string; response: string | null }>('SELECT status, response FROM offline_items WHERE id = $1', [itemId]);
      expect(item).toEqual({ status: 'open', response: null });
      expect(await db.query("SELECT id FROM outbox WHERE to_address = 'atomic@example.com'")).toEqual([]);
      expect(smtp.mails.filter((m) => m.text.includes('Hello back') || m.text.includes('vanish'))).toEqual([]);
    } finally {
      await db.exec('DROP TRIGGER outbox_fail_for_test ON outbox; DROP FUNCTION outbox_fail_for_test();');
      await stop(node);
    }
  });

  it('keeps mail in the outbox, unsent, on a node without SMTP, and refuses to send failed mail again there', async () => {
    const node = await start({ seedDemo: false });
    try {
      expect((await leave(node, 'kept@example.com')).status).toBe(201);
      expect(await outboxFor('kept@example.com')).toMatchObject({ status: 'kept', attempts: 0 });
      const [client] = await db.query<{ id: string }>("SELECT client_id AS id FROM queues WHERE slug = 'after-hours'");
      const failedId = newId();
      await db.query(
        "INSERT INTO outbox (id, client_id, to_address, subject, body, status, attempts, last_error) VALUES ($1, $2, 'x@example.com', 'Old', 'Old', 'failed', 8, '451 later')",
        [failedId, client!.id],
      );
      const admin = await signIn(node, 'admin@demo.example');
      const refused = await api(node, 'POST', `/api/admin/mail/${failedId}/retry`, undefined, admin);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/SMTP/);
      expect((await db.query<{ status: string }>('SELECT status FROM outbox WHERE id = $1', [failedId]))[0]?.status).toBe('failed');
      expect(((await api(node, 'GET', '/api/admin/mail', undefined, admin)).body as MailListView).sending).toBe(false);
    } finally {
      await stop(node);
    }
  });

  it('delivers each mail once when two nodes send from the same outbox', async () => {
    const smtp = await smtpServer({ delayMs: 20 });
    // Each node its own connection pool on PostgreSQL; PGlite is one database shared in the process.
    const second = databaseUrl ? await openPostgres(databaseUrl) : db;
    const a = await start({ ...FAST_RETRIES, smtpUrl: smtp.url });
    const b = await start({ ...FAST_RETRIES, smtpUrl: smtp.url }, second);
    try {
      const [client] = await db.query<{ id: string }>("SELECT client_id AS id FROM queues WHERE slug = 'after-hours'");
      // Mail enqueued on each node (woken at once) and mail no node was woken for (found by polling).
      const left = Array.from({ length: 20 }, (_, i) => leave(i % 2 ? a : b, `twice-${i}@example.com`));
      for (let i = 0; i < 20; i++) {
        const id = newId();
        await db.query(
          `INSERT INTO outbox (id, client_id, to_address, reply_to, subject, body, message_id, status, next_attempt_at)
           VALUES ($1, $2, 'x@example.com', $3, 'Polled', 'Found by a poll', $4, 'queued', now())`,
          [id, client!.id, `polled-${i}@example.com`, `<outbox-${id}@reactive-chat>`],
        );
      }
      expect((await Promise.all(left)).map((r) => r.status)).toEqual(Array(20).fill(201));
      await until('all sent', async () => {
        const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE (reply_to LIKE 'twice-%' OR reply_to LIKE 'polled-%') AND status = 'sent'");
        return row?.n === 40;
      }, 30_000);
      await Promise.all([a.mailIdle(), b.mailIdle()]);
      const ours = smtp.mails.filter((m) => /^(twice|polled)-/.test(m.replyTo ?? ''));
      expect(ours).toHaveLength(40);
      expect(new Set(ours.map((m) => m.messageId)).size).toBe(40);
    } finally {
      await stop(a);
      await stop(b);
      if (second !== db) await second.close();
    }
  });
});
