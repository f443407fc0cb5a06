/**
 * The authorization matrix: every HTTP route the node registers and every
 * socket event of src/protocol/events.ts, called by every role (admin,
 * supervisor, agent) of the demo client, the same roles of another client,
 * and an anonymous caller. Each answer must be the one in the table, never a
 * 500, and never carry the other client's data.
 *
 * A route added later makes this test fail until it has a row in ROUTES: say
 * who may call it and what each caller gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newId, newToken } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import { defaultQueueConfig, type QueueConfig } from '../src/domain/queueConfig.js';
import type { ErrorId, Result } from '../src/protocol/errors.js';
import type { AgentClientEvents, CustomerClientEvents } from '../src/protocol/events.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { SupervisorClientEvents } from '../src/protocol/supervisor.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { startSmtpServer } from './support/smtp.js';
import {
  api,
  call,
  connectAgent,
  connectCustomer,
  connectSupervisor,
  nextEvent,
  signIn,
  startTestNode,
  type AgentSocket,
  type CustomerSocket,
} from './support/testNode.js';

const ACTORS = ['anonymous', 'otherAgent', 'otherSupervisor', 'otherAdmin', 'agent', 'supervisor', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Staff = Exclude<Actor, 'anonymous'>;
type Expected = number | readonly number[];

interface Fixtures {
  demo: {
    clientId: string;
    queueId: string;
    spareQueueId: string;
    sophieId: string;
    spareId: string;
    config: QueueConfig;
    /** A chat Sophie answered and ended, a left message and a callback request. */
    endedChatId: string;
    /** A chat left in progress with Sophie, who is gone: an admin ends it. */
    stuckChatId: string;
    messageItemId: string;
    callbackItemId: string;
    /** A mail that failed for good (the admin may send it again). */
    failedMailId: string;
    /** An API token of the demo client (its admin revokes it). */
    apiTokenId: string;
    webhookId: string;
    spareWebhookId: string;
    cannedReplyId: string;
    spareCannedReplyId: string;
    webhookDeliveryId: string;
  };
  other: { clientId: string; queueId: string };
}

interface RouteCase {
  /** Path parameters, by name (`*` for a wildcard). */
  params?: (f: Fixtures) => Record<string, string>;
  body?: (f: Fixtures, actor: Actor) => unknown;
  expect: Record<Actor, Expected>;
}

const all = (status: Expected): Record<Actor, Expected> => Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, Expected>;
/** Any signed-in person, each within their own client. */
const staff = (ok: Expected): Record<Actor, Expected> => ({ ...all(ok), anonymous: 401 });
/** Admins only; another client's admin gets their own data. */
const adminsOwnData = (ok: Expected): Record<Actor, Expected> => ({ ...all(403), admin: ok, otherAdmin: ok, anonymous: 401 });
/** Admins only, on a resource of the demo client: another client's admin cannot see it. */
const adminsOfThisClient = (ok: Expected): Record<Actor, Expected> => ({ ...adminsOwnData(ok), otherAdmin: 404 });
const PAGE: Expected = [200, 503]; // 503 when the browser apps are not built

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const demoForm = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

