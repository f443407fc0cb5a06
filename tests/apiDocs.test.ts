/**
 * The OpenAPI document at /docs/json is made from the zod schemas that
 * validate each request: every /api route the node registers is in it with
 * its method, path parameters, body schema, summary, tag, security and error
 * shape; and what it says is required is what the validator refuses without.
 */
import { webhookBody } from '../src/transport/http/webhookRoutes.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '../src/db/db.js';
import { defaultQueueConfig } from '../src/domain/queueConfig.js';
import type { RunningNode } from '../src/server.js';
import { GeneralSettingsBody, NewPersonBody, QueueAgentsBody, QueueNameBody } from '../src/transport/http/adminSchemas.js';
import { NewApiTokenBody } from '../src/transport/http/tokenRoutes.js';
import { backends } from './support/backends.js';
import { api, signIn, startTestNode } from './support/testNode.js';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

/** Routes whose handler validates a JSON body (parseInput(schema, request.body)). */
const BODY_ROUTES = [
  'POST /api/auth/login',
  'POST /api/public/queues/:slug/chats',
  'POST /api/public/queues/:slug/messages',
  'POST /api/public/queues/:slug/callbacks',
  'POST /api/public/chat/transcript/mail',
  'POST /api/public/chat/survey',
  'POST /api/agent/offline-items/:id/reply',
  'POST /api/agent/offline-items/:id/outcome',
  'POST /api/admin/queues',
  'POST /api/admin/queues/:id/duplicate',
  'PATCH /api/admin/queues/:id/general',
  'PUT /api/admin/queues/:id/data-collection',
  'PUT /api/admin/queues/:id/working-hours',
  'PUT /api/admin/queues/:id/offline',
  'PUT /api/admin/queues/:id/translations',
  'PUT /api/admin/queues/:id/agents',
  'POST /api/admin/people',
  'PATCH /api/admin/people/:id',
  'POST /api/admin/people/:id/password',
  'PUT /api/admin/people/:id/picture',
  'POST /api/admin/privacy/export',
  'POST /api/admin/privacy/erase',
  'POST /api/admin/tokens',
  'POST /api/admin/canned-replies',
  'PUT /api/admin/canned-replies/:id',
  'POST /api/admin/webhooks',
  'PUT /api/admin/webhooks/:id',
];

/** A few bodies whose zod schema the test can import: the document's schema must be that schema's. */
const BODY_SCHEMAS: Record<string, z.ZodType> = {
  'POST /api/admin/queues': QueueNameBody,
  'PATCH /api/admin/queues/:id/general': GeneralSettingsBody,
  'PUT /api/admin/queues/:id/agents': QueueAgentsBody,
  'POST /api/admin/people': NewPersonBody,
  'POST /api/admin/tokens': NewApiTokenBody,
  'POST /api/admin/webhooks': webhookBody(false),
};

const openApiPath = (pattern: string) => pattern.replace(/:(\w+)/g, '{$1}');
const bodySchema = (op: Operation) => op.requestBody?.content['application/json']?.schema;

