/** Routes for signed-in people: sign-in and the agent's offline items (the portal's are in adminRoutes.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadMe, login, logout, type PasswordCheck } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { listOfflineItems } from '../../app/offlineItems.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { requireCaller } from './caller.js';
import { routeLimits, type SignInGuard } from './rateLimits.js';
import { clearSessionCookies, ensureCsrfCookie, readSessionToken, requireSession, setSessionCookie } from './session.js';

const LoginBody = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export function staffRoutes(app: FastifyInstance, deps: Deps, guard: SignInGuard, checkPassword?: PasswordCheck): void {
  const limits = routeLimits(deps.config.rateLimits);

  app.post('/api/auth/login', { schema: routeDoc('POST', { tag: 'auth', access: 'anyone', summary: 'Sign in: sets the session and CSRF cookies', body: LoginBody }), config: { rateLimit: limits.signIn } }, async (request, reply) => {
    const { email, password } = parseInput(LoginBody, request.body);
    const policy = { failuresPerAccount: deps.config.rateLimits.signInFailuresPerAccount, failureWindowMs: deps.config.rateLimits.signInFailureWindowMs };
    const signedIn = await login(deps.db, policy, guard.attempts(request), { email, password }, checkPassword);
    setSessionCookie(deps, request, reply, signedIn.token);
    return { me: signedIn.me };
  });

  app.post('/api/auth/logout', { schema: routeDoc('POST', { tag: 'auth', access: 'session', summary: 'Sign out', status: 204 }) }, async (request, reply) => {
    await logout(deps.db, readSessionToken(request));
    return clearSessionCookies(reply).status(204).send();
  });

  app.get('/api/auth/me', { schema: routeDoc('GET', { tag: 'auth', access: 'session', summary: 'The signed-in person' }) }, async (request, reply) => {
    const session = await requireSession(deps, request, ['admin', 'supervisor', 'agent']);
    ensureCsrfCookie(deps, request, reply);
    return { me: await loadMe(deps.db, session.userId) };
  });

  // The apps' probe on every load: "nobody signed in" is an answer, not an error, so it is a 200 and the
  // browser's console shows no failed request (GET /api/auth/me keeps its 401 for API callers).
  app.get('/api/auth/session', { schema: routeDoc('GET', { tag: 'auth', access: 'anyone', summary: 'Whether someone is signed in, and who: 200 either way' }) }, async (request, reply) => {
    // An API token is refused (403) as on every staff route that does not take one, never ignored.
    try {
      const session = await requireSession(deps, request, ['admin', 'supervisor', 'agent']);
      ensureCsrfCookie(deps, request, reply);
      return { signedIn: true, me: await loadMe(deps.db, session.userId) };
    } catch (error) {
      if (error instanceof AppError && error.id === 'unauthorized') return { signedIn: false };
      throw error;
    }
  });

  app.get('/api/agent/offline-items', { schema: routeDoc('GET', { tag: 'agent', access: 'session', scope: 'chats:read', summary: 'Left messages and callback requests not handled yet' }) }, async (request) => {
    const session = await requireCaller(deps, request, ['admin', 'supervisor', 'agent'], 'chats:read');
    return { items: await listOfflineItems(deps.db, session.clientId) };
  });
}
