/**
 * Files in a chat (issue 11): both sides send, the other side gets the event and may download;
 * hostile files are refused with their reason; only the people of the chat can download; a
 * customer's erasure removes their files. Real nodes over HTTP and Socket.IO, on PGlite and
 * PostgreSQL, with the bytes in the database and in ATTACHMENTS_DIR.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import { CHAT_TOKEN_HEADER } from '../src/protocol/attachments.js';
import type { Result } from '../src/protocol/errors.js';
import { CSRF_HEADER, type StartChatResponse } from '../src/protocol/http.js';
import type { AgentSnapshot } from '../src/protocol/events.js';
import type { ChatEventView, OfferView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient, updateQueueConfig } from './support/factories.js';
import { api, call, connectAgent, connectCustomer, csrfOf, nextEvent, RELAXED_LIMITS, signIn, startTestNode, type AgentSocket, type CustomerSocket } from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
const WAIT_MS = 20_000;
const MB = 1024 * 1024;

const png = (width = 40, height = 30) => sharp({ create: { width, height, channels: 3, background: '#3366cc' } }).png().toBuffer();
const gif = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#cc3366' } }).gif().toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
const HTML = Buffer.from('\uFEFF  <!doctype html><html><script>alert(1)</script></html>');

interface Sent {
  status: number;
  body: { event?: ChatEventView; error?: { id: string; message: string; fields?: Record<string, string> } };
}

async function upload(node: RunningNode, path: string, bytes: Buffer, headers: Record<string, string>): Promise<Sent> {
  const response = await fetch(`${node.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: new Uint8Array(bytes) });
  return { status: response.status, body: (await response.json()) as Sent['body'] };
}

const modes = [{ storage: 'db' as const }, { storage: 'dir' as const }];

describe.each(backends().flatMap((b) => modes.map((m) => ({ ...m, backend: b, name: `${b.name}, ${m.storage}` }))))('attachments on $name', ({ backend, storage }) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let dir: string | undefined;
  let sophie: AgentSocket;
  let sophieCookie: string;
  let chatId: string;
  let token: string;
  let customer: CustomerSocket;
  const open: Array<{ disconnect(): unknown }> = [];

  const asCustomer = (bytes: Buffer, name: string, t = token, extra = '') =>
    upload(node, `/api/public/chat/attachments?name=${encodeURIComponent(name)}${extra}`, bytes, { [CHAT_TOKEN_HEADER]: t });
  const asAgent = (bytes: Buffer, name: string, cookie = sophieCookie, chat = chatId) =>
    upload(node, `/api/agent/chats/${chat}/attachments?name=${encodeURIComponent(name)}`, bytes, { cookie, [CSRF_HEADER]: csrfOf(cookie) ?? '', origin: node.url });
  const download = (id: string, headers: Record<string, string>, query = '') => fetch(`${node.url}/api/attachments/${id}${query}`, { headers });
  /** The chat as Sophie's console gets it (the snapshot it loads on every connect). */
  const agentChat = async () => (await call<{ snapshot: AgentSnapshot }>(sophie, 'console:snapshot', {})).snapshot.chats.find((c) => c.chatId === chatId)!;

  async function addPerson(clientId: string, email: string, role: string, name: string): Promise<string> {
    const id = newId();
    await db.query('INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, $5, $6)', [id, clientId, email, await hashPassword('demo1234'), role, name]);
    return id;
  }

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    dir = storage === 'dir' ? mkdtempSync(join(tmpdir(), 'rc-attach-')) : undefined;
    node = await startTestNode(db, { sweepIntervalMs: 60_000, attachments: { dir, maxMegabytes: 3 } });
    const [queue] = await db.query<{ client_id: string }>("SELECT client_id FROM queues WHERE slug = 'support'");
    await addPerson(queue!.client_id, 'sue@demo.example', 'supervisor', 'Sue');
    await addPerson(queue!.client_id, 'marc@demo.example', 'agent', 'Marc');
    await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: 'admin@other.example' });
    sophieCookie = await signIn(node, 'sophie@demo.example');
    sophie = await connectAgent(node, sophieCookie);
    open.push(sophie);
    await call(sophie, 'console:snapshot', {});
    expect((await call<Result>(sophie, 'status:set', { status: 'available' })).ok).toBe(true);
    const offered = nextEvent<OfferView>(sophie, 'offer', () => true, WAIT_MS);
    const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    chatId = started.chatId;
    token = started.token;
    await offered;
    expect((await call<Result>(sophie, 'offer:accept', { chatId })).ok).toBe(true);
    customer = await connectCustomer(node, token);
    open.push(customer);
    await call(customer, 'chat:sync', { afterSeq: 0 });
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers an image and a PDF from the customer and a GIF from the agent, stored before acknowledged', async () => {
    const image = await png();
    const agentSees = nextEvent<ChatEventView>(sophie, 'chat:event', (e) => e.attachment?.type === 'image/png', WAIT_MS);
    const sent = await asCustomer(image, 'holiday photo.png');
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const event = sent.body.event!;
    expect(event).toMatchObject({ kind: 'message', author: 'customer', body: 'holiday photo.png', attachment: { name: 'holiday photo.png', type: 'image/png', size: image.length } });
    expect((await agentSees).seq).toBe(event.seq);
    // Stored: a sync from scratch has it.
    const [row] = await db.query<{ bytes: Uint8Array | null }>('SELECT bytes FROM attachments WHERE id = $1', [event.attachment!.id]);
    if (storage === 'db') expect(Buffer.from(row!.bytes!).equals(image)).toBe(true);
    else {
      expect(row!.bytes).toBeNull();
      expect(readdirSync(dir!)).toContain(event.attachment!.id);
    }

    // A PDF's declared name says HTML: it is saved as a PDF.
    const pdf = await asCustomer(PDF, 'invoice.html');
    expect(pdf.status).toBe(201);
    expect(pdf.body.event!.attachment).toMatchObject({ name: 'invoice.html.pdf', type: 'application/pdf', size: PDF.length });

    const customerSees = nextEvent<ChatEventView>(customer, 'chat:event', (e) => e.attachment?.type === 'image/gif', WAIT_MS);
    const back = await asAgent(await gif(), 'smile.gif');
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect(back.body.event).toMatchObject({ author: 'agent', authorName: 'Sophie' });
    expect((await customerSees).attachment!.name).toBe('smile.gif');

  });

  it('serves files to the people of the chat only, never as a page', async () => {
    const sent = await asCustomer(await png(800, 600), 'big.png');
    const id = sent.body.event!.attachment!.id;
    const forCustomer = await download(id, { [CHAT_TOKEN_HEADER]: token });
    expect(forCustomer.status).toBe(200);
    expect(forCustomer.headers.get('content-type')).toBe('image/png');
    expect(forCustomer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(forCustomer.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(forCustomer.headers.get('content-disposition')).toBe(`inline; filename="big.png"; filename*=UTF-8''big.png`);
    const thumb = await download(id, { cookie: sophieCookie }, '?size=thumb');
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);

    const pdf = await asCustomer(PDF, 'report.pdf');
    const pdfDownload = await download(pdf.body.event!.attachment!.id, { cookie: await signIn(node, 'sue@demo.example') });
    expect(pdfDownload.status).toBe(200);
    expect(pdfDownload.headers.get('content-disposition')).toMatch(/^attachment; filename="report.pdf"/);
    expect(Buffer.from(await pdfDownload.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await download(id, { cookie: await signIn(node, 'admin@demo.example') })).status).toBe(200);

    // Everyone else: another chat's customer, an agent who never had the chat, another client, nobody.
    const other = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    expect((await download(id, { [CHAT_TOKEN_HEADER]: other.token })).status).toBe(404);
    expect((await download(id, { cookie: await signIn(node, 'marc@demo.example') })).status).toBe(404);
    expect((await download(id, { cookie: await signIn(node, 'admin@other.example') })).status).toBe(404);
    expect((await download(id, {})).status).toBe(401);
    expect((await download(newId(), { cookie: sophieCookie })).status).toBe(404);
  });

  it('lets browsers keep a file and its thumbnail (immutable by id), answering 304 only after checking who asks', async () => {
    const sent = await asCustomer(await png(600, 400), 'kept.png');
    const id = sent.body.event!.attachment!.id;
    const full = await download(id, { [CHAT_TOKEN_HEADER]: token });
    const thumb = await download(id, { cookie: sophieCookie }, '?size=thumb');
    for (const response of [full, thumb]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      // Another person signed in, or another chat's token, is not served the browser's copy.
      expect(response.headers.get('vary')).toMatch(/cookie/i);
      expect(response.headers.get('vary')).toContain(CHAT_TOKEN_HEADER);
    }
    const fullTag = full.headers.get('etag')!;
    const thumbTag = thumb.headers.get('etag')!;
    expect(fullTag).toMatch(/^"[^"]+"$/);
    expect(thumbTag).not.toBe(fullTag);

    // The browser asks again with its copy's tag: 304, no body, the same caching headers.
    const again = await download(id, { [CHAT_TOKEN_HEADER]: token, 'if-none-match': fullTag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(fullTag);
    expect(again.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect((await download(id, { cookie: sophieCookie, 'if-none-match': `W/${thumbTag}, "other"` }, '?size=thumb')).status).toBe(304);
    // The thumbnail's tag does not stand for the full file.
    expect((await download(id, { cookie: sophieCookie, 'if-none-match': thumbTag })).status).toBe(200);

    // A tag proves nothing: people outside the chat still get 404, nobody 401.
    const other = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
    expect((await download(id, { [CHAT_TOKEN_HEADER]: other.token, 'if-none-match': fullTag })).status).toBe(404);
    expect((await download(id, { cookie: await signIn(node, 'marc@demo.example'), 'if-none-match': '*' })).status).toBe(404);
    expect((await download(id, { 'if-none-match': fullTag })).status).toBe(401);
  });

  it('refuses hostile and unwanted files with their reason, storing nothing', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments'))[0]!.n;
    const reason = async (sent: Promise<Sent>) => {
      const s = await sent;
      return [s.status, s.body.error?.fields?.fileReason, s.body.error?.message];
    };
    expect(await reason(asCustomer(SVG, 'cat.png'))).toEqual([400, 'markup', 'This file is a document (SVG or HTML), not an image: it is refused.']);
    expect(await reason(asCustomer(HTML, 'cat.jpg'))).toEqual([400, 'markup', expect.any(String)]);
    expect(await reason(asCustomer(Buffer.from('just some text'), 'notes.pdf'))).toEqual([400, 'wrong_type', 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.']);
    expect(await reason(asCustomer(Buffer.from('MZ\x90\x00executable'), 'setup.exe'))).toEqual([400, 'wrong_type', expect.any(String)]);
    expect(await reason(asCustomer(Buffer.alloc(0), 'empty.png'))).toEqual([400, 'empty', 'The file is empty.']);
    // A PNG signature in front of anything else is no image.
    const fake = Buffer.concat([(await png()).subarray(0, 16), Buffer.from('<script>alert(1)</script>')]);
    expect(await reason(asCustomer(fake, 'fake.png'))).toEqual([400, 'unreadable', expect.any(String)]);
    // The queue's limit (here 1 MB), then the server's (3 MB, refused before it is read in full).
    await updateQueueConfig(db, 'support', (c) => ({ ...c, attachmentMaxMegabytes: 1 }));
    const big = Buffer.concat([PDF, Buffer.alloc(1.5 * MB, 0x20)]);
    expect(await reason(asCustomer(big, 'big.pdf'))).toEqual([400, 'too_big', 'The file is larger than 1 MB.']);
    const huge = Buffer.concat([PDF, Buffer.alloc(4 * MB, 0x20)]);
    expect(await reason(asCustomer(huge, 'huge.pdf'))).toEqual([413, 'too_big', 'The file is larger than 3 MB.']);
    await updateQueueConfig(db, 'support', (c) => ({ ...c, attachmentMaxMegabytes: 5, attachmentsEnabled: false }));
    expect(await reason(asCustomer(PDF, 'ok.pdf'))).toEqual([400, 'off', 'Files cannot be sent in this chat.']);
    expect(await reason(asAgent(PDF, 'ok.pdf'))).toEqual([400, 'off', expect.any(String)]);
    // The console is told, so it shows no attach button for this chat.
    expect((await agentChat()).filesAllowed).toBe(false);
    await updateQueueConfig(db, 'support', (c) => ({ ...c, attachmentsEnabled: true }));
    expect((await agentChat()).filesAllowed).toBe(true);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments'))[0]!.n).toBe(before);
    if (dir) expect(readdirSync(dir)).toHaveLength(before);
  });

  it('lets only the chat holder upload, with the CSRF token; a customer only with their token', async () => {
    const marc = await signIn(node, 'marc@demo.example');
    expect((await asAgent(PDF, 'x.pdf', marc)).status).toBe(403);
    const noCsrf = await upload(node, `/api/agent/chats/${chatId}/attachments?name=x.pdf`, PDF, { cookie: sophieCookie, origin: node.url });
    expect(noCsrf.status).toBe(403);
    expect((await asCustomer(PDF, 'x.pdf', 'not-a-token')).status).toBe(401);
    expect((await upload(node, '/api/public/chat/attachments?name=x.pdf', PDF, {})).status).toBe(401);
  });

  it('stores a retried upload once', async () => {
    const first = await asCustomer(PDF, 'again.pdf', token, '&clientMsgId=up-1');
    const second = await asCustomer(PDF, 'again.pdf', token, '&clientMsgId=up-1');
    expect(second.status).toBe(201);
    expect(second.body.event!.seq).toBe(first.body.event!.seq);
    expect(second.body.event!.attachment!.id).toBe(first.body.event!.attachment!.id);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM attachments WHERE name = 'again.pdf'"))[0]!.n).toBe(1);
    if (dir) expect(readdirSync(dir).length).toBe((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments'))[0]!.n);
  });

  it("exports the customer's files and erases them with the customer", async () => {
    // Ended, the chat is in the console's history, its files with it.
    expect((await call<Result>(customer, 'chat:end', {})).ok).toBe(true);
    const history = await api(node, 'GET', `/api/agent/history/${chatId}`, undefined, sophieCookie);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    const files = (history.body.chat.events as ChatEventView[]).filter((e) => e.attachment).map((e) => e.attachment!.name);
    expect(files.slice(0, 3)).toEqual(['holiday photo.png', 'invoice.html.pdf', 'smile.gif']);
    expect((await asCustomer(PDF, 'late.pdf')).status).toBe(409);

    const admin = await signIn(node, 'admin@demo.example');
    const exported = await api(node, 'POST', '/api/admin/privacy/export', { email: form.email }, admin);
    expect(exported.status).toBe(200);
    const chat = (exported.body.chats as Array<{ chatId: string; files: Array<{ name: string; base64: string }> }>).find((c) => c.chatId === chatId)!;
    expect(chat.files.find((f) => f.name === 'invoice.html.pdf')?.base64).toBe(PDF.toString('base64'));
    const ids = (await db.query<{ id: string }>('SELECT id FROM attachments WHERE chat_id = $1', [chatId])).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(3);

    const erased = await api(node, 'POST', '/api/admin/privacy/erase', { email: form.email }, admin);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.erased.files).toBeGreaterThanOrEqual(ids.length);
    expect((await db.query('SELECT 1 FROM attachments WHERE chat_id = $1', [chatId])).length).toBe(0);
    expect((await db.query('SELECT 1 FROM chat_events WHERE chat_id = $1 AND attachment IS NOT NULL', [chatId])).length).toBe(0);
    if (dir) for (const id of ids) expect(existsSync(join(dir, id))).toBe(false);
    expect((await download(ids[0]!, { cookie: admin })).status).toBe(404);
  });
});

describe('attachment rate limit', () => {
  it('refuses too many uploads from one address', async () => {
    const [backend] = backends();
    const opened = await backend!.open();
    const node = await startTestNode(opened.db, { rateLimits: { ...RELAXED_LIMITS, attachmentsPerAddressPer10Minutes: 2 } });
    try {
      const agent = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
      await call(agent, 'console:snapshot', {});
      await call(agent, 'status:set', { status: 'available' });
      const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
      agent.disconnect();
      const send = () => upload(node, '/api/public/chat/attachments?name=a.pdf', PDF, { [CHAT_TOKEN_HEADER]: started.token });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      const third = await send();
      expect(third.status).toBe(429);
      expect(third.body.error?.message).toMatch(/^Too many files were sent from your address\./);
    } finally {
      await node.close();
      await opened.db.close();
      await opened.drop();
    }
  });
});
