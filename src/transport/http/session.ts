import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Session, sessionFromToken, SESSION_DAYS } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../protocol/http.js';
import { setCsrfCookie } from './csrf.js';

export function readSessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** The signed-in person, or a 401/403 AppError; `roles` lists who may call (by session cookie only). */
export async function requireSession(deps: Deps, request: FastifyRequest, roles: Session['role'][]): Promise<Session> {
  // Routes that take API tokens call requireCaller (caller.ts); everywhere else a token is refused, never ignored.
  if (/^Bearer\s/i.test(request.headers.authorization ?? '')) throw new AppError('forbidden', 'API tokens are not accepted on this route.');
  const session = await sessionFromToken(deps.db, readSessionToken(request));
  if (!session) throw new AppError('unauthorized', 'Please sign in.');
  if (!roles.includes(session.role)) throw new AppError('forbidden', 'Your role does not allow this.');
  return session;
}

export function setSessionCookie(deps: Deps, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.cookieSecure ?? request.protocol === 'https',
    maxAge: SESSION_DAYS * 24 * 3600,
  });
  setCsrfCookie(deps, request, reply, token, SESSION_DAYS * 24 * 3600);
}

/** A session signed in before the CSRF cookie existed gets it on its next visit. */
export function ensureCsrfCookie(deps: Deps, request: FastifyRequest, reply: FastifyReply): void {
  const token = readSessionToken(request);
  if (token && !request.cookies[CSRF_COOKIE]) setCsrfCookie(deps, request, reply, token, SESSION_DAYS * 24 * 3600);
}

export function clearSessionCookies(reply: FastifyReply): FastifyReply {
  return reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
}

export function baseUrl(deps: Deps, request: FastifyRequest): string {
  return deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
}
