/**
 * Chat attachments over HTTP (src/protocol/attachments.ts): uploads as the raw file body (any
 * declared type: the content decides), downloads to the people of the chat only. A download is
 * never a page: nosniff, a sandboxing CSP (no script, even in a PDF viewer) and a
 * Content-Disposition with the file's safe name (PDF: attachment, images: inline). A file never
 * changes under its id: browsers keep it a year without asking again (private: never a shared
 * cache; Vary: another person signed in, or another chat's token, asks the server again), and a
 * conditional request is answered 304 only after the same check of who asks.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Session } from '../../app/auth.js';
import { sessionFromToken } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { attachmentTag, readAttachment, type Reader } from '../../app/attachments/attachmentReader.js';
import { sendAttachment, UploadQuery } from '../../app/attachments/attachmentSender.js';
import { CHAT_TOKEN_HEADER, isImage } from '../../protocol/attachments.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { routeLimits } from './rateLimits.js';
import { readSessionToken, requireSession } from './session.js';

const ChatParams = z.object({ chatId: z.uuid('Unknown chat.') });
const FileParams = z.object({ id: z.uuid('File not found.') });
const FileQuery = z.object({ size: z.enum(['full', 'thumb'], 'size is full or thumb.').default('full') });
const STAFF: Session['role'][] = ['admin', 'supervisor', 'agent'];
/** Headroom over the file for nothing: the body IS the file. */
const MB = 1024 * 1024;

const chatToken = (request: FastifyRequest): string | null => {
  const value = request.headers[CHAT_TOKEN_HEADER];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
};

/** The body as bytes; a request without one (no Content-Type) is an empty file. */
const fileOf = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
const disposition = (kind: 'inline' | 'attachment', name: string) =>
  `${kind}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** If-None-Match names `tag` (or any version: *). */
const holds = (ifNoneMatch: string | undefined, tag: string): boolean =>
  !!ifNoneMatch && ifNoneMatch.split(',').some((item) => ['*', tag].includes(item.trim().replace(/^W\//, '')));

export function attachmentRoutes(app: FastifyInstance, deps: Deps): void {
  const limits = routeLimits(deps.config.rateLimits);
  const bodyLimit = deps.config.attachments.maxMegabytes * MB;

  app.register(async (scope) => {
    // Here the body is the file, whatever type the browser declared (JSON included): the content decides.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: Error & { code?: string; statusCode?: number }, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const message = `The file is larger than ${deps.config.attachments.maxMegabytes} MB.`;
        return reply.status(413).send({ error: { id: 'validation', message, fields: { file: message, fileReason: 'too_big' } } });
      }
      throw error;
    });

    scope.post('/api/public/chat/attachments', {
      schema: routeDoc('POST', { tag: 'public', access: 'anyone', summary: 'Send a file in the chat (body: the file; header x-chat-token)', querystring: UploadQuery, status: 201 }),
      bodyLimit,
      config: { rateLimit: limits.attachment },
    }, async (request, reply) => {
      const token = chatToken(request);
      if (!token) throw new AppError('unauthorized', 'This chat is no longer available.');
      const query = parseInput(UploadQuery, request.query);
      const event = await sendAttachment(deps, { kind: 'customer', token }, { bytes: fileOf(request.body), name: query.name, clientMsgId: query.clientMsgId });
      return reply.status(201).send({ event });
    });

    scope.post('/api/agent/chats/:chatId/attachments', {
      schema: routeDoc('POST', { tag: 'agent', access: 'session', summary: 'Send a file in a chat you hold (body: the file)', params: ChatParams, querystring: UploadQuery, status: 201 }),
      bodyLimit,
      config: { rateLimit: limits.attachment },
    }, async (request, reply) => {
      const session = await requireSession(deps, request, STAFF);
      const { chatId } = parseInput(ChatParams, request.params);
      const query = parseInput(UploadQuery, request.query);
      const agent = { userId: session.userId, clientId: session.clientId, displayName: session.displayName };
      const event = await sendAttachment(deps, { kind: 'agent', agent, chatId }, { bytes: fileOf(request.body), name: query.name, clientMsgId: query.clientMsgId });
      return reply.status(201).send({ event });
    });
  });

  app.get('/api/attachments/:id', {
    schema: routeDoc('GET', { tag: 'agent', access: 'session', summary: 'A chat file, to the people of the chat (session, or the customer header x-chat-token)', params: FileParams, querystring: FileQuery }),
  }, async (request, reply) => {
    const { id } = parseInput(FileParams, request.params);
    const { size } = parseInput(FileQuery, request.query);
    const token = chatToken(request);
    let reader: Reader;
    if (token) reader = { kind: 'customer', token };
    else {
      const session = await sessionFromToken(deps.db, readSessionToken(request));
      if (!session) throw new AppError('unauthorized', 'Please sign in.');
      reader = { kind: 'staff', session };
    }
    const tag = attachmentTag(id, size === 'thumb');
    const file = await readAttachment(deps, id, reader, size === 'thumb', holds(request.headers['if-none-match'], tag));
    reply
      .header('etag', tag)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('vary', `cookie, ${CHAT_TOKEN_HEADER}`);
    if (!file) return reply.status(304).send();
    return reply
      .header('content-type', file.type)
      .header('content-disposition', disposition(isImage(file.type) ? 'inline' : 'attachment', file.name))
      .header('x-content-type-options', 'nosniff')
      // Opened on its own, a file is a sandboxed document: no script, no forms, no plugins.
      .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
      .header('cross-origin-resource-policy', 'same-origin')
      .send(file.bytes);
  });
}
