/**
 * Nobody stranded, in the browser: Sophie's browser vanishes mid-chat; once
 * her presence expires (6 s on the e2e server) the customer reads why, is
 * back in line with the conversation still on screen, and can keep writing.
 * The admin then finds the chat on "Chats in progress" and ends it; the
 * customer reads that an administrator ended it. Both new screens pass axe.
 * Screenshots: test-results/screens/stranded-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';

const shots = 'test-results/screens';
// axe's analysis is slow on a loaded machine: these tests get more than the default minute.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let admin: Page;
let sophie: Page;
let sophieContext: BrowserContext;
let customer: Page;
const contexts: BrowserContext[] = [];

async function open(browser: Browser, viewport: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  return { page: await context.newPage(), context };
}

async function signIn(page: Page, path: string, email: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** No WCAG 2.1 A/AA violation on the page as it stands. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const chatsLink = () => admin.getByRole('link', { name: 'Chats in progress' });

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
});

test('the admin ends the chats earlier specs left open, on Chats in progress', async ({ browser }) => {
  ({ page: admin } = await open(browser, { width: 1280, height: 720 }));
  await signIn(admin, '/admin', 'admin@demo.example');
  await chatsLink().click();
  await expect(admin.getByRole('heading', { name: 'Chats in progress' })).toBeVisible();
  // Run alone, there are none; after the other specs, their customers' chats may still be open.
  const endButtons = admin.getByRole('button', { name: /^End chat with / });
  // Loaded: the empty line or a chat's End button ("Customer" matched the sidebar's "Customer data" before the list came).
  await expect(admin.getByText('No chats are open right now.').or(endButtons.first())).toBeVisible();
  while ((await endButtons.count()) > 0) {
    await endButtons.first().click();
    await admin.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await expect(admin.getByRole('dialog')).toHaveCount(0);
  }
  await expect(admin.getByText('No chats are open right now.')).toBeVisible();
});

test('Sophie answers a customer; both write', async ({ browser }) => {
  ({ page: sophie, context: sophieContext } = await open(browser, { width: 1280, height: 800 }));
  await signIn(sophie, '/agent', 'sophie@demo.example');
  await sophie.getByRole('button', { name: 'Available' }).click();
  await expect(sophie.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');

  ({ page: customer } = await open(browser, { width: 480, height: 820 }));
  await customer.goto('/chat/support');
  await customer.getByLabel('First name').fill('Dana');
  await customer.getByLabel('Last name').fill('Reyes');
  await customer.getByLabel('Email').fill('dana@example.com');
  await customer.getByLabel('Nature of inquiry').selectOption('Billing');
  await customer.getByRole('button', { name: 'Send' }).click();
  const offer = sophie.getByRole('article').filter({ hasText: 'Dana Reyes' });
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(customer.getByText('Sophie has joined the chat')).toBeVisible();

  // Nobody else is Available: the offline options are shown too; the chat's own box is the one to type in.
  const box = customer.getByRole('textbox', { name: 'Type your message' });
  await box.fill('My parcel never arrived.');
  await box.press('Enter');
  await expect(sophie.getByRole('log').getByText('My parcel never arrived.')).toBeVisible();
  await sophie.getByLabel('Message').fill('Sorry to hear that. Let me look up your order.');
  await sophie.getByLabel('Message').press('Enter');
  await expect(customer.getByText('Sorry to hear that. Let me look up your order.')).toBeVisible();
});

test('when Sophie’s browser vanishes the customer is told, waits again, and keeps the conversation on screen', async () => {
  await sophieContext.close(); // no heartbeat any more: her presence expires in 6 s
  await expect(customer.getByText('Sophie was disconnected — we are connecting you to another agent')).toBeVisible({ timeout: 30_000 });
  await expect(customer.getByRole('heading', { name: 'Connecting you to another agent' })).toBeVisible();
  await expect(customer.getByRole('status').filter({ hasText: /You are (next|number 1) in line/ })).toBeVisible();
  const log = customer.getByRole('log');
  await expect(log.getByText('My parcel never arrived.')).toHaveCount(1);
  await expect(log.getByText('Sorry to hear that. Let me look up your order.')).toHaveCount(1);

  // Writing while waiting: stored for the next agent.
  // Nobody else is Available: the offline options are shown too; the chat's own box is the one to type in.
  const box = customer.getByRole('textbox', { name: 'Type your message' });
  await box.fill('The order number is 4471.');
  await box.press('Enter');
  await expect(log.getByText('The order number is 4471.')).toBeVisible();
  await expect(log.getByText('Sending…')).toHaveCount(0);
  await customer.screenshot({ path: `${shots}/stranded-01-customer-waiting-again.png`, animations: 'disabled' });
  await expectAccessible(customer);

  // A reload keeps it all too.
  await customer.reload();
  await expect(customer.getByRole('log').getByText('My parcel never arrived.')).toHaveCount(1);
  await expect(customer.getByRole('heading', { name: 'Connecting you to another agent' })).toBeVisible();
});

test('the admin sees the chat waiting on Chats in progress and ends it; the customer reads why', async () => {
  await admin.getByRole('button', { name: 'Refresh' }).click();
  const row = admin.getByRole('row').filter({ hasText: 'Dana Reyes' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Support');
  await expect(row).toContainText('Waiting');
  await admin.screenshot({ path: `${shots}/stranded-02-admin-chats-in-progress.png`, animations: 'disabled' });
  await expectAccessible(admin);

  await row.getByRole('button', { name: 'End chat with Dana Reyes' }).click();
  const dialog = admin.getByRole('dialog', { name: 'End the chat with Dana Reyes?' });
  await expect(dialog).toBeVisible();
  await admin.screenshot({ path: `${shots}/stranded-03-admin-end-chat-confirm.png`, animations: 'disabled' });
  await expectAccessible(admin);
  await dialog.getByRole('button', { name: 'End chat' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'The chat with Dana Reyes has ended.' })).toBeVisible();
  await expect(admin.getByRole('row').filter({ hasText: 'Dana Reyes' })).toHaveCount(0);

  await expect(customer.getByText('This chat was ended by an administrator')).toBeVisible();
  await expect(customer.getByText('This chat has ended.')).toBeVisible();
  await expect(customer.getByRole('log').getByText('The order number is 4471.')).toHaveCount(1);
  await customer.screenshot({ path: `${shots}/stranded-04-customer-ended-by-admin.png`, animations: 'disabled' });

  await admin.getByRole('link', { name: 'Audit log' }).click();
  // Earlier specs' chats ended by the admin are in the log too; Dana's is the newest.
  await expect(admin.getByText('Ended chat').first()).toBeVisible();
  await expect(admin.getByText('Chat with “Dana Reyes”')).toBeVisible();
});
