/**
 * Serves the built browser apps (dist/web): the customer page at each
 * queue's Reactive Chat URL, the agent console and the admin portal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export async function pageRoutes(app: FastifyInstance, webRoot: string): Promise<void> {
  const page = (name: string): string | null => {
    const file = join(webRoot, name, 'index.html');
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  const pages = { customer: page('customer'), agent: page('agent'), admin: page('admin') };
  const send = (html: string | null) => async (_request: unknown, reply: FastifyReply) => {
    if (!html) return reply.status(503).type('text/plain').send('The browser apps are not built yet: run `npm run build:web`.');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };

  if (existsSync(join(webRoot, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(webRoot, 'assets'),
      prefix: '/assets/',
      maxAge: '365d',
      immutable: true,
    });
  }
  if (existsSync(join(webRoot, 'static'))) {
    await app.register(fastifyStatic, { root: join(webRoot, 'static'), prefix: '/static/', decorateReply: false, maxAge: '1d' });
  }
  app.get('/chat/:slug', send(pages.customer));
  app.get('/agent', send(pages.agent));
  app.get('/admin', send(pages.admin));
  app.get('/', async (_request, reply) => reply.redirect('/admin'));
}
