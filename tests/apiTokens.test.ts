/**
 * API tokens: an admin creates one (the secret shown once), a server calls the
 * routes its scopes cover with `Authorization: Bearer`, within its own client
 * only; other scopes, other routes and other clients are refused; a revoked
 * token is refused at once on every node; creation and revocation are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newId, newToken } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import type { AdminQueueDetail, ApiTokenView, AuditEntryView, NewApiTokenView } from '../src/protocol/admin.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, signIn, startTestNode } from './support/testNode.js';

async function bearer(node: RunningNode, method: string, path: string, secret: string, body?: unknown, cookie?: string) {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

describe.each(backends())('API tokens on $name', (backend) => {
  let nodeA: RunningNode;
  let nodeB: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let other: Awaited<ReturnType<typeof createClient>>;
  let demoClientId: string;
  let supportQueueId: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    // Two nodes on one database: a token revoked through one is refused by the other at once.
    nodeA = await startTestNode(db, { sweepIntervalMs: 60_000 });
    nodeB = await startTestNode(db, { sweepIntervalMs: 60_000 });
    other = await createClient(db, { name: 'Other Co', slug: 'other-support', adminEmail: 'admin@other.example', agentEmail: 'max@other.example' });
    admin = await signIn(nodeA, 'admin@demo.example');
    const [support] = await db.query<{ id: string; client_id: string }>("SELECT id, client_id FROM queues WHERE slug = 'support'");
    supportQueueId = support!.id;
    demoClientId = support!.client_id;
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
    await db?.close();
    await drop?.();
  });

  const create = async (name: string, scopes: string[]) => {
    const response = await api(nodeA, 'POST', '/api/admin/tokens', { name, scopes }, admin);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as NewApiTokenView;
  };

  it('creates, uses within its scopes and client, refuses the rest, revokes at once on every node, and audits both', async () => {
    const token = await create('Reporting server', ['queues:read', 'chats:read']);
    expect(token.secret).toMatch(/^rct_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'Reporting server', scopes: ['queues:read', 'chats:read'], lastUsedAt: null, createdByName: 'Alex Admin' });
    // Stored hashed: the secret is nowhere in the table.
    const [row] = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [token.id]);
    expect(row!.token_hash).toBe(hashToken(token.secret));

    // Used on another node than the one that made it.
    const queues = await bearer(nodeB, 'GET', '/api/admin/queues', token.secret);
    expect(queues.status).toBe(200);
    const ids = (queues.body.queues as Array<{ id: string }>).map((q) => q.id);
    expect(ids).toContain(supportQueueId);
    expect(ids).not.toContain(other.queueId);
    expect((await bearer(nodeB, 'GET', `/api/admin/queues/${supportQueueId}`, token.secret)).status).toBe(200);
    expect((await bearer(nodeB, 'GET', '/api/admin/chats', token.secret)).status).toBe(200);

    // Another client's queue: not found, as for that client's strangers.
    const foreign = await bearer(nodeB, 'GET', `/api/admin/queues/${other.queueId}`, token.secret);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('Other Co');

    // A scope it lacks, a route no token may call, and the token routes themselves.
    const write = await bearer(nodeB, 'POST', '/api/admin/queues', token.secret, { name: 'By token' });
    expect(write.status).toBe(403);
    expect(write.body.error).toMatchObject({ id: 'forbidden', message: 'This API token lacks the queues:write scope.' });
    expect((await bearer(nodeB, 'GET', '/api/admin/audit', token.secret)).status).toBe(403);
    expect((await bearer(nodeB, 'GET', '/api/admin/tokens', token.secret)).status).toBe(403);
    expect((await bearer(nodeB, 'GET', '/api/auth/me', token.secret)).status).toBe(403);
    // A bearer header is never ignored, even beside a valid session cookie.
    expect((await bearer(nodeB, 'GET', '/api/admin/audit', token.secret, undefined, admin)).status).toBe(403);

    // The list shows it, used now, and never its secret again.
    const list = await api(nodeA, 'GET', '/api/admin/tokens', undefined, admin);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(token.secret);
    const listed = (list.body.tokens as ApiTokenView[]).find((t) => t.id === token.id);
    expect(listed).toMatchObject({ name: 'Reporting server', createdByName: 'Alex Admin' });
    expect(listed!.lastUsedAt).not.toBeNull();

    // Revoked through node A: node B refuses the very next call.
    expect((await api(nodeA, 'DELETE', `/api/admin/tokens/${token.id}`, undefined, admin)).status).toBe(204);
    const revoked = await bearer(nodeB, 'GET', '/api/admin/queues', token.secret);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.id).toBe('unauthorized');
    expect((await api(nodeA, 'GET', '/api/admin/tokens', undefined, admin)).body.tokens.map((t: ApiTokenView) => t.id)).not.toContain(token.id);
    expect((await api(nodeA, 'DELETE', `/api/admin/tokens/${token.id}`, undefined, admin)).status).toBe(404);

    const audit = (await api(nodeA, 'GET', '/api/admin/audit', undefined, admin)).body.entries as AuditEntryView[];
    const mine = audit.filter((e) => e.entityId === token.id).map((e) => ({ action: e.action, entityType: e.entityType, entityName: e.entityName, actorName: e.actorName }));
    expect(mine).toEqual([
      { action: 'api_token.revoked', entityType: 'api_token', entityName: 'Reporting server', actorName: 'Alex Admin' },
      { action: 'api_token.created', entityType: 'api_token', entityName: 'Reporting server', actorName: 'Alex Admin' },
    ]);
    expect(JSON.stringify(audit)).not.toContain(token.secret);
  });

  it('changes queues with queues:write, recorded in the audit log under the token', async () => {
    const token = await create('Provisioning', ['queues:write', 'queues:read']);
    const created = await bearer(nodeA, 'POST', '/api/admin/queues', token.secret, { name: `Provisioned ${newId().slice(0, 6)}` });
    expect(created.status).toBe(201);
    const queue = created.body as AdminQueueDetail;
    const [row] = await db.query<{ client_id: string }>('SELECT client_id FROM queues WHERE id = $1', [queue.id]);
    expect(row!.client_id).toBe(demoClientId);
    const [entry] = await db.query<{ actor_name: string; action: string }>('SELECT actor_name, action FROM audit_log WHERE entity_id = $1', [queue.id]);
    expect(entry).toEqual({ actor_name: 'API token “Provisioning”', action: 'queue.created' });
    // Another client's queue cannot be changed: not found, and nothing changed.
    const foreign = await bearer(nodeA, 'DELETE', `/api/admin/queues/${other.queueId}`, token.secret);
    expect(foreign.status).toBe(404);
    expect(await db.query('SELECT 1 FROM queues WHERE id = $1 AND deleted_at IS NULL', [other.queueId])).toHaveLength(1);
  });

  it("reads the whole client's past chats with chats:read, and no other client's", async () => {
    const token = await create('Archive', ['chats:read']);
    const [sophie] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'");
    const [ours, theirs] = [newId(), newId()];
    const insert = (id: string, clientId: string, queueId: string, agentId: string, name: string) =>
      db.query(
        `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, accepted_at, ended_at, ended_by)
         VALUES ($1, $2, $3, $4, 'ended', $5, '{"fields": [], "values": {}}', $6, now(), now(), 'agent')`,
        [id, clientId, queueId, hashToken(newToken()), name, agentId],
      );
    await insert(ours, demoClientId, supportQueueId, sophie!.id, 'Ana Archive');
    await insert(theirs, other.clientId, other.queueId, other.agentId!, 'Olga Other');
    const history = await bearer(nodeA, 'GET', '/api/agent/history?q=', token.secret);
    expect(history.status).toBe(200);
    const chatIds = (history.body.chats as Array<{ chatId: string }>).map((c) => c.chatId);
    expect(chatIds).toContain(ours);
    expect(chatIds).not.toContain(theirs);
    expect((await bearer(nodeA, 'GET', `/api/agent/history/${ours}`, token.secret)).status).toBe(200);
    expect((await bearer(nodeA, 'GET', `/api/agent/history/${theirs}`, token.secret)).status).toBe(404);
    expect((await bearer(nodeA, 'GET', '/api/agent/offline-items', token.secret)).status).toBe(200);
    expect((await bearer(nodeA, 'GET', '/api/admin/queues', token.secret)).status).toBe(403);
  });

  it('is accepted exactly on the routes /docs says take a token, and refused on every other staff route', async () => {
    const token = await create('Everything', ['chats:read', 'queues:read', 'queues:write', 'people:read']);
    const doc = (await (await fetch(`${nodeA.url}/docs/json`)).json()) as { paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>> };
    const failures: string[] = [];
    const staffRoutes = nodeA.routes.filter((r) => r.includes(' /api/') && !r.includes(' /api/public/') && !r.startsWith('POST /api/auth/log'));
    for (const route of staffRoutes) {
      const [method, pattern] = route.split(' ') as [string, string];
      const documented = doc.paths[pattern.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.security?.some((s) => s.bearer) ?? false;
      // Unknown ids: a route that takes the token answers 404/400, never 401/403.
      const path = pattern.replace(/:(\w+)/g, () => newId());
      const { status } = await bearer(nodeA, method, path, token.secret, method === 'GET' || method === 'DELETE' ? undefined : {});
      const accepted = status !== 401 && status !== 403;
      if (accepted !== documented) failures.push(`${route}: ${status} (${documented ? 'documented as taking a token' : 'not documented for tokens'})`);
    }
    expect(failures).toEqual([]);
    expect(staffRoutes.length).toBeGreaterThan(30);
  });

  it('refuses an unknown token, and validates the new token naming each field', async () => {
    expect((await bearer(nodeA, 'GET', '/api/admin/queues', `rct_${newToken()}`)).status).toBe(401);
    expect((await bearer(nodeA, 'GET', '/api/admin/queues', 'x'.repeat(5000))).status).toBe(401);
    // A header that is not one token on a route that takes tokens: the token is what is wrong (401), not the route.
    expect((await bearer(nodeA, 'GET', '/api/admin/queues', "' OR 1=1--")).status).toBe(401);
    expect((await bearer(nodeA, 'GET', '/api/admin/queues', '')).status).toBe(401);
    const refused = await api(nodeA, 'POST', '/api/admin/tokens', { name: ' ', scopes: ['queues:read', 'everything'] }, admin);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields).sort()).toEqual(['name', 'scopes.1']);
    const none = await api(nodeA, 'POST', '/api/admin/tokens', { name: 'Nothing', scopes: [] }, admin);
    expect(none.body.error.fields).toEqual({ scopes: 'Choose at least one scope.' });
    // Only admins manage tokens.
    const agent = await signIn(nodeA, 'sophie@demo.example');
    expect((await api(nodeA, 'POST', '/api/admin/tokens', { name: 'Mine', scopes: ['queues:read'] }, agent)).status).toBe(403);
    expect(await db.query("SELECT 1 FROM api_tokens WHERE name IN ('Nothing', 'Mine')")).toEqual([]);
  });
});
