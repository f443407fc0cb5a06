/**
 * In a real browser: an admin creates an API token on the portal's API tokens
 * page (a refused form names the field), sees the secret once, a server uses
 * it, the list shows it used, the admin revokes it and it is refused at once.
 * Then /docs: Swagger UI renders the API under the site's own
 * Content-Security-Policy. The portal page passes axe.
 * Screenshots: test-results/screens/admin-tokens*.png, api-docs.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

const shots = 'test-results/screens';

async function signIn(page: Page, path: string, who: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(who);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const axeViolations = async (page: Page) => {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

test('an admin creates an API token, sees it once, a server uses it, and revoking refuses it at once', async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const admin = await context.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'API tokens' }).click();
  await expect(admin.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await expect(admin).toHaveURL(/#\/tokens$/);

  await admin.getByRole('button', { name: 'New token' }).click();
  const dialog = admin.getByRole('dialog');
  // Nothing chosen: the server's message is shown at the field.
  await dialog.getByRole('checkbox', { name: /Read chats/ }).uncheck();
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('Give the token a name (what uses it).')).toBeVisible();
  await expect(dialog.getByText('Choose at least one scope.')).toBeVisible();

  await dialog.getByLabel('Name').fill('Reporting server');
  await dialog.getByRole('checkbox', { name: /Read queues/ }).check();
  await dialog.getByRole('checkbox', { name: /Read chats/ }).check();
  await expect(await axeViolations(admin)).toEqual([]);
  await dialog.getByRole('button', { name: 'Create token' }).click();

  await expect(dialog.getByRole('heading', { name: 'Copy your new token' })).toBeVisible();
  const secret = await dialog.getByLabel(/Token/).inputValue();
  expect(secret).toMatch(/^rct_/);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied!' })).toBeVisible();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await admin.screenshot({ path: `${shots}/admin-tokens-secret.png`, animations: 'disabled' });
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = admin.getByRole('row', { name: /Reporting server/ });
  await expect(row).toContainText('Read queues');
  await expect(row).toContainText('Read chats');
  await expect(row).toContainText('Never');
  await expect(row).toContainText('Alex Admin');
  // The secret is not on the page any more, nor after a reload.
  await expect(admin.locator('body')).not.toContainText(secret);

  // A server calls the API with it.
  const auth = { authorization: `Bearer ${secret}` };
  const queues = await request.get('/api/admin/queues', { headers: auth });
  expect(queues.status()).toBe(200);
  expect((await request.post('/api/admin/queues', { headers: auth, data: { name: 'Not allowed' } })).status()).toBe(403);

  await admin.reload();
  await expect(row).not.toContainText('Never');
  await expect(admin.locator('body')).not.toContainText(secret);
  await expect(await axeViolations(admin)).toEqual([]);
  await admin.screenshot({ path: `${shots}/admin-tokens.png`, fullPage: true, animations: 'disabled' });

  await row.getByRole('button', { name: 'Revoke Reporting server' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(admin.getByRole('status')).toContainText('The token “Reporting server” was revoked.');
  await expect(row).toHaveCount(0);
  expect((await request.get('/api/admin/queues', { headers: auth })).status()).toBe(401);

  // Both are in the audit log.
  await admin.getByRole('link', { name: 'Audit log' }).click();
  await expect(admin.getByText('Revoked API token')).toBeVisible();
  await expect(admin.getByText('Created API token')).toBeVisible();
  await context.close();
});

test('/docs shows the API in Swagger UI without breaking the Content-Security-Policy', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') refused.push(message.text());
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  const response = await page.goto('/docs');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: /Reactive Chat API/ })).toBeVisible();
  for (const tag of ['public', 'auth', 'agent', 'admin', 'tokens']) await expect(page.locator(`#operations-tag-${tag}`)).toBeVisible();
  await expect(page.getByText('Create an API token; its secret is in this answer only')).toBeVisible();
  await page.screenshot({ path: `${shots}/api-docs.png`, animations: 'disabled' });
  expect(refused).toEqual([]);
});
