/**
 * A customer's data, for admins: export it, or erase it (by email address,
 * within the admin's client). POST for both: the address stays out of URLs
 * and logs, and both are state-changing enough to need the CSRF token.
 *
 *   POST /api/admin/privacy/export  { email, phone? } -> CustomerDataExport
 *   POST /api/admin/privacy/erase   { email, phone? } -> { erased: ErasureCounts }
 */
import type { FastifyInstance } from 'fastify';
import { CustomerQuery, customerDataEraser, customerDataExporter } from '../../app/customerPrivacy.js';
import type { Deps } from '../../app/deps.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { requireSession } from './session.js';

export function privacyRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/api/admin/privacy/export', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'Export a customer\'s data', body: CustomerQuery }) }, async (request, reply) => {
    const actor = await requireSession(deps, request, ['admin']);
    const query = parseInput(CustomerQuery, request.body);
    const data = await customerDataExporter(deps, { actor, query });
    return reply.header('cache-control', 'no-store').send(data);
  });

  app.post('/api/admin/privacy/erase', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'Erase a customer\'s data', body: CustomerQuery }) }, async (request) => {
    const actor = await requireSession(deps, request, ['admin']);
    const query = parseInput(CustomerQuery, request.body);
    return { erased: await customerDataEraser(deps, { actor, query }) };
  });
}