describe.each(backends())('OpenAPI document on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let doc: OpenApi;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    const response = await fetch(`${node.url}/docs/json`);
    expect(response.status).toBe(200);
    doc = (await response.json()) as OpenApi;
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const apiRoutes = () => node.routes.filter((route) => route.includes(' /api/'));
  const operation = (route: string): Operation | undefined => {
    const [method, pattern] = route.split(' ') as [string, string];
    return doc.paths[openApiPath(pattern)]?.[method.toLowerCase()];
  };

  it('describes every registered /api route with its method, path parameters, summary, tag, security and error shape', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(apiRoutes().length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const route of apiRoutes()) {
      const op = operation(route);
      if (!op) {
        problems.push(`${route}: missing`);
        continue;
      }
      const pattern = route.split(' ')[1]!;
      const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const documented = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      if (documented.sort().join() !== names.sort().join()) problems.push(`${route}: path parameters ${documented.join()} (expected ${names.join()})`);
      if (!op.summary) problems.push(`${route}: no summary`);
      if (op.tags?.length !== 1 || !['public', 'auth', 'agent', 'admin', 'tokens', 'webhooks', 'reports'].includes(op.tags[0]!)) problems.push(`${route}: tags ${op.tags?.join()}`);
      const open = route.includes('/api/public/') || route === 'POST /api/auth/login' || route === 'GET /api/auth/session';
      const schemes = (op.security ?? []).map((s) => Object.keys(s).sort().join('+'));
      if (open && schemes.length) problems.push(`${route}: public route asks for ${schemes.join()}`);
      if (!open && !schemes.includes(route.startsWith('GET ') ? 'session' : 'csrf+session')) problems.push(`${route}: security ${schemes.join()}`);
      const error = op.responses['4XX']?.content?.['application/json']?.schema;
      const inner = error?.properties?.error;
      if (!inner || inner.required?.sort().join() !== 'id,message' || !inner.properties?.fields || !inner.properties.id?.enum?.includes('validation')) {
        problems.push(`${route}: error body not { error: { id, message, fields? } }`);
      }
      if (BODY_ROUTES.includes(route) !== Boolean(bodySchema(op))) problems.push(`${route}: body ${bodySchema(op) ? 'documented' : 'missing'}`);
    }
    expect(problems).toEqual([]);
    // And nothing but the API: no pages, assets or health checks.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'csrf', 'session']);
  });

  it('names the scope of each route an API token may call, and only those', () => {
    const scoped = Object.fromEntries(
      apiRoutes()
        .map((route) => [route, operation(route)?.security?.find((s) => s.bearer)?.bearer?.join()] as const)
        .filter(([, scope]) => scope),
    );
    expect(scoped).toEqual({
      'GET /api/agent/offline-items': 'chats:read',
      'GET /api/agent/history': 'chats:read',
      'GET /api/agent/history/:chatId': 'chats:read',
      'GET /api/agent/history/:chatId/transcript': 'chats:read',
      'GET /api/admin/chats': 'chats:read',
      'GET /api/admin/reports': 'chats:read',
      'GET /api/admin/queues': 'queues:read',
      'GET /api/admin/queues/:id': 'queues:read',
      'POST /api/admin/queues': 'queues:write',
      'POST /api/admin/queues/:id/duplicate': 'queues:write',
      'DELETE /api/admin/queues/:id': 'queues:write',
      'PATCH /api/admin/queues/:id/general': 'queues:write',
      'PUT /api/admin/queues/:id/data-collection': 'queues:write',
      'PUT /api/admin/queues/:id/working-hours': 'queues:write',
      'PUT /api/admin/queues/:id/offline': 'queues:write',
      'PUT /api/admin/queues/:id/translations': 'queues:write',
      'PUT /api/admin/queues/:id/agents': 'queues:write',
      'GET /api/admin/people': 'people:read',
    });
  });

  it("documents each body with its zod schema's properties and required fields", () => {
    for (const [route, schema] of Object.entries(BODY_SCHEMAS)) {
      const documented = bodySchema(operation(route)!)!;
      const expected = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      expect(Object.keys(documented.properties ?? {}).sort(), route).toEqual(Object.keys(expected.properties ?? {}).sort());
      expect([...(documented.required ?? [])].sort(), route).toEqual([...(expected.required ?? [])].sort());
    }
  });

  it('says required exactly what the validator refuses without (General Settings: nothing, any keys left out)', async () => {
    const required = bodySchema(operation('PATCH /api/admin/queues/:id/general')!)!.required ?? [];
    expect(required).toEqual([]);
    const config = defaultQueueConfig();
    const valid: Record<string, unknown> = {
      name: 'Support',
      open: true,
      agentDisplay: config.agentDisplay,
      waitingMessages: config.waitingMessages,
      showEstimatedWait: true,
      maxWaiting: config.maxWaiting,
      maxWaitSeconds: 600,
      offerTimeoutSeconds: 30,
      inactivityTimeoutMinutes: 10,
    };
    fc.assert(
      fc.property(fc.subarray(Object.keys(valid)), (left) => {
        const body = Object.fromEntries(Object.entries(valid).filter(([key]) => !left.includes(key)));
        expect(GeneralSettingsBody.safeParse(body).success).toBe(true);
      }),
    );
    // The server takes the same body without the key, which keeps its value.
    const [queue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    const admin = await signIn(node, 'admin@demo.example');
    const { showEstimatedWait: _left, ...withoutOne } = valid;
    const saved = await api(node, 'PATCH', `/api/admin/queues/${queue!.id}/general`, withoutOne, admin);
    expect(saved.status).toBe(200);
    expect(saved.body.showEstimatedWait).toBe(config.showEstimatedWait);
  });

  it('serves Swagger UI at /docs under the same Content-Security-Policy as every page', async () => {
    const docs = await fetch(`${node.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const admin = await fetch(`${node.url}/admin`);
    const policy = (response: Response) => response.headers.get('content-security-policy')?.replace(/ws:\/\/\S+ wss:\/\/\S+/, 'WS');
    expect(policy(docs)).toBeTruthy();
    expect(policy(docs)).toBe(policy(admin));
    expect(policy(docs)).toContain("script-src 'self'");
  });
});
