/**
 * The website widget over HTTP: General Settings saves the launcher and branding (a bad colour,
 * position or site is refused at its field and changes nothing), the portal gets the snippet,
 * the customer page's queue view carries the branding, and the chat page's frame-ancestors
 * follows the queue's allowed sites while the portal stays unframable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { defaultWidgetConfig } from '../src/domain/widgetConfig.js';
import type { AdminQueueDetail } from '../src/protocol/admin.js';
import type { PublicQueueView } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('website widget on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let support: AdminQueueDetail;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    admin = await signIn(node, 'admin@demo.example');
    const list = (await api(node, 'GET', '/api/admin/queues', undefined, admin)).body.queues as { id: string; slug: string }[];
    support = (await api(node, 'GET', `/api/admin/queues/${list.find((q) => q.slug === 'support')!.id}`, undefined, admin)).body;
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const general = (widget: unknown) => ({
    name: support.name,
    open: support.open,
    agentDisplay: support.agentDisplay,
    waitingMessages: support.waitingMessages,
    showEstimatedWait: support.showEstimatedWait,
    widget,
  });
  const save = (widget: unknown) => api(node, 'PATCH', `/api/admin/queues/${support.id}/general`, general(widget), admin);

  it('shows the defaults and the one-line snippet for the queue', () => {
    expect(support.widget).toEqual(defaultWidgetConfig());
    expect(support.widgetSnippet).toBe(`<script src="${node.url}/widget.js" data-queue="support" async></script>`);
  });

  it('refuses a bad colour, position or site at its field and changes nothing', async () => {
    const bad = await save({ ...defaultWidgetConfig(), label: 'Changed', color: 'hotpink', position: 'top-left', allowedOrigins: ['https://ok.example', 'not a site'] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['widget.allowedOrigins.1', 'widget.color', 'widget.position']);
    const after = (await api(node, 'GET', `/api/admin/queues/${support.id}`, undefined, admin)).body as AdminQueueDetail;
    expect(after.widget.label).toBe('Chat with us');
  });

  it('saves the launcher and branding; the customer page and the frame headers follow', async () => {
    const widget = { color: '#0F766E', position: 'bottom-left', label: ' Talk to us ', headerColor: '#7c2d12', logoUrl: 'https://shop.example/logo.svg', allowedOrigins: ['https://shop.example/', 'http://localhost:8080'] };
    const saved = await save(widget);
    expect(saved.status).toBe(200);
    expect((saved.body as AdminQueueDetail).widget).toEqual({ ...widget, color: '#0f766e', label: 'Talk to us', allowedOrigins: ['https://shop.example', 'http://localhost:8080'] });
    const view = (await api(node, 'GET', '/api/public/queues/support')).body as PublicQueueView;
    expect(view.widget).toMatchObject({ color: '#0f766e', position: 'bottom-left', label: 'Talk to us', headerColor: '#7c2d12', logoUrl: 'https://shop.example/logo.svg' });

    const chat = await fetch(`${node.url}/chat/support`);
    expect(chat.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://shop.example http://localhost:8080;");
    expect(chat.headers.get('x-frame-options')).toBeNull();
    // No such queue: nobody may frame the page. The portal and console: never.
    for (const path of ['/chat/no-such-queue', '/admin', '/agent']) {
      const page = await fetch(`${node.url}${path}`);
      expect(page.headers.get('content-security-policy'), path).toContain("frame-ancestors 'self'");
      expect(page.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
    }

    // Back to any site.
    expect((await save({ ...widget, allowedOrigins: [] })).status).toBe(200);
    expect((await fetch(`${node.url}/chat/support`)).headers.get('content-security-policy')).toContain('frame-ancestors *');
  });
});
