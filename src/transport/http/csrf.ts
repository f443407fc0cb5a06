/**
 * Cross-site request forgery: every POST/PUT/PATCH/DELETE that carries the
 * session cookie must come from our own pages (Origin) and echo the CSRF
 * cookie's value in the x-csrf-token header, which another site's page can
 * neither read nor set. Customer routes use no cookie and are exempt.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../protocol/http.js';
import { isSameOrigin } from '../origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in starts a session rather than using one: the Origin check covers it. */
const TOKEN_EXEMPT = ['/api/public/', '/api/auth/login'];

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const refuse = (reply: FastifyReply, message: string) => reply.status(403).send({ error: { id: 'forbidden', message } });

export function installCsrfCheck(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/public/')) return;
    if (!isSameOrigin(request.headers, deps.config.publicUrl)) return refuse(reply, 'This request came from another site and was refused.');
    if (TOKEN_EXEMPT.some((prefix) => path.startsWith(prefix))) return;
    const session = request.cookies[SESSION_COOKIE];
    if (!session) return;
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameText(sent, csrfTokenFor(session))) {
      return refuse(reply, 'Your page is out of date. Reload it and try again.');
    }
  });
}

/** Sets the CSRF cookie that belongs to the session token (at sign-in, and on /me for sessions older than it). */
export function setCsrfCookie(deps: Deps, request: FastifyRequest, reply: FastifyReply, sessionToken: string, maxAgeSeconds: number): void {
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(sessionToken), {
    path: '/',
    httpOnly: false,
    sameSite: 'strict',
    secure: deps.config.cookieSecure ?? request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}
