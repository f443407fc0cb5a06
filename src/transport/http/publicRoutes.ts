/** Routes customers call without signing in. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { startChat } from '../../app/chatStarter.js';
import type { Deps } from '../../app/deps.js';
import { loadAvatar } from '../../app/avatars.js';
import { CallbackInput, LeaveMessageInput, leaveMessage, requestCallback } from '../../app/offlineItems.js';
import { publicQueueView } from '../../app/publicQueue.js';
import { AppError } from '../../app/errors.js';
import { chooseLanguage } from '../../domain/queueTexts.js';
import { QUEUE_SLUG_PATTERN } from '../../protocol/admin.js';
import { CHAT_TOKEN_HEADER } from '../../protocol/afterChat.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { routeLimits } from './rateLimits.js';

const SlugParams = z.object({ slug: z.string().regex(QUEUE_SLUG_PATTERN, 'Unknown queue address.') });
/** The customer page sends the language it shows; other callers may rely on Accept-Language. */
const QueueViewQuery = z.object({ lang: z.string().max(35, 'At most 35 characters.').optional() });
const StartChatBody = z.object({ fields: z.record(z.string().max(64), z.unknown()).default({}) });
const AvatarParams = z.object({ userId: z.uuid('Unknown picture.') });

/**
 * The waiting customer's chat token, when the page leaves a message or asks for a callback from the
 * waiting screen (their wait then ends); absent from the closed screen. A malformed one is refused.
 */
function waitingToken(request: FastifyRequest): string | undefined {
  const token = request.headers[CHAT_TOKEN_HEADER];
  if (token === undefined) return undefined;
  if (typeof token !== 'string' || token.length < 16 || token.length > 200) throw new AppError('unauthorized', 'This chat link is not valid any more.');
  return token;
}

export function publicRoutes(app: FastifyInstance, deps: Deps): void {
  const limits = routeLimits(deps.config.rateLimits);

  app.get('/api/public/queues/:slug', { schema: routeDoc('GET', { tag: 'public', access: 'anyone', summary: 'A queue as customers see it (open, form, wait), its texts in the language asked (`lang`, else Accept-Language; fr, es, else the default texts)', params: SlugParams, querystring: QueueViewQuery }) }, async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const { lang } = parseInput(QueueViewQuery, request.query ?? {});
    // Caches must keep one answer per language asked.
    void reply.header('vary', 'Accept-Language');
    return publicQueueView(deps, slug, chooseLanguage(lang, request.headers['accept-language']));
  });

  app.post('/api/public/queues/:slug/chats', { schema: routeDoc('POST', { tag: 'public', access: 'anyone', summary: 'Start a chat; the answer carries its token', params: SlugParams, body: StartChatBody, status: 201 }), config: { rateLimit: limits.chatStart } }, async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    // The form's values are refused by their field's id, as the form's own checks do (src/app/chatStarter.ts).
    const body = parseInput(StartChatBody, request.body ?? {}, { base: 'fields' });
    return reply.status(201).send(await startChat(deps, { slug, fields: body.fields }));
  });

  app.post('/api/public/queues/:slug/messages', { schema: routeDoc('POST', { tag: 'public', access: 'anyone', summary: 'Leave a message; from the waiting screen (x-chat-token) the customer’s wait ends (`leftLine`)', params: SlugParams, body: LeaveMessageInput, status: 201 }), config: { rateLimit: limits.offlineItem } }, async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const input = parseInput(LeaveMessageInput, request.body);
    return reply.status(201).send(await leaveMessage(deps, slug, input, { chatToken: waitingToken(request) }));
  });

  app.post('/api/public/queues/:slug/callbacks', { schema: routeDoc('POST', { tag: 'public', access: 'anyone', summary: 'Ask to be called back; from the waiting screen (x-chat-token) the customer’s wait ends (`leftLine`)', params: SlugParams, body: CallbackInput, status: 201 }), config: { rateLimit: limits.offlineItem } }, async (request, reply) => {
    const { slug } = parseInput(SlugParams, request.params);
    const input = parseInput(CallbackInput, request.body);
    return reply.status(201).send(await requestCallback(deps, slug, input, { chatToken: waitingToken(request) }));
  });

  app.get('/api/public/avatars/:userId', { schema: routeDoc('GET', { tag: 'public', access: 'anyone', summary: 'An agent picture (image)', params: AvatarParams }) }, async (request, reply) => {
    const { userId } = parseInput(AvatarParams, request.params);
    const picture = await loadAvatar(deps.db, userId);
    return reply
      .header('content-type', picture.type)
      .header('cache-control', 'public, max-age=86400')
      // A picture is never a document: no scripts even if an SVG carried some.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(picture.bytes);
  });
}
