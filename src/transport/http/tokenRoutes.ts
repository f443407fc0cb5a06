/**
 * API tokens (src/protocol/admin.ts): an admin, signed in with the session
 * cookie (never with a token), creates, lists and revokes the client's tokens.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiTokenCreator, apiTokenRevoker, listApiTokens } from '../../app/admin/apiTokens.js';
import type { Deps } from '../../app/deps.js';
import { API_TOKEN_SCOPES } from '../../protocol/admin.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { IdParams } from './adminSchemas.js';
import { requireSession } from './session.js';

export const NewApiTokenBody = z.object({
  name: z.string().trim().min(1, 'Give the token a name (what uses it).').max(80, 'At most 80 characters.'),
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES, `Unknown scope; one of ${API_TOKEN_SCOPES.join(', ')}.`))
    .min(1, 'Choose at least one scope.')
    .max(API_TOKEN_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)]),
});

export function tokenRoutes(app: FastifyInstance, deps: Deps): void {
  const admin = (request: Parameters<typeof requireSession>[1]) => requireSession(deps, request, ['admin']);

  app.get('/api/admin/tokens', { schema: routeDoc('GET', { tag: 'tokens', access: 'session', summary: "List the client's API tokens (not their secrets)" }) }, async (request) => {
    const session = await admin(request);
    return { tokens: await listApiTokens(deps.db, session.clientId) };
  });

  app.post(
    '/api/admin/tokens',
    { schema: routeDoc('POST', { tag: 'tokens', access: 'session', summary: 'Create an API token; its secret is in this answer only', body: NewApiTokenBody, status: 201 }) },
    async (request, reply) => {
      const session = await admin(request);
      const { name, scopes } = parseInput(NewApiTokenBody, request.body);
      return reply.status(201).header('cache-control', 'no-store').send(await apiTokenCreator(deps, { actor: session, name, scopes }));
    },
  );

  app.delete(
    '/api/admin/tokens/:id',
    { schema: routeDoc('DELETE', { tag: 'tokens', access: 'session', summary: 'Revoke an API token (refused at once on every node)', params: IdParams, status: 204 }) },
    async (request, reply) => {
      const session = await admin(request);
      const { id } = parseInput(IdParams, request.params);
      await apiTokenRevoker(deps, { actor: session, tokenId: id });
      return reply.status(204).send();
    },
  );
}
