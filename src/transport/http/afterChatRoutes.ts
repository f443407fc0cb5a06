/**
 * After a chat: the customer's transcript (download, mail) and survey, authorised by the chat token in
 * the x-chat-token header; staff transcripts from history, authorised by session or a chats:read token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { afterChatView, submitSurvey, SurveyInput } from '../../app/surveys.js';
import { CustomerTranscriptQuery, customerTranscript, mailTranscript, StaffTranscriptQuery, staffTranscript, type TranscriptFile, TranscriptMailInput } from '../../app/transcripts/transcripts.js';
import { AFTER_CHAT_PATH, CHAT_TOKEN_HEADER } from '../../protocol/afterChat.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { ChatParams, chatIdOf } from './chatParams.js';
import { requireCaller } from './caller.js';
import { routeLimits } from './rateLimits.js';

const STAFF: Session['role'][] = ['admin', 'supervisor', 'agent'];

function chatToken(request: FastifyRequest): string {
  const token = request.headers[CHAT_TOKEN_HEADER];
  if (typeof token !== 'string' || token.length < 16 || token.length > 200) throw new AppError('unauthorized', 'This chat link is not valid any more.');
  return token;
}

/** A file the browser saves rather than shows; an HTML transcript is never run as our page (own CSP, no sniffing). */
function sendFile(reply: FastifyReply, file: TranscriptFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function afterChatRoutes(app: FastifyInstance, deps: Deps): void {
  const limits = routeLimits(deps.config.rateLimits);

  app.get(`${AFTER_CHAT_PATH}/after`, { schema: routeDoc('GET', { tag: 'public', access: 'anyone', summary: 'After a chat: whether it ended, its survey, the email to prefill (x-chat-token)' }) }, async (request) =>
    afterChatView(deps.db, chatToken(request)),
  );

  app.get(`${AFTER_CHAT_PATH}/transcript`, { schema: routeDoc('GET', { tag: 'public', access: 'anyone', summary: 'The ended chat’s transcript as a file, in the customer’s language (x-chat-token)', querystring: CustomerTranscriptQuery }) }, async (request, reply) => {
    const token = chatToken(request);
    return sendFile(reply, await customerTranscript(deps, token, parseInput(CustomerTranscriptQuery, request.query)));
  });

  app.post(`${AFTER_CHAT_PATH}/transcript/mail`, { schema: routeDoc('POST', { tag: 'public', access: 'anyone', summary: 'Mail the ended chat’s transcript to the customer (x-chat-token; a few per chat)', body: TranscriptMailInput, status: 202 }), config: { rateLimit: limits.transcriptMail } }, async (request, reply) => {
    const token = chatToken(request);
    const body = parseInput(TranscriptMailInput, request.body);
    return reply.status(202).send(await mailTranscript(deps, token, body));
  });

  app.post(`${AFTER_CHAT_PATH}/survey`, { schema: routeDoc('POST', { tag: 'public', access: 'anyone', summary: 'Rate the ended chat once, 1–5 with a comment (x-chat-token; 409 when already rated)', body: SurveyInput, status: 201 }), config: { rateLimit: limits.offlineItem } }, async (request, reply) => {
    const token = chatToken(request);
    const body = parseInput(SurveyInput, request.body);
    return reply.status(201).send(await submitSurvey(deps, token, body));
  });

  app.get('/api/agent/history/:chatId/transcript', { schema: routeDoc('GET', { tag: 'agent', access: 'session', scope: 'chats:read', summary: 'Download an ended chat’s transcript (an agent: their own chats; admins, supervisors, tokens: the client’s)', params: ChatParams, querystring: StaffTranscriptQuery }) }, async (request, reply) => {
    const caller = await requireCaller(deps, request, STAFF, 'chats:read');
    const chatId = chatIdOf(request.params);
    const query = parseInput(StaffTranscriptQuery, request.query);
    return sendFile(reply, await staffTranscript(deps, { clientId: caller.clientId, userId: caller.userId, role: caller.role, viaToken: caller.viaToken }, chatId, query));
  });
}
