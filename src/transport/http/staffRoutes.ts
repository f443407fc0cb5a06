/** Routes for signed-in people: sign-in and the agent's offline items (the portal's are in adminRoutes.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadMe, login, logout, type PasswordCheck } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { listOfflineItems } from '../../app/offlineItems.js';
import { parseInput } from '../validate.js';
import { routeLimits, type SignInGuard } from './rateLimits.js';
import { clearSessionCookies, ensureCsrfCookie, readSessionToken, requireSession, setSessionCookie } from './session.js';

const LoginBody = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export function staffRoutes(app: FastifyInstance, deps: Deps, guard: SignInGuard, checkPassword?: PasswordCheck): void {
  const limits = routeLimits(deps.config.rateLimits);

  app.post('/api/auth/login', { config: { rateLimit: limits.signIn } }, async (request, reply) => {
    const { email, password } = parseInput(LoginBody, request.body);
    const policy = { failuresPerAccount: deps.config.rateLimits.signInFailuresPerAccount, failureWindowMs: deps.config.rateLimits.signInFailureWindowMs };
    const signedIn = await login(deps.db, policy, guard.attempts(request), { email, password }, checkPassword);
    setSessionCookie(deps, request, reply, signedIn.token);
    return { me: signedIn.me };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    await logout(deps.db, readSessionToken(request));
    return clearSessionCookies(reply).status(204).send();
  });

  app.get('/api/auth/me', async (request, reply) => {
    const session = await requireSession(deps, request, ['admin', 'supervisor', 'agent']);
    ensureCsrfCookie(deps, request, reply);
    return { me: await loadMe(deps.db, session.userId) };
  });

  app.get('/api/agent/offline-items', async (request) => {
    const session = await requireSession(deps, request, ['admin', 'supervisor', 'agent']);
    return { items: await listOfflineItems(deps.db, session.clientId) };
  });
}
