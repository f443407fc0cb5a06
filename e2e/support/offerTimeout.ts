/**
 * Sets a queue's offer timeout (General Settings) as the admin would, for a spec that needs offers to
 * stay up longer than the e2e server's short default while it takes screenshots and runs axe; null
 * gives the queue back the server's default.
 */
import type { Browser } from '@playwright/test';
import type { AdminQueueDetail } from '../../src/protocol/admin.js';
import type { AdminQueueSummary } from '../../src/protocol/views.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/protocol/http.js';

export async function setOfferTimeout(browser: Browser, baseURL: string, slug: string, seconds: number | null): Promise<void> {
  const context = await browser.newContext({ baseURL });
  try {
    const login = await context.request.post('/api/auth/login', { data: { email: 'admin@demo.example', password: 'demo1234' } });
    if (!login.ok()) throw new Error(`admin sign-in failed: ${login.status()}`);
    const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    const { queues } = (await (await context.request.get('/api/admin/queues')).json()) as { queues: AdminQueueSummary[] };
    const id = queues.find((q) => q.slug === slug)?.id;
    if (!id) throw new Error(`no queue ${slug}`);
    const q = (await (await context.request.get(`/api/admin/queues/${id}`)).json()) as AdminQueueDetail;
    const saved = await context.request.patch(`/api/admin/queues/${id}/general`, {
      headers: { [CSRF_HEADER]: csrf, origin: baseURL },
      data: { name: q.name, open: q.open, agentDisplay: q.agentDisplay, waitingMessages: q.waitingMessages, showEstimatedWait: q.showEstimatedWait, offerTimeoutSeconds: seconds },
    });
    if (!saved.ok()) throw new Error(`saving the offer timeout failed: ${saved.status()} ${await saved.text()}`);
  } finally {
    await context.close();
  }
}
