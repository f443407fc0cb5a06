/**
 * The portal's Mail page in a real browser: a left message is mailed, an
 * agent's reply to an address the SMTP server refuses for good (550) fails,
 * the admin sees it with its error and sends it again (recorded in the audit
 * log). The page passes axe. Screenshot: test-results/screens/admin-mail.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

const customer = `lost-${Date.now()}@bounce.example`;

async function signIn(page: Page, path: string, who: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(who);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the admin sees mail that failed, with its error, and sends it again', async ({ browser, request }) => {
  test.setTimeout(120_000);
  // A customer leaves a message (mailed to the queue), and an agent answers it by email.
  expect((await request.post('/api/public/queues/after-hours/messages', { data: { email: customer, message: 'Where is my refund?' } })).status()).toBe(201);
  expect((await request.post('/api/auth/login', { data: { email: 'sophie@demo.example', password: 'demo1234' } })).status()).toBe(200);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'rc_csrf')?.value ?? '';
  const items = (await (await request.get('/api/agent/offline-items')).json()) as { items: Array<{ id: string; email: string | null }> };
  const item = items.items.find((i) => i.email === customer);
  expect(item).toBeTruthy();
  const reply = await request.post(`/api/agent/offline-items/${item!.id}/reply`, { data: { body: 'Your refund left today.' }, headers: { 'x-csrf-token': csrf } });
  expect(reply.status()).toBe(200);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await context.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Mail' }).click();
  await expect(admin.getByRole('heading', { name: 'Mail' })).toBeVisible();

  const failedRow = admin.getByRole('row').filter({ hasText: 'Re: your message to After Hours' }).filter({ hasText: customer });
  const leftRow = admin.getByRole('row').filter({ hasText: `[After Hours] Message from ${customer}` });
  // The worker sends right after the request; refresh until both have an outcome.
  await expect(async () => {
    await admin.getByRole('button', { name: 'Refresh' }).click();
    await expect(failedRow).toContainText('Failed', { timeout: 1000 });
    await expect(leftRow).toContainText('Sent', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(failedRow).toContainText('550');
  await expect(failedRow).toContainText('1 attempt');
  await expect(leftRow.getByRole('button', { name: /Send again/ })).toHaveCount(0);

  const axe = await new AxeBuilder({ page: admin }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await admin.screenshot({ path: 'test-results/screens/admin-mail.png', fullPage: true, animations: 'disabled' });

  await failedRow.getByRole('button', { name: /Send again/ }).click();
  await expect(admin.getByRole('status')).toContainText('is queued to be sent again');
  // Still refused for good: it fails again, one attempt later.
  await expect(async () => {
    await admin.getByRole('button', { name: 'Refresh' }).click();
    await expect(failedRow).toContainText('Failed', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  await admin.getByRole('link', { name: 'Audit log' }).click();
  await expect(admin.getByText('Sent a failed mail again')).toBeVisible();
  await expect(admin.getByText(`Mail “Re: your message to After Hours”`)).toBeVisible();
  await context.close();
});
