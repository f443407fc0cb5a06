/** Routes for signed-in people: sign-in, the agent's offline items, the admin's queue settings. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GeneralSettingsInput, listQueues, queueDetail, saveGeneralSettings } from '../../app/adminQueues.js';
import { loadMe, login, logout } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { listOfflineItems } from '../../app/offlineItems.js';
import { SESSION_COOKIE } from '../../protocol/http.js';
import { parseInput } from '../validate.js';
import { baseUrl, readSessionToken, requireSession, setSessionCookie } from './session.js';

const LoginBody = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
});
const QueueParams = z.object({ id: z.uuid('Unknown queue.') });

export function staffRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/api/auth/login', async (request, reply) => {
    const { email, password } = parseInput(LoginBody, request.body);
    const { token, me } = await login(deps.db, email, password);
    setSessionCookie(deps, request, reply, token);
    return { me };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    await logout(deps.db, readSessionToken(request));
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send();
  });

  app.get('/api/auth/me', async (request) => {
    const session = await requireSession(deps, request, ['admin', 'supervisor', 'agent']);
    return { me: await loadMe(deps.db, session.userId) };
  });

  app.get('/api/agent/offline-items', async (request) => {
    const session = await requireSession(deps, request, ['admin', 'supervisor', 'agent']);
    return { items: await listOfflineItems(deps.db, session.clientId) };
  });

  app.get('/api/admin/queues', async (request) => {
    const session = await requireSession(deps, request, ['admin']);
    return { queues: await listQueues(deps.db, session.clientId, baseUrl(deps, request)) };
  });

  app.get('/api/admin/queues/:id', async (request) => {
    const session = await requireSession(deps, request, ['admin']);
    const { id } = parseInput(QueueParams, request.params);
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.patch('/api/admin/queues/:id/general', async (request) => {
    const session = await requireSession(deps, request, ['admin']);
    const { id } = parseInput(QueueParams, request.params);
    const input = parseInput(GeneralSettingsInput, request.body);
    const saved = await saveGeneralSettings(deps.db, session.clientId, id, input, baseUrl(deps, request));
    // Opening a queue may let waiting customers through at once.
    deps.kickRouter([id]);
    return saved;
  });
}