const ROUTES: Record<string, RouteCase> = {
  // Pages and assets: anyone.
  'GET /': { expect: all(302) },
  'GET /healthz': { expect: all(200) },
  'GET /health': { expect: all(200) },
  'GET /ready': { expect: all(200) },
  // Network-guarded, not person-guarded (tests call from loopback; tests/metrics.test.ts covers the rest).
  'GET /metrics': { expect: all(200) },
  'GET /chat/:slug': { params: () => ({ slug: 'support' }), expect: all(PAGE) },
  'GET /agent': { expect: all(PAGE) },
  'GET /admin': { expect: all(PAGE) },
  'GET /assets/*': { params: () => ({ '*': 'no-such-file.js' }), expect: all(404) },
  'GET /static/*': { params: () => ({ '*': 'default-avatar.svg' }), expect: all([200, 404]) },
  // The API's documentation (Swagger UI and the OpenAPI document): anyone.
  'GET /docs': { expect: all(200) },
  'GET /docs/json': { expect: all(200) },
  'GET /docs/yaml': { expect: all(200) },
  'GET /docs/static/index.html': { expect: all(302) }, // to /docs
  'GET /docs/static/swagger-initializer.js': { expect: all(200) },
  'GET /docs/static/*': { params: () => ({ '*': 'swagger-ui.css' }), expect: all(200) },

  // Customers: anyone, no cookie needed.
  'GET /api/public/queues/:slug': { params: () => ({ slug: 'support' }), expect: all(200) },
  'POST /api/public/queues/:slug/chats': { params: () => ({ slug: 'support' }), body: () => ({ fields: demoForm }), expect: all(409) },
  'POST /api/public/queues/:slug/messages': {
    params: () => ({ slug: 'after-hours' }),
    body: () => ({ email: 'ana@example.com', message: 'Hello' }),
    expect: all(201),
  },
  'POST /api/public/queues/:slug/callbacks': {
    params: () => ({ slug: 'after-hours' }),
    body: () => ({ name: 'Ana', phone: '+33 6 12 34 56 78', preferredTime: 'Today' }),
    expect: all(201),
  },
  // After a chat: only the chat's token (x-chat-token header) opens these, never a session (tests/transcripts.test.ts, surveys.test.ts).
  'GET /api/public/chat/after': { expect: all(401) },
  'GET /api/public/chat/transcript': { expect: all(401) },
  'POST /api/public/chat/transcript/mail': { body: () => ({ email: 'ana@example.com', language: 'en' }), expect: all(401) },
  'POST /api/public/chat/survey': { body: () => ({ rating: 5 }), expect: all(401) },
  'GET /widget.js': { expect: all([200, 404]) },
  'GET /api/attachments/:id': { params: () => ({ id: '00000000-0000-4000-8000-000000000000' }), expect: { ...all(404), anonymous: 401 } },
  'POST /api/public/chat/attachments': { expect: all(401) },
  // The client's own staff learn only that the chat has ended; other clients that it does not exist.
  'POST /api/agent/chats/:chatId/attachments': { params: (f) => ({ chatId: f.demo.endedChatId }), expect: { ...staff(404), agent: 409, supervisor: 409, admin: 409 } },
  'GET /api/public/avatars/:userId': { params: (f) => ({ userId: f.demo.sophieId }), expect: all(200) },

  // Signing in and out.
  'POST /api/auth/login': { body: () => ({ email: 'nobody@example.com', password: 'wrong-password' }), expect: all(401) },
  'GET /api/auth/me': { expect: staff(200) },
  'GET /api/auth/session': { expect: all(200) },
  'GET /api/agent/offline-items': { expect: staff(200) },

  // Agent console: one's own history; offline items of one's client, answered once (then 409).
  'GET /api/agent/history': { expect: staff(200) },
  // Admins and supervisors read the whole client's history (the portal's Chat history); an agent their own.
  'GET /api/agent/history/:chatId': { params: (f) => ({ chatId: f.demo.endedChatId }), expect: { ...staff(404), agent: 200, supervisor: 200, admin: 200 } },
  'GET /api/agent/history/:chatId/transcript': { params: (f) => ({ chatId: f.demo.endedChatId }), expect: { ...staff(404), agent: 200, supervisor: 200, admin: 200 } },
  'POST /api/agent/offline-items/:id/reply': {
    params: (f) => ({ id: f.demo.messageItemId }),
    body: () => ({ body: 'Thanks, we will look into it.' }),
    expect: { ...staff(404), agent: 200, supervisor: 409, admin: 409 },
  },
  'POST /api/agent/offline-items/:id/outcome': {
    params: (f) => ({ id: f.demo.callbackItemId }),
    body: () => ({ outcome: 'reached' }),
    expect: { ...staff(404), agent: 200, supervisor: 409, admin: 409 },
  },

  // Client Admin Portal: queues.
  'GET /api/admin/queues': { expect: adminsOwnData(200) },
  'POST /api/admin/queues': { body: () => ({ name: `Matrix ${unique()}` }), expect: adminsOwnData(201) },
  'GET /api/admin/queues/:id': { params: (f) => ({ id: f.demo.queueId }), expect: adminsOfThisClient(200) },
  'POST /api/admin/queues/:id/duplicate': { params: (f) => ({ id: f.demo.spareQueueId }), body: () => ({ name: `Copy ${unique()}` }), expect: adminsOfThisClient(201) },
  'PATCH /api/admin/queues/:id/general': {
    params: (f) => ({ id: f.demo.spareQueueId }),
    body: (f) => ({ name: 'Spare', open: f.demo.config.open, agentDisplay: f.demo.config.agentDisplay, waitingMessages: f.demo.config.waitingMessages, showEstimatedWait: true }),
    expect: adminsOfThisClient(200),
  },
  'PUT /api/admin/queues/:id/data-collection': {
    params: (f) => ({ id: f.demo.spareQueueId }),
    body: (f) => ({ dataCollection: f.demo.config.dataCollection }),
    expect: adminsOfThisClient(200),
  },
  'PUT /api/admin/queues/:id/working-hours': {
    params: (f) => ({ id: f.demo.spareQueueId }),
    body: (f) => ({ workingHours: f.demo.config.workingHours }),
    expect: adminsOfThisClient(200),
  },
  'PUT /api/admin/queues/:id/offline': {
    params: (f) => ({ id: f.demo.spareQueueId }),
    body: (f) => ({ offline: f.demo.config.offline, closedMessage: f.demo.config.closedMessage, noAgentsMessage: f.demo.config.noAgentsMessage }),
    expect: adminsOfThisClient(200),
  },
  'PUT /api/admin/queues/:id/translations': {
    params: (f) => ({ id: f.demo.spareQueueId }),
    body: () => ({ translations: { fr: { name: 'Assistance' } } }),
    expect: adminsOfThisClient(200),
  },
  'PUT /api/admin/queues/:id/agents': { params: (f) => ({ id: f.demo.spareQueueId }), body: (f) => ({ agentIds: [f.demo.spareId] }), expect: adminsOfThisClient(200) },
  'DELETE /api/admin/queues/:id': { params: (f) => ({ id: f.demo.spareQueueId }), expect: adminsOfThisClient(204) },

  // Client Admin Portal: people.
  'GET /api/admin/people': { expect: adminsOwnData(200) },
  'POST /api/admin/people': {
    body: (_f, actor) => ({ email: `new-${unique()}@${actor.startsWith('other') ? 'other' : 'demo'}.example`, displayName: 'New Person', role: 'agent', capacity: 2, password: 'a-long-password' }),
    expect: adminsOwnData(201),
  },
  'PATCH /api/admin/people/:id': {
    params: (f) => ({ id: f.demo.spareId }),
    body: () => ({ email: 'spare@demo.example', displayName: 'Spare Agent', role: 'agent', capacity: 2 }),
    expect: adminsOfThisClient(200),
  },
  'POST /api/admin/people/:id/deactivate': { params: (f) => ({ id: f.demo.spareId }), expect: adminsOfThisClient(200) },
  'POST /api/admin/people/:id/activate': { params: (f) => ({ id: f.demo.spareId }), expect: adminsOfThisClient(200) },
  'POST /api/admin/people/:id/password': { params: (f) => ({ id: f.demo.spareId }), body: () => ({ password: 'another-long-password' }), expect: adminsOfThisClient(204) },
  'PUT /api/admin/people/:id/picture': { params: (f) => ({ id: f.demo.spareId }), body: () => ({ data: PNG_1PX }), expect: adminsOfThisClient(200) },
  'DELETE /api/admin/people/:id/picture': { params: (f) => ({ id: f.demo.spareId }), expect: adminsOfThisClient(200) },
  'GET /api/admin/audit': { expect: adminsOwnData(200) },

  // Client Admin Portal: the client's outbox; a failed mail sent again (once; then it is no longer failed).
  'GET /api/admin/mail': { expect: adminsOwnData(200) },
  'POST /api/admin/mail/:id/retry': { params: (f) => ({ id: f.demo.failedMailId }), expect: adminsOfThisClient(200) },
  // Client Admin Portal: chats in progress; an admin of the chat's client ends a stuck one.
  'GET /api/admin/chats': { expect: adminsOwnData(200) },
  'POST /api/admin/chats/:id/end': { params: (f) => ({ id: f.demo.stuckChatId }), expect: adminsOfThisClient(204) },

  // API tokens: each admin within their own client; a token of the demo client is revoked once (by its admin).
  'GET /api/admin/tokens': { expect: adminsOwnData(200) },
  'POST /api/admin/tokens': { body: () => ({ name: `Matrix ${unique()}`, scopes: ['queues:read'] }), expect: adminsOwnData(201) },
  'DELETE /api/admin/tokens/:id': { params: (f) => ({ id: f.demo.apiTokenId }), expect: adminsOfThisClient(204) },

  // Webhooks: each admin within their own client; the spare one is deleted once (by its admin).
  'GET /api/admin/webhooks': { expect: adminsOwnData(200) },
  // Admins and supervisors, each reading their own client's (the last seven days by default).
  'GET /api/admin/reports': { expect: { ...all(403), admin: 200, otherAdmin: 200, supervisor: 200, otherSupervisor: 200, anonymous: 401 } },
  'POST /api/admin/webhooks': { body: () => ({ url: `https://hooks.example.com/${unique()}`, events: ['chat.ended'] }), expect: adminsOwnData(201) },
  'PUT /api/admin/webhooks/:id': { params: (f) => ({ id: f.demo.webhookId }), body: () => ({ url: 'https://hooks.example.com/crm', events: ['chat.queued'], active: false }), expect: adminsOfThisClient(200) },
  'GET /api/admin/webhooks/:id/secret': { params: (f) => ({ id: f.demo.webhookId }), expect: adminsOfThisClient(200) },
  'POST /api/admin/webhooks/:id/secret': { params: (f) => ({ id: f.demo.webhookId }), expect: adminsOfThisClient(200) },
  'POST /api/admin/webhooks/:id/test': { params: (f) => ({ id: f.demo.webhookId }), expect: adminsOfThisClient(202) },
  'GET /api/admin/webhooks/:id/deliveries': { params: (f) => ({ id: f.demo.webhookId }), expect: adminsOfThisClient(200) },
  'POST /api/admin/webhooks/:id/deliveries/:deliveryId/retry': {
    params: (f) => ({ id: f.demo.webhookId, deliveryId: f.demo.webhookDeliveryId }),
    expect: adminsOfThisClient(202),
  },
  'DELETE /api/admin/webhooks/:id': { params: (f) => ({ id: f.demo.spareWebhookId }), expect: adminsOfThisClient(204) },

  // Canned replies: each admin within their own client; every signed-in person reads the ones they may use.
  'GET /api/admin/canned-replies': { expect: adminsOwnData(200) },
  'POST /api/admin/canned-replies': { body: () => ({ shortcut: `m-${unique()}`.toLowerCase().slice(0, 30), body: 'Hello' }), expect: adminsOwnData(201) },
  'PUT /api/admin/canned-replies/:id': { params: (f) => ({ id: f.demo.cannedReplyId }), body: () => ({ shortcut: 'matrix', body: 'Hello again' }), expect: adminsOfThisClient(200) },
  'DELETE /api/admin/canned-replies/:id': { params: (f) => ({ id: f.demo.spareCannedReplyId }), expect: adminsOfThisClient(204) },
  'GET /api/agent/canned-replies': { expect: staff(200) },

  // Privacy: each admin within their own client (another client's admin finds nothing).
  'POST /api/admin/privacy/export': { body: () => ({ email: 'ana@example.com' }), expect: adminsOwnData(200) },
  'POST /api/admin/privacy/erase': { body: () => ({ email: 'nobody-here@example.com' }), expect: adminsOwnData(200) },

  // Last: it ends the caller's session.
  'POST /api/auth/logout': { expect: all(204) },
};

