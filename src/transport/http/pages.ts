/**
 * Serves the built browser apps (dist/web): the customer page at each
 * queue's Reactive Chat URL, the agent console and the admin portal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The sites that may frame a queue's chat (its widget's allowedOrigins; empty: any), or null for no such queue. */
export type FramingOf = (slug: string) => Promise<string[] | null>;

/** helmet forbids framing everywhere (frame-ancestors 'self', X-Frame-Options); the chat page is opened up per queue. */
function allowFraming(reply: FastifyReply, origins: string[]): void {
  const csp = reply.getHeader('content-security-policy');
  const ancestors = origins.length ? `'self' ${origins.join(' ')}` : '*';
  if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
  reply.removeHeader('x-frame-options');
}

export async function pageRoutes(app: FastifyInstance, webRoot: string, framingOf?: FramingOf): Promise<void> {
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
  const sendCustomer = send(pages.customer);
  app.get<{ Params: { slug: string } }>('/chat/:slug', async (request, reply) => {
    const origins = framingOf ? await framingOf(request.params.slug) : null;
    if (origins) allowFraming(reply, origins);
    return sendCustomer(request, reply);
  });
  // The website widget's loader (web/widget/loader.ts): a stable URL that clients' pages load cross-origin.
  const loader = existsSync(join(webRoot, 'widget.js')) ? readFileSync(join(webRoot, 'widget.js'), 'utf8') : null;
  app.get('/widget.js', async (_request, reply) => {
    if (!loader) return reply.status(503).type('text/plain').send('The browser apps are not built yet: run `npm run build:web`.');
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(loader);
  });
  app.get('/agent', send(pages.agent));
  app.get('/admin', send(pages.admin));
  app.get('/', async (_request, reply) => reply.redirect('/admin'));
}
