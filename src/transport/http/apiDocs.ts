/**
 * The REST API's OpenAPI document, made from the same zod schemas that
 * validate each request (`parseInput` in the handler): routes attach them to
 * `schema` with `routeDoc` only so that @fastify/swagger can describe them
 * (fastify-type-provider-zod turns them into JSON Schema). Fastify itself does
 * not validate with them: its validator compiler accepts everything, so a
 * refusal keeps the one shape every client knows, `{ error: { id, message,
 * fields } }` naming each refused field. Served at /docs (Swagger UI) and
 * /docs/json.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '../../protocol/admin.js';
import { ErrorIds } from '../../protocol/errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../protocol/http.js';

export const DOCS_PREFIX = '/docs';

export type ApiTag = 'public' | 'auth' | 'agent' | 'admin' | 'tokens' | 'webhooks' | 'reports';

export interface RouteDoc {
  tag: ApiTag;
  summary: string;
  /** Who may call: anyone, or a signed-in person (session cookie; CSRF header on changes). */
  access: 'anyone' | 'session';
  /** An API token with this scope may call it too (Authorization: Bearer). */
  scope?: ApiTokenScope;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** The success status and what it carries. @default 200 */
  status?: 200 | 201 | 202 | 204;
  description?: string;
}

const ErrorResponse = z
  .object({
    error: z.object({
      id: z.enum(Object.values(ErrorIds)),
      message: z.string().describe('For people; clients switch on `id`.'),
      fields: z.record(z.string(), z.string()).optional().describe('Each refused input by name (dotted for nested ones), with its message.'),
      problems: z
        .record(z.string(), z.object({ code: z.enum(['required', 'too_long', 'email', 'phone', 'choose', 'invalid']), max: z.number().optional() }))
        .optional()
        .describe('The same inputs’ problems as codes (keyed like `fields`), for clients that word them in their own language.'),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('What the message is made of, e.g. `{ "minutes": 2 }` to wait after rate_limited.'),
    }),
  })
  .describe('400 validation, 401 unauthorized, 403 forbidden, 404 not_found, 409 conflict or a queue state, 429 rate_limited (Retry-After), 503 unavailable (Retry-After).');

/** The portal's brand mark (a blue dot) and name, white on Swagger UI's dark top bar. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="190" height="32" viewBox="0 0 190 32"><circle cx="12" cy="16" r="8" fill="#2563eb"/><text x="28" y="22" fill="#fff" font-family="system-ui, sans-serif" font-size="18" font-weight="700">Reactive Chat</text></svg>`;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The route's `schema`: what /docs shows for it. The security requirement depends on the method (CSRF on changes). */
export function routeDoc(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', doc: RouteDoc): FastifySchema {
  const cookie = WRITES.has(method) ? { session: [], csrf: [] } : { session: [] };
  const security = doc.access === 'anyone' ? [] : [cookie, ...(doc.scope ? [{ bearer: [doc.scope] }] : [])];
  const status = doc.status ?? 200;
  return {
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description || doc.scope
      ? { description: [doc.description, doc.scope ? `API tokens with the \`${doc.scope}\` scope may call it (within their own client).` : ''].filter(Boolean).join('\n\n') }
      : {}),
    security,
    ...(doc.params ? { params: doc.params } : {}),
    ...(doc.querystring ? { querystring: doc.querystring } : {}),
    ...(doc.body ? { body: doc.body } : {}),
    response: {
      [status]: status === 204 ? z.null().describe('No content') : z.unknown().describe('OK'),
      '4xx': ErrorResponse,
      '5xx': ErrorResponse,
    },
  } as FastifySchema;
}

/** Registers the document and its UI; call before any route so that every /api route is in it. */
export async function installApiDocs(app: FastifyInstance): Promise<void> {
  // Documentation only: parseInput validates in the handler (see above), and replies are sent as they are.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Reactive Chat API',
        version: '1',
        description: 'Errors: `{ error: { id, message, fields? } }`. Staff routes take the session cookie (and the CSRF header on changes); routes that name a scope also take `Authorization: Bearer <API token>`, created in the Client Admin Portal.',
      },
      tags: [
        { name: 'public', description: 'Customers: no sign-in' },
        { name: 'auth', description: 'Signing in and out' },
        { name: 'agent', description: 'The agent console' },
        { name: 'admin', description: 'The Client Admin Portal' },
        { name: 'tokens', description: 'API tokens (admins only, by session)' },
        { name: 'reports', description: 'Reports: queues and agents by hour, day or week (admins and supervisors, or a chats:read token)' },
        { name: 'webhooks', description: 'Webhooks: endpoints told of chat and offline-work events, signed with HMAC-SHA256 (admins only, by session)' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login.' },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'The value of the rc_csrf cookie, on every POST/PUT/PATCH/DELETE sent with the session cookie.' },
          bearer: { type: 'http', scheme: 'bearer', description: `An API token; scopes: ${API_TOKEN_SCOPES.join(', ')}.` },
        },
      },
    },
    // Only the API: pages, assets and health checks are not part of it.
    transform: (document) => (document.url.startsWith('/api/') ? jsonSchemaTransform(document) : { schema: { hide: true } as FastifySchema, url: document.url }),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    // No call to the public validator: the page talks to this server only (and the CSP says so).
    uiConfig: { validatorUrl: null, deepLinking: true },
    logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: DOCS_PREFIX },
    theme: { title: 'Reactive Chat API' },
  });
}
