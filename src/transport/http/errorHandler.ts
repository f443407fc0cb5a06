import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, expectedError } from '../../app/errors.js';

/** Seconds an overloaded node asks HTTP clients to wait before trying again. */
const RETRY_AFTER_SECONDS = 1;

/** Every error leaves as `{ error: { id, message, fields? } }`; only unexpected ones are logged as errors. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const expected = expectedError(error);
    if (expected?.id === 'unavailable') reply.header('retry-after', RETRY_AFTER_SECONDS);
    if (expected) return reply.status(expected.status).send({ error: expected.toBody() });
    const status = error.statusCode ?? 500;
    if (status === 429) return reply.status(429).send({ error: { id: 'rate_limited', message: 'Too many requests. Please wait a moment and try again.' } });
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'The request is too large.'
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'Send JSON (Content-Type: application/json).'
            : `Invalid request: ${error.message}`;
      return reply.status(status).send({ error: { id: 'validation', message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: errorBody(error) });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: { id: 'not_found', message: `Nothing at ${request.method} ${request.url.split('?')[0]}` } }));
}

/**
 * Errors Fastify raises before routing (a malformed or over-long address
 * parameter) would otherwise leave in its own shape; pass as `frameworkErrors`.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply.status(tooLong ? 414 : 400).send({ error: { id: 'validation', message: tooLong ? 'The address is too long.' : 'The address is not valid.' } });
}
