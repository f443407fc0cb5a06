/**
 * Transcripts of ended chats, on every backend: the customer downloads theirs as text or HTML in their
 * language (system lines in that language), or has it mailed through the outbox to a real SMTP server
 * (the address checked, a few mails per chat); staff download from history — an agent their own chats
 * only, admins and supervisors any chat of their client, another client nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { Result } from '../src/protocol/errors.js';
import type { ChatHistoryItem } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { addPerson, agentOnline, asCustomer, conversation } from './support/endedChat.js';
import { createClient } from './support/factories.js';
import { startSmtpServer, type TestSmtpServer, waitForMail } from './support/smtp.js';
import { type AgentSocket, api, call, type CustomerSocket, signIn, startTestNode } from './support/testNode.js';

const T = '/api/public/chat/transcript';

describe.each(backends())('transcripts on $name', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let node: RunningNode;
  let smtp: TestSmtpServer;
  let sophie: AgentSocket;
  let customer: CustomerSocket;
  let chatId: string;
  let token: string;

  beforeAll(async () => {
    ({ db, drop } = await backend.open());
    smtp = await startSmtpServer();
    node = await startTestNode(db, {
      smtpUrl: smtp.url,
      mailPollMs: 50,
      rateLimits: { ...(await import('./support/testNode.js')).RELAXED_LIMITS, transcriptMailsPerChatPer10Minutes: 4 },
    });
    await addPerson(db, 'marc@demo.example', 'Marc', 'agent', 'support');
    await addPerson(db, 'sam@demo.example', 'Sam', 'supervisor');
    sophie = await agentOnline(node, 'sophie@demo.example');
    ({ chatId, token, customer } = await conversation(node, sophie, ['Where is my <b>parcel</b>?', 'It ships today.']));
  });
  afterAll(async () => {
    sophie?.disconnect();
    customer?.disconnect();
    await node?.close();
    await smtp?.close();
    await db?.close();
    await drop?.();
  });

  it('refuses a transcript before the chat ends, and without a valid token', async () => {
    expect((await asCustomer(node, token, 'GET', T)).status).toBe(409);
    expect((await asCustomer(node, 'x'.repeat(40), 'GET', T)).status).toBe(401);
    const noToken = await fetch(`${node.url}${T}`);
    expect(noToken.status).toBe(401);
    expect((await asCustomer(node, token, 'POST', `${T}/mail`, { email: 'ana@example.com', language: 'en' })).status).toBe(409);
  });

  it('gives the customer the transcript in French as text and in Spanish as HTML once the chat ended', async () => {
    expect((await call<Result>(customer, 'chat:end', {})).ok).toBe(true);
    const text = await asCustomer(node, token, 'GET', `${T}?format=text&language=fr&timeZone=Europe/Paris`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.headers.get('content-disposition')).toMatch(/^attachment; filename="chat-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.txt"$/);
    expect(text.text).toContain('Transcription de la discussion');
    expect(text.text).toContain('Conseiller: Sophie');
    expect(text.text).toContain('Ana Silva: Where is my <b>parcel</b>?');
    expect(text.text).toContain('Sophie: It ships today.');
    // System lines in the reader's language, as the customer page shows them.
    expect(text.text).toContain('Sophie a rejoint la discussion');
    expect(text.text).toContain('Vous avez quitté la discussion.');
    // It starts with the conversation: the line the log starts with was the waiting screen's to say.
    expect(text.text).not.toContain('Vous êtes en attente du prochain conseiller disponible.');
    expect(text.text.indexOf('Sophie a rejoint la discussion')).toBeLessThan(text.text.indexOf('Where is my'));

    const html = await asCustomer(node, token, 'GET', `${T}?format=html&language=es`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.text).toContain('<html lang="es">');
    expect(html.text).toContain('Transcripción del chat');
    expect(html.text).toContain('Ha salido del chat.');
    expect(html.text).not.toContain('Está esperando al próximo agente disponible.');
    // What people wrote is text, never markup.
    expect(html.text).toContain('Where is my &lt;b&gt;parcel&lt;/b&gt;?');
    expect(html.text).not.toContain('<b>parcel');
  });

  it('refuses a bad format, language or time zone naming the field', async () => {
    const bad = await asCustomer(node, token, 'GET', `${T}?format=pdf&language=de&timeZone=Mars/Base`);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['format', 'language', 'timeZone']);
  });

  it('mails the transcript through the outbox to the address given, checked, a few times per chat', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).at(0)!.n;
    const bad = await asCustomer(node, token, 'POST', `${T}/mail`, { email: 'not-an-address', language: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('email');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).at(0)!.n).toBe(before);

    const sent = await asCustomer(node, token, 'POST', `${T}/mail`, { email: 'ana.home@example.com', language: 'fr', timeZone: 'Europe/Paris' });
    expect(sent.status).toBe(202);
    const mail = await waitForMail(smtp, (m) => m.to.includes('ana.home@example.com'));
    expect(mail.subject).toBe('Votre discussion avec Support');
    expect(mail.text).toContain('Voici la transcription');
    expect(mail.text).toContain('Sophie: It ships today.');
    expect(mail.text).toContain('Vous avez quitté la discussion.');

    expect((await asCustomer(node, token, 'POST', `${T}/mail`, { email: 'ana.work@example.com', language: 'en' })).status).toBe(202);
    // Every attempt counts (the refused ones above too): the fifth in ten minutes is refused.
    const third = await asCustomer(node, token, 'POST', `${T}/mail`, { email: 'ana.third@example.com', language: 'en' });
    expect(third.status).toBe(429);
    expect(third.body.error.id).toBe('rate_limited');
  });

  it('refuses to mail the transcript of a chat no agent answered (it can still be downloaded)', async () => {
    const [support] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    const started = { chatId: newId(), token: `unanswered-${newId()}` };
    await db.query(
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, ended_at, ended_by)
       VALUES ($1, $2, $3, $4, 'ended', 'Ned', '{"fields":[],"values":{}}', now(), 'customer')`,
      [started.chatId, support!.client_id, support!.id, hashToken(started.token)],
    );
    const refused = await asCustomer(node, started.token, 'POST', `${T}/mail`, { email: 'victim@example.com', language: 'en' });
    expect(refused.status).toBe(403);
    expect((await asCustomer(node, started.token, 'GET', T)).status).toBe(200);
  });

  it('lets the agent who had the chat, admins and supervisors download it; refuses another agent, another client and strangers', async () => {
    const path = `/api/agent/history/${chatId}/transcript?format=text`;
    const download = async (cookie?: string) => {
      const response = await fetch(`${node.url}${path}`, { headers: cookie ? { cookie } : {} });
      return { status: response.status, text: await response.text() };
    };
    const mine = await download(await signIn(node, 'sophie@demo.example'));
    expect(mine.status).toBe(200);
    // Staff read English, as staff: who joined the queue, who left.
    expect(mine.text).toContain('Chat transcript');
    // Staff keep the first line, as who joined the queue.
    expect(mine.text).toContain('Ana Silva joined the queue');
    expect(mine.text).toContain('Ana Silva has left the chat');
    expect((await download(await signIn(node, 'admin@demo.example'))).status).toBe(200);
    expect((await download(await signIn(node, 'sam@demo.example'))).status).toBe(200);
    expect((await download(await signIn(node, 'marc@demo.example'))).status).toBe(403);
    expect((await download()).status).toBe(401);
    await createClient(db, { name: 'Other Co', slug: 'other-transcripts', adminEmail: 'admin@other-transcripts.example' });
    expect((await download(await signIn(node, 'admin@other-transcripts.example'))).status).toBe(404);
  });

  it('answers both staff routes of a past chat alike: 404 for an unknown id, a malformed one and another client’s chat; 403 for a colleague’s; 409 before the end', async () => {
    const routes = (id: string) => [`/api/agent/history/${id}`, `/api/agent/history/${id}/transcript`];
    const answer = async (path: string, cookie: string) => {
      const response = await fetch(`${node.url}${path}`, { headers: { cookie } });
      return { status: response.status, body: response.status === 200 ? null : ((await response.json()) as { error: unknown }) };
    };
    const admin = await signIn(node, 'admin@demo.example');
    const marc = await signIn(node, 'marc@demo.example');
    await createClient(db, { name: 'Elsewhere Co', slug: 'elsewhere-transcripts', adminEmail: 'admin@elsewhere.example', agentEmail: 'eve@elsewhere.example' });
    const NOT_FOUND = { error: { id: 'not_found', message: 'Chat not found.' } };
    // Existence is never told: the same 404 body whatever the caller's role, for ids no chat of theirs has.
    for (const cookie of [admin, marc, await signIn(node, 'admin@elsewhere.example'), await signIn(node, 'eve@elsewhere.example')]) {
      for (const id of [newId(), 'not-a-chat-id', ...(cookie === admin || cookie === marc ? [] : [chatId])]) {
        for (const path of routes(id)) expect(await answer(path, cookie), `${path}`).toEqual({ status: 404, body: NOT_FOUND });
      }
    }
    // A chat of the caller's client that their role may not read (an agent who never held it): 403 on both.
    for (const path of routes(chatId)) {
      expect(await answer(path, marc)).toEqual({ status: 403, body: { error: { id: 'forbidden', message: 'This chat is not yours: agents read the chats they held.' } } });
      expect((await answer(path, admin)).status).toBe(200);
    }
    // One that has not ended: 409 on both, for whoever may read it.
    const waiting = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { first_name: 'Wai', last_name: 'Ting', email: 'wai@example.com', inquiry: 'Sales' } });
    expect(waiting.status).toBe(201);
    for (const path of routes(waiting.body.chatId)) expect((await answer(path, admin)).status).toBe(409);
  });

  it('lists the whole client’s history for admins and supervisors, an agent’s own for agents', async () => {
    const list = async (email: string) => ((await api(node, 'GET', '/api/agent/history', undefined, await signIn(node, email))).body.chats as ChatHistoryItem[]).map((c) => c.chatId);
    expect(await list('sam@demo.example')).toContain(chatId);
    expect(await list('admin@demo.example')).toContain(chatId);
    expect(await list('sophie@demo.example')).toContain(chatId);
    expect(await list('marc@demo.example')).not.toContain(chatId);
  });
});
