/**
 * Canned replies (src/app/cannedReplies.ts): admins manage the client's list in the portal (session
 * cookie); every signed-in person of the client reads the replies they may use in the console.
 */
import type { FastifyInstance } from 'fastify';
import type { Session } from '../../app/auth.js';
import { CannedReplyBody, cannedRepliesForAgent, createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from '../../app/cannedReplies.js';
import type { Deps } from '../../app/deps.js';
import { parseInput } from '../validate.js';
import { IdParams } from './adminSchemas.js';
import { routeDoc } from './apiDocs.js';
import { requireSession } from './session.js';

const STAFF: Session['role'][] = ['admin', 'supervisor', 'agent'];

export function cannedReplyRoutes(app: FastifyInstance, deps: Deps): void {
  const admin = (request: Parameters<typeof requireSession>[1]) => requireSession(deps, request, ['admin']);
  const doc = (method: Parameters<typeof routeDoc>[0], summary: string, extra: Omit<Parameters<typeof routeDoc>[1], 'tag' | 'access' | 'summary'> = {}) =>
    ({ schema: routeDoc(method, { tag: 'admin', access: 'session', summary, ...extra }) });

  app.get('/api/admin/canned-replies', doc('GET', "List the client's canned replies"), async (request) => {
    const session = await admin(request);
    return { replies: await listCannedReplies(deps.db, session.clientId) };
  });

  app.post('/api/admin/canned-replies', doc('POST', 'Add a canned reply (shortcut unique per client)', { body: CannedReplyBody, status: 201 }), async (request, reply) => {
    const session = await admin(request);
    return reply.status(201).send({ reply: await createCannedReply(deps, session, parseInput(CannedReplyBody, request.body)) });
  });

  app.put('/api/admin/canned-replies/:id', doc('PUT', 'Change a canned reply', { params: IdParams, body: CannedReplyBody }), async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    return { reply: await updateCannedReply(deps, session, id, parseInput(CannedReplyBody, request.body)) };
  });

  app.delete('/api/admin/canned-replies/:id', doc('DELETE', 'Delete a canned reply', { params: IdParams, status: 204 }), async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await deleteCannedReply(deps, session, id);
    return reply.status(204).send();
  });

  app.get(
    '/api/agent/canned-replies',
    { schema: routeDoc('GET', { tag: 'agent', access: 'session', summary: "The canned replies the signed-in person may use (all queues', and their own queues')" }) },
    async (request) => {
      const session = await requireSession(deps, request, STAFF);
      return { replies: await cannedRepliesForAgent(deps.db, session) };
    },
  );
}
