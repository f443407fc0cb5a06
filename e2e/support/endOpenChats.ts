/**
 * Ends every chat still open, as the admin would on Chats in progress, so
 * that a spec leaves no customer in line and no agent seat taken for the
 * specs after it (they share one server).
 */
import type { Browser } from '@playwright/test';
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/protocol/http.js';

export async function endOpenChats(browser: Browser, baseURL: string): Promise<void> {
  const context = await browser.newContext({ baseURL });
  try {
    const login = await context.request.post('/api/auth/login', { data: { email: 'admin@demo.example', password: 'demo1234' } });
    if (!login.ok()) throw new Error(`admin sign-in failed: ${login.status()}`);
    const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    const open = (await (await context.request.get('/api/admin/chats')).json()) as { chats: { chatId: string }[] };
    for (const chat of open.chats) {
      await context.request.post(`/api/admin/chats/${chat.chatId}/end`, { headers: { [CSRF_HEADER]: csrf, origin: baseURL } });
    }
  } finally {
    await context.close();
  }
}
