/**
 * Webhooks (src/protocol/webhooks.ts): an admin, signed in with the session
 * cookie, manages the client's endpoints, reads their delivery log, sends a
 * test and sends a delivery again.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../app/deps.js';
import { WEBHOOK_EVENTS } from '../../protocol/webhooks.js';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestDelivery,
  updateWebhook,
} from '../../webhooks/webhookAdmin.js';
import { isMetadataAddress, isPrivateAddress } from '../../webhooks/webhookSender.js';
import { parseInput } from '../validate.js';
import { IdParams } from './adminSchemas.js';
import { routeDoc } from './apiDocs.js';
import { requireSession } from './session.js';

const URL_MAX = 2000;

/** The endpoint's URL: https (http too where private networks are allowed), no credentials, no private host when they are not. */
export function webhookUrl(allowPrivateNetworks: boolean) {
  return z
    .string()
    .trim()
    .min(1, 'Give the URL that receives the events.')
    .max(URL_MAX, `At most ${URL_MAX} characters.`)
    .superRefine((text, ctx) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return void ctx.addIssue({ code: 'custom', message: 'Give a full URL, such as https://example.com/hooks/chat.' });
      }
      const schemes = allowPrivateNetworks ? ['https:', 'http:'] : ['https:'];
      if (!schemes.includes(url.protocol)) return void ctx.addIssue({ code: 'custom', message: 'Use an https:// URL: the events carry customers’ details.' });
      if (url.username || url.password) return void ctx.addIssue({ code: 'custom', message: 'Leave user name and password out of the URL: the signature proves the sender.' });
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const literal = /^[\d.]+$/.test(host) || host.includes(':');
      if (literal && isMetadataAddress(host)) {
        ctx.addIssue({ code: 'custom', message: 'This is a link-local (cloud metadata) address; webhooks never go there.' });
      } else if (!allowPrivateNetworks && (host === 'localhost' || host.endsWith('.localhost') || (literal && isPrivateAddress(host)))) {
        ctx.addIssue({ code: 'custom', message: 'This is a private or local address; webhooks go to public addresses only.' });
      }
    });
}

export function webhookBody(allowPrivateNetworks: boolean) {
  return z.object({
    url: webhookUrl(allowPrivateNetworks),
    description: z.string().trim().max(200, 'At most 200 characters.').default(''),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, `Unknown event; one of ${WEBHOOK_EVENTS.join(', ')}.`))
      .min(1, 'Choose at least one event.')
      .max(WEBHOOK_EVENTS.length)
      .transform((events) => [...new Set(events)]),
    active: z.boolean().default(true),
  });
}

const DeliveryParams = z.object({ id: z.uuid('Not found.'), deliveryId: z.uuid('Not found.') });

export function webhookRoutes(app: FastifyInstance, deps: Deps): void {
  const admin = (request: Parameters<typeof requireSession>[1]) => requireSession(deps, request, ['admin']);
  const Body = webhookBody(deps.config.webhooks.allowPrivateNetworks);
  const doc = (method: Parameters<typeof routeDoc>[0], summary: string, extra: Omit<Parameters<typeof routeDoc>[1], 'tag' | 'access' | 'summary'> = {}) =>
    ({ schema: routeDoc(method, { tag: 'webhooks', access: 'session', summary, ...extra }) });

  app.get('/api/admin/webhooks', doc('GET', "List the client's webhooks (not their secrets) and the events there are"), async (request) => {
    const session = await admin(request);
    return { webhooks: await listWebhooks(deps.db, session.clientId), events: WEBHOOK_EVENTS };
  });

  app.post('/api/admin/webhooks', doc('POST', 'Add a webhook; its signing secret is in the answer', { body: Body, status: 201 }), async (request, reply) => {
    const session = await admin(request);
    const input = parseInput(Body, request.body);
    return reply.status(201).header('cache-control', 'no-store').send(await createWebhook(deps, session, input));
  });

  app.put('/api/admin/webhooks/:id', doc('PUT', 'Change a webhook (URL, description, events, on/off)', { params: IdParams, body: Body }), async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    return { webhook: await updateWebhook(deps, session, id, parseInput(Body, request.body)) };
  });

  app.delete('/api/admin/webhooks/:id', doc('DELETE', 'Delete a webhook; what it has not been sent yet is not sent', { params: IdParams, status: 204 }), async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await deleteWebhook(deps, session, id);
    return reply.status(204).send();
  });

  app.get('/api/admin/webhooks/:id/secret', doc('GET', 'Show the signing secret (recorded in the audit log)', { params: IdParams }), async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    return reply.header('cache-control', 'no-store').send({ secret: await revealWebhookSecret(deps, session, id) });
  });

  app.post('/api/admin/webhooks/:id/secret', doc('POST', 'Replace the signing secret; deliveries from now on are signed with the new one', { params: IdParams }), async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    return reply.header('cache-control', 'no-store').send({ secret: await rotateWebhookSecret(deps, session, id) });
  });

  app.post('/api/admin/webhooks/:id/test', doc('POST', 'Send a test event (ping) to the webhook now', { params: IdParams, status: 202 }), async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    return reply.status(202).send({ deliveryId: await sendTestDelivery(deps, session, id) });
  });

  app.get('/api/admin/webhooks/:id/deliveries', doc('GET', "The webhook's newest deliveries with their outcome", { params: IdParams }), async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    return { deliveries: await listDeliveries(deps.db, session.clientId, id) };
  });

  app.post(
    '/api/admin/webhooks/:id/deliveries/:deliveryId/retry',
    doc('POST', 'Send a delivery again (same body, same delivery id)', { params: DeliveryParams, status: 202 }),
    async (request, reply) => {
      const session = await admin(request);
      const { id, deliveryId } = parseInput(DeliveryParams, request.params);
      await redeliver(deps, session, id, deliveryId);
      return reply.status(202).send({ ok: true });
    },
  );
}
