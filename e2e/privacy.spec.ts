/**
 * In a real browser: a link in a chat message is a safe link and markup
 * stays text; the admin exports and erases a customer's data from the
 * portal (the CSRF token travels with every change).
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

const email = `privacy-${Date.now()}@example.com`;

async function signIn(page: Page, path: string, who: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(who);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the admin exports and then erases a customer\'s data, and the audit log says so', async ({ browser, request }) => {
  const left = await request.post('/api/public/queues/after-hours/messages', { data: { email, message: 'Please call me back about invoice 42.' } });
  expect(left.status()).toBe(201);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const admin = await context.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Customer data' }).click();
  await expect(admin.getByRole('heading', { name: 'Customer data' })).toBeVisible();
  await admin.getByLabel("Customer's email address").fill(email);

  const download = admin.waitForEvent('download');
  await admin.getByRole('button', { name: 'Export' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { leftMessages: Array<{ message: string }> };
  expect(exported.leftMessages.map((m) => m.message)).toEqual(['Please call me back about invoice 42.']);
  await expect(admin.getByRole('status')).toContainText('Exported 0 chats, 1 left message');
  await admin.screenshot({ path: 'test-results/screens/20-admin-customer-data.png', fullPage: true, animations: 'disabled' });

  await admin.getByRole('button', { name: 'Erase…' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Erase', exact: true }).click();
  await expect(admin.getByRole('status')).toContainText('Erased 0 chats, 1 left message, 0 callback requests and 1 mail.');

  await admin.getByRole('link', { name: 'Audit log' }).click();
  await expect(admin.getByText('Erased customer data').first()).toBeVisible();
  await context.close();
});

test('a link in a message opens safely in a new tab, and markup in a message stays text', async ({ browser }) => {
  const agentContext = await browser.newContext();
  const customerContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const customer = await customerContext.newPage();
  await signIn(agent, '/agent', 'sophie@demo.example');
  await agent.getByRole('button', { name: 'Available' }).click();

  await customer.goto('/chat/support');
  await customer.getByLabel('First name').fill('Lina');
  await customer.getByLabel('Last name').fill('Park');
  await customer.getByLabel('Email').fill(`lina-${Date.now()}@example.com`);
  await customer.getByLabel('Nature of inquiry').selectOption('Other');
  await customer.getByRole('button', { name: 'Send' }).click();
  await agent.getByRole('button', { name: /Accept/ }).first().click();

  await customer.getByRole('textbox').last().fill('See https://example.com/order?id=7. And <img src=x onerror="document.title=1">');
  await customer.keyboard.press('Enter');
  const link = agent.getByRole('link', { name: 'https://example.com/order?id=7' });
  await expect(link).toHaveAttribute('href', 'https://example.com/order?id=7');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(link).toHaveAttribute('target', '_blank');
  const transcript = agent.getByRole('log', { name: 'Transcript' });
  await expect(transcript.getByText('<img src=x onerror="document.title=1">', { exact: false })).toBeVisible();
  expect(await agent.locator('.msg-bubble img').count()).toBe(0);
  // The customer's own copy: the same safe link.
  await expect(customer.getByRole('link', { name: 'https://example.com/order?id=7' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await customer.screenshot({ path: 'test-results/screens/21-customer-safe-link.png', fullPage: true, animations: 'disabled' });
  await customer.getByRole('button', { name: 'End Chat' }).click();
  await customer.getByRole('dialog', { name: 'End this chat?' }).getByRole('button', { name: 'End Chat' }).click();
  await customerContext.close();
  await agentContext.close();
});