/** Values of one client that must never appear in an answer to the other client or to an anonymous caller. */
async function markersOf(db: Db, clientId: string, domain: string, name: string): Promise<string[]> {
  const ids = await db.query<{ id: string }>('SELECT id FROM queues WHERE client_id = $1 UNION SELECT id FROM users WHERE client_id = $1', [clientId]);
  return [clientId, ...ids.map((r) => r.id), domain, name];
}

const isPublic = (route: string) => !route.includes(' /api/') || route.includes(' /api/public/') || route === 'POST /api/auth/login';

async function insertUser(db: Db, clientId: string, email: string, role: string, name: string): Promise<string> {
  const id = newId();
  await db.query('INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    clientId,
    email,
    await hashPassword('demo1234'),
    role,
    name,
  ]);
  return id;
}

describe.each(backends())('authorization matrix on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let fixtures: Fixtures;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const cookies = {} as Record<Staff, string>;
  const markers = { demo: [] as string[], other: [] as string[] };
  const emails: Record<Staff, string> = {
    admin: 'admin@demo.example',
    supervisor: 'sue@demo.example',
    agent: 'sophie@demo.example',
    otherAdmin: 'admin@other.example',
    otherSupervisor: 'sam@other.example',
    otherAgent: 'max@other.example',
  };

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    // A node that sends mail, so that "send again" has somewhere to send it.
    smtp = await startSmtpServer();
    node = await startTestNode(db, { sweepIntervalMs: 60_000, smtpUrl: smtp.url });
    const [demo] = await db.query<{ client_id: string; id: string; config: QueueConfig }>("SELECT client_id, id, config FROM queues WHERE slug = 'support'");
    const [sophie] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'");
    await insertUser(db, demo!.client_id, emails.supervisor, 'supervisor', 'Sue');
    const spareId = await insertUser(db, demo!.client_id, 'spare@demo.example', 'agent', 'Spare Agent');
    const spareQueueId = newId();
    await db.query("INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, 'spare', 'Spare', $3)", [spareQueueId, demo!.client_id, JSON.stringify(defaultQueueConfig())]);
    const other = await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: emails.otherAdmin, agentEmail: emails.otherAgent });
    await insertUser(db, other.clientId, emails.otherSupervisor, 'supervisor', 'Sam');
    const endedChatId = newId();
    await db.query(
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, accepted_at, ended_at, ended_by)
       VALUES ($1, $2, $3, $4, 'ended', 'Ana', '{"fields": [], "values": {}}', $5, now(), now(), 'agent')`,
      [endedChatId, demo!.client_id, demo!.id, hashToken(newToken()), sophie!.id],
    );
    const stuckChatId = newId();
    await db.query(
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, offered_at, accepted_at)
       VALUES ($1, $2, $3, $4, 'active', 'Stuck Stan', '{"fields": [], "values": {}}', $5, now(), now())`,
      [stuckChatId, demo!.client_id, demo!.id, hashToken(newToken()), sophie!.id],
    );
    const [messageItemId, callbackItemId] = [newId(), newId()];
    await db.query("INSERT INTO offline_items (id, client_id, queue_id, kind, email, message) VALUES ($1, $2, $3, 'message', 'ana@example.com', 'Hello')", [
      messageItemId,
      demo!.client_id,
      demo!.id,
    ]);
    await db.query("INSERT INTO offline_items (id, client_id, queue_id, kind, name, phone, preferred_time) VALUES ($1, $2, $3, 'callback', 'Ana', '+33 6 12 34 56 78', 'Today')", [
      callbackItemId,
      demo!.client_id,
      demo!.id,
    ]);
    const failedMailId = newId();
    await db.query(
      "INSERT INTO outbox (id, client_id, to_address, subject, body, status, attempts, last_error) VALUES ($1, $2, 'support@demo.example', 'Lost', 'Lost mail', 'failed', 8, '451 Try again later')",
      [failedMailId, demo!.client_id],
    );
    const apiTokenId = newId();
    await db.query("INSERT INTO api_tokens (id, client_id, token_hash, name, scopes, created_by_name) VALUES ($1, $2, $3, 'Matrix token', '{queues:read}', 'Admin')", [
      apiTokenId,
      demo!.client_id,
      hashToken(newToken()),
    ]);
    const [webhookId, spareWebhookId, webhookDeliveryId] = [newId(), newId(), newId()];
    for (const id of [webhookId, spareWebhookId]) {
      await db.query("INSERT INTO webhooks (id, client_id, url, events, secret) VALUES ($1, $2, 'https://hooks.example.com/crm', '{chat.ended}', 'whsec_matrix')", [id, demo!.client_id]);
    }
    await db.query(
      "INSERT INTO webhook_deliveries (id, webhook_id, client_id, event, payload, status, attempts, last_error) VALUES ($1, $2, $3, 'chat.ended', '{}', 'failed', 8, 'HTTP 500')",
      [webhookDeliveryId, webhookId, demo!.client_id],
    );
    const [cannedReplyId, spareCannedReplyId] = [newId(), newId()];
    for (const [id, shortcut] of [[cannedReplyId, 'matrix'], [spareCannedReplyId, 'spare']] as const) {
      await db.query("INSERT INTO canned_replies (id, client_id, shortcut, body) VALUES ($1, $2, $3, 'Hello')", [id, demo!.client_id, shortcut]);
    }
    fixtures = {
      demo: {
        clientId: demo!.client_id,
        queueId: demo!.id,
        spareQueueId,
        sophieId: sophie!.id,
        spareId,
        config: defaultQueueConfig(),
        endedChatId,
        stuckChatId,
        messageItemId,
        callbackItemId,
        failedMailId,
        apiTokenId,
        webhookId,
        spareWebhookId,
        webhookDeliveryId,
        cannedReplyId,
        spareCannedReplyId,
      },
      other: { clientId: other.clientId, queueId: other.queueId },
    };
    markers.demo = await markersOf(db, demo!.client_id, 'demo.example', 'Demo Company');
    markers.other = await markersOf(db, other.clientId, 'other.example', 'Other Co');
    for (const actor of Object.keys(emails) as Staff[]) cookies[actor] = await signIn(node, emails[actor]);
  });
  afterAll(async () => {
    await node?.close();
    await smtp?.close();
    await db?.close();
    await drop?.();
  });

  const leakCheck = (actor: Actor, text: string, what: string) => {
    const foreign = actor === 'anonymous' || actor.startsWith('other') ? markers.demo : markers.other;
    for (const marker of foreign) expect(text.includes(marker), `${what} as ${actor} leaks "${marker}"`).toBe(false);
  };

  it('has a row in the table for every HTTP route', () => {
    const missing = node.routes.filter((route) => !ROUTES[route]);
    expect(missing, `Add these routes to ROUTES in tests/authorization.test.ts, saying who may call them: ${missing.join(', ')}`).toEqual([]);
  });

  it('answers every route as the table says for every caller, never 500, never leaking', async () => {
    const failures: string[] = [];
    const routes = Object.keys(ROUTES).filter((route) => node.routes.includes(route));
    for (const route of routes) {
      const spec = ROUTES[route]!;
      const [method, pattern] = route.split(' ') as [string, string];
      const params = spec.params?.(fixtures) ?? {};
      const path = pattern.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => encodeURIComponent(params[name ?? '*'] ?? whole));
      for (const actor of ACTORS) {
        const body = spec.body?.(fixtures, actor);
        const response = await api(node, method, path, body, actor === 'anonymous' ? undefined : cookies[actor]).catch(async () => {
          // Pages answer HTML, not JSON.
          const raw = await fetch(`${node.url}${path}`, { method, headers: actor === 'anonymous' ? {} : { cookie: cookies[actor] }, redirect: 'manual' });
          return { status: raw.status, body: await raw.text() };
        });
        const expected = [spec.expect[actor]].flat();
        if (!expected.includes(response.status)) failures.push(`${route} as ${actor}: ${response.status} (expected ${expected.join(' or ')}) ${JSON.stringify(response.body).slice(0, 200)}`);
        if (response.status >= 400 && response.body && typeof response.body === 'object') {
          const error = (response.body as { error?: { id?: unknown; message?: unknown } }).error;
          if (typeof error?.id !== 'string' || typeof error.message !== 'string') failures.push(`${route} as ${actor}: error without { id, message }`);
        }
        if (!isPublic(route)) leakCheck(actor, JSON.stringify(response.body ?? ''), route);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000); // every route × every caller: seconds on a quiet machine, much longer on a crowded CI box

  it('refuses ids of another client inside a body (assigning their agent to our queue)', async () => {
    const [max] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'max@other.example'");
    const admin = await signIn(node, emails.admin);
    const response = await api(node, 'PUT', `/api/admin/queues/${fixtures.demo.queueId}/agents`, { agentIds: [max!.id] }, admin);
    expect([400, 404]).toContain(response.status);
    const assigned = await db.query('SELECT 1 FROM queue_agents WHERE user_id = $1 AND queue_id = $2', [max!.id, fixtures.demo.queueId]);
    expect(assigned).toEqual([]);
  });

  describe('socket events', () => {
    type Outcome = 'ok' | ErrorId;
    interface EventCase {
      payload: (chatId: string) => unknown;
      expect: Record<Staff, Outcome>;
    }
    const onlyTheChatsAgent = (mine: Outcome, theirs: Outcome, foreign: Outcome): Record<Staff, Outcome> => ({
      otherAgent: foreign,
      otherSupervisor: foreign,
      otherAdmin: foreign,
      supervisor: theirs,
      admin: theirs,
      agent: mine,
    });
    // Typed by the protocol's event map: a new event fails type checking until it has a row.
    const AGENT_EVENTS: Record<keyof AgentClientEvents, EventCase> = {
      'console:snapshot': { payload: () => ({}), expect: onlyTheChatsAgent('ok', 'ok', 'ok') },
      'status:set': { payload: () => ({ status: 'away' }), expect: onlyTheChatsAgent('ok', 'ok', 'ok') },
      // The chat's own agent already accepted it: a retried accept answers ok with the chat (idempotent).
      'offer:accept': { payload: (chatId) => ({ chatId }), expect: onlyTheChatsAgent('ok', 'not_offered', 'not_found') },
      'offer:decline': { payload: (chatId) => ({ chatId }), expect: onlyTheChatsAgent('not_offered', 'not_offered', 'not_found') },
      'message:send': { payload: (chatId) => ({ chatId, clientMsgId: unique(), body: 'Hello' }), expect: onlyTheChatsAgent('ok', 'forbidden', 'not_found') },
      typing: { payload: (chatId) => ({ chatId, typing: true }), expect: onlyTheChatsAgent('ok', 'forbidden', 'forbidden') },
      'chat:sync': { payload: (chatId) => ({ chatId, afterSeq: 0 }), expect: onlyTheChatsAgent('ok', 'forbidden', 'not_found') },
      'chat:leave': { payload: (chatId) => ({ chatId }), expect: onlyTheChatsAgent('ok', 'forbidden', 'not_found') },
      // No offline item has this id in anyone's client: nobody learns anything (tests/agentWork.test.ts covers real offers).
      'offline:accept': { payload: (chatId) => ({ id: chatId }), expect: onlyTheChatsAgent('not_found', 'not_found', 'not_found') },
      'offline:decline': { payload: (chatId) => ({ id: chatId }), expect: onlyTheChatsAgent('not_found', 'not_found', 'not_found') },
      // A receipt changes nothing unless the offer is the caller's own, and answers alike either way (discloses nothing).
      'offer:seen': { payload: (chatId) => ({ chatId }), expect: onlyTheChatsAgent('ok', 'ok', 'ok') },
      // Older events of the chat (ended above by its own agent, who may still page it): only theirs.
      'chat:history': { payload: (chatId) => ({ chatId, beforeSeq: 100 }), expect: onlyTheChatsAgent('ok', 'forbidden', 'not_found') },
      // Transfers (tests/transfers.test.ts covers them working): only the chat's agent may ask; the chat has
      // ended by now, so the agent's request is answered with a refusal (ok, state refused), not an error.
      'transfer:targets': { payload: (chatId) => ({ chatId }), expect: onlyTheChatsAgent('ok', 'forbidden', 'not_found') },
      'transfer:request': { payload: (chatId) => ({ chatId, to: { kind: 'queue', queueId: chatId }, note: '' }), expect: onlyTheChatsAgent('ok', 'forbidden', 'not_found') },
      // No transfer has this id: nobody learns anything.
      'transfer:accept': { payload: (chatId) => ({ transferId: chatId }), expect: onlyTheChatsAgent('not_offered', 'not_offered', 'not_offered') },
      'transfer:decline': { payload: (chatId) => ({ transferId: chatId }), expect: onlyTheChatsAgent('not_offered', 'not_offered', 'not_offered') },
      'transfer:cancel': { payload: (chatId) => ({ transferId: chatId }), expect: onlyTheChatsAgent('not_offered', 'not_offered', 'not_offered') },
      // Internal notes from the console: on the caller's own chat only (ended chats too: they stay in history).
      'note:add': { payload: (chatId) => ({ chatId, clientMsgId: unique(), body: 'Staff only' }), expect: onlyTheChatsAgent('ok', 'forbidden', 'not_found') },
    };
    const CUSTOMER_EVENTS: Record<keyof CustomerClientEvents, (n: number) => unknown> = {
      'chat:sync': () => ({ afterSeq: 0 }),
      'message:send': (n) => ({ clientMsgId: `c${n}`, body: 'Hi' }),
      typing: () => ({ typing: true }),
      'chat:end': () => ({}),
    };

    let chat: StartChatResponse;
    let otherChat: { chatId: string; token: string };
    const sockets = {} as Record<Staff, AgentSocket>;

    beforeAll(async () => {
      for (const actor of Object.keys(emails) as Staff[]) sockets[actor] = await connectAgent(node, await signIn(node, emails[actor]));
      await call(sockets.agent, 'status:set', { status: 'available' });
      const offered = nextEvent<{ chatId: string }>(sockets.agent, 'offer');
      chat = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: demoForm })).body as StartChatResponse;
      await offered;
      expect((await call<Result>(sockets.agent, 'offer:accept', { chatId: chat.chatId })).ok).toBe(true);
      // A chat of the other client, queued, with a token of its own.
      otherChat = { chatId: newId(), token: newToken() };
      await db.query(
        `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data) VALUES ($1, $2, $3, $4, 'queued', 'Olga', '{"fields": [], "values": {}}')`,
        [otherChat.chatId, fixtures.other.clientId, fixtures.other.queueId, hashToken(otherChat.token)],
      );
    });
    afterAll(() => {
      for (const socket of Object.values(sockets)) socket?.disconnect();
    });

    it('refuses an anonymous console and a customer without a valid chat token', async () => {
      const refused = (connect: Promise<unknown>) => connect.then(() => 'connected', (error: Error) => error.message);
      expect(await refused(connectAgent(node, ''))).toBe('unauthorized');
      expect(await refused(connectAgent(node, 'rc_session=forged-token-forged-token-forged-token'))).toBe('unauthorized');
      expect(await refused(connectCustomer(node, ''))).toBe('unauthorized');
      expect(await refused(connectCustomer(node, newToken()))).toBe('unauthorized');
    });

    it('answers every agent event as the table says for every role, own client and other client', async () => {
      const failures: string[] = [];
      for (const [event, spec] of Object.entries(AGENT_EVENTS)) {
        for (const actor of ACTORS.filter((a): a is Staff => a !== 'anonymous')) {
          const result = await call<Result>(sockets[actor], event, spec.payload(chat.chatId));
          const outcome = result.ok ? 'ok' : result.error.id;
          if (outcome !== spec.expect[actor]) failures.push(`${event} as ${actor}: ${outcome} (expected ${spec.expect[actor]})`);
          leakCheck(actor, JSON.stringify(result), event);
          // The customer's data is the demo client's: only its own people may read it.
          if (actor.startsWith('other') && JSON.stringify(result).includes('ana@example.com')) failures.push(`${event} as ${actor} leaks the customer`);
        }
      }
      expect(failures).toEqual([]);
    });

    // The portal's live view (/supervisor): supervisors and admins, each within their own client; agents are refused at the door.
    const SUPERVISOR_EVENTS: Record<keyof SupervisorClientEvents, EventCase> = {
      'board:get': { payload: () => ({}), expect: { ...onlyTheChatsAgent('forbidden', 'ok', 'ok'), otherAgent: 'forbidden' } },
      'chat:watch': { payload: (chatId) => ({ chatId }), expect: { ...onlyTheChatsAgent('forbidden', 'ok', 'not_found'), otherAgent: 'forbidden' } },
      'chat:unwatch': { payload: (chatId) => ({ chatId }), expect: { ...onlyTheChatsAgent('forbidden', 'ok', 'ok'), otherAgent: 'forbidden' } },
      // Older pages of a chat: the viewer's client only (another client's chat is not found).
      'chat:history': { payload: (chatId) => ({ chatId, beforeSeq: 100 }), expect: { ...onlyTheChatsAgent('forbidden', 'ok', 'not_found'), otherAgent: 'forbidden' } },
      // The demo chat was ended by its agent above: whispers go to chats in progress only.
      'whisper:send': {
        payload: (chatId) => ({ chatId, clientMsgId: unique(), body: 'Psst' }),
        expect: { ...onlyTheChatsAgent('forbidden', 'chat_ended', 'not_found'), otherAgent: 'forbidden' },
      },
      // Notes from the live view: any chat of the viewer's client, ended ones too.
      'note:add': {
        payload: (chatId) => ({ chatId, clientMsgId: unique(), body: 'Staff only' }),
        expect: { ...onlyTheChatsAgent('forbidden', 'ok', 'not_found'), otherAgent: 'forbidden' },
      },
    };

    it('answers every live view event as the table says for every role, refusing agents at the door', async () => {
      const failures: string[] = [];
      expect(await connectSupervisor(node, '').then(() => 'connected', (error: Error) => error.message)).toBe('unauthorized');
      for (const actor of ACTORS.filter((a): a is Staff => a !== 'anonymous')) {
        const socket = await connectSupervisor(node, await signIn(node, emails[actor])).catch((error: Error) => error.message);
        for (const [event, spec] of Object.entries(SUPERVISOR_EVENTS)) {
          let outcome: string;
          if (typeof socket === 'string') outcome = socket;
          else {
            const result = await call<Result>(socket, event, spec.payload(chat.chatId));
            outcome = result.ok ? 'ok' : result.error.id;
            leakCheck(actor, JSON.stringify(result), event);
            if (actor.startsWith('other') && JSON.stringify(result).includes('ana@example.com')) failures.push(`${event} as ${actor} leaks the customer`);
          }
          if (outcome !== spec.expect[actor]) failures.push(`${event} as ${actor}: ${outcome} (expected ${spec.expect[actor]})`);
        }
        if (typeof socket !== 'string') socket.disconnect();
      }
      expect(failures).toEqual([]);
    });

    it("gives a chat token its own chat and nothing else, for every customer event", async () => {
      const mine = await connectCustomer(node, chat.token);
      const theirs = await connectCustomer(node, otherChat.token);
      let n = 0;
      for (const [event, payload] of Object.entries(CUSTOMER_EVENTS)) {
        for (const [socket, chatId] of [
          [mine, chat.chatId],
          [theirs, otherChat.chatId],
        ] as Array<[CustomerSocket, string]>) {
          const result = await call<Result<Record<string, unknown>>>(socket, event, payload(n++));
          const text = JSON.stringify(result);
          const otherId = chatId === chat.chatId ? otherChat.chatId : chat.chatId;
          expect(text, `${event} answered with another chat's data`).not.toContain(otherId);
          if (event === 'chat:sync') expect(result.ok && (result.state as { chatId: string }).chatId).toBe(chatId);
          // A waiting customer may write; the demo chat was ended by its agent above.
          if (event === 'message:send') expect(result.ok ? 'ok' : result.error.id, `${event} for ${chatId}`).toBe(chatId === chat.chatId ? 'chat_ended' : 'ok');
        }
      }
      mine.disconnect();
      theirs.disconnect();
    });
  });
});
