/**
 * The leftovers of "Run the contact center" in the browser:
 * - Sophie withdraws a transfer still offered to Leo (by keyboard): Leo's offer goes at once with
 *   "Sophie withdrew the transfer…", the chat stays with Sophie;
 * - the Live view: each queue's estimate accuracy today, and a long chat opened read-only pages back
 *   with "Show earlier messages" (keyboard);
 * - Sophie transfers the chat to the Billing queue: the customer's header says Billing, also after a
 *   reload.
 * Every new screen passes axe. Screenshots: docs/screenshots/xfer-*.png.
 */
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { AdminQueueDetail } from '../src/protocol/admin.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../src/protocol/http.js';
import { endOpenChats } from './support/endOpenChats.js';
import { setOfferTimeout } from './support/offerTimeout.js';
import { axeViolations, signIn } from './support/people.js';

const shots = 'docs/screenshots';
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let sophie: Page;
let leo: Page;
let customer: Page;
let billingId: string | null = null;
const contexts: BrowserContext[] = [];
const LINES = 26;

/** As the admin would: Billing, a copy of Support, answered by Leo alone (or deleted again). */
async function adminCall(browser: Browser, baseURL: string, work: (call: (method: string, path: string, data?: object) => Promise<unknown>) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ baseURL });
  try {
    await context.request.post('/api/auth/login', { data: { email: 'admin@demo.example', password: 'demo1234' } });
    const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    await work(async (method, path, data) => {
      const response = await context.request.fetch(path, { method, data, headers: { [CSRF_HEADER]: csrf, origin: baseURL } });
      if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
      return response.status() === 204 ? null : response.json();
    });
  } finally {
    await context.close();
  }
}

async function agentPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, '/agent', email);
  await expect(page.getByRole('group', { name: 'Status' })).toBeVisible();
  return page;
}

const dialog = () => sophie.getByRole('dialog', { name: 'Transfer chat' });

test.beforeAll(async ({ browser, baseURL }) => {
  await setOfferTimeout(browser, baseURL!, 'support', 120);
  await adminCall(browser, baseURL!, async (call) => {
    const { queues } = (await call('GET', '/api/admin/queues')) as { queues: { id: string; slug: string }[] };
    const support = queues.find((q) => q.slug === 'support')!;
    const copy = (await call('POST', `/api/admin/queues/${support.id}/duplicate`, { name: 'Billing' })) as AdminQueueDetail;
    billingId = copy.id;
    const { people } = (await call('GET', '/api/admin/people')) as { people: { id: string; email: string }[] };
    await call('PUT', `/api/admin/queues/${copy.id}/agents`, { agentIds: [people.find((p) => p.email === 'leo@demo.example')!.id] });
  });
});

test.afterAll(async ({ browser, baseURL }) => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await endOpenChats(browser, baseURL!);
  await setOfferTimeout(browser, baseURL!, 'support', null);
  if (billingId) await adminCall(browser, baseURL!, async (call) => void (await call('DELETE', `/api/admin/queues/${billingId}`)));
});

test('Sophie answers Tara, and they talk a while', async ({ browser }) => {
  sophie = await agentPage(browser, 'sophie@demo.example');
  leo = await agentPage(browser, 'leo@demo.example');
  await leo.getByRole('button', { name: 'Away' }).click();
  await sophie.getByRole('button', { name: 'Available' }).click();
  await expect(sophie.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');

  const context = await browser.newContext({ viewport: { width: 480, height: 820 } });
  contexts.push(context);
  customer = await context.newPage();
  await customer.goto('/chat/support');
  await customer.getByLabel('First name').fill('Tara');
  await customer.getByLabel('Last name').fill('Test');
  await customer.getByLabel('Email').fill('tara@example.com');
  await customer.getByLabel('Nature of inquiry').selectOption('Billing');
  await customer.getByRole('button', { name: 'Send' }).click();
  await sophie.getByRole('article', { name: 'Chat offer from Tara Test' }).getByRole('button', { name: 'Accept' }).click();
  await expect(customer.getByText('Sophie has joined the chat')).toBeVisible();
  await expect(customer.locator('header')).toContainText('Support');

  // A long conversation, so that the live view opens it on its newest page.
  const box = customer.getByRole('textbox', { name: /message/i });
  for (let i = 1; i <= LINES; i++) {
    await box.fill(`Customer line ${i}`);
    await box.press('Enter');
    await sophie.getByLabel('Message').fill(`Agent line ${i}`);
    await sophie.getByLabel('Message').press('Enter');
  }
  await expect(sophie.getByRole('log', { name: 'Transcript' }).getByText(`Customer line ${LINES}`, { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(customer.getByText(`Agent line ${LINES}`, { exact: true })).toBeVisible({ timeout: 60_000 });

  await leo.getByRole('button', { name: 'Available' }).click();
  await expect(leo.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
});

test('Sophie withdraws a transfer to Leo by keyboard: his offer goes at once, with a word; the chat stays hers', async () => {
  await sophie.getByRole('button', { name: 'Transfer the chat with Tara Test' }).click();
  await dialog().getByRole('radio', { name: /Leo/ }).check();
  await dialog().getByLabel('Note for the receiver (optional)').fill('Refund question');
  await dialog().getByRole('button', { name: 'Transfer', exact: true }).click();
  const offer = leo.getByRole('article', { name: 'Chat offer from Tara Test' });
  await expect(offer).toContainText('Transfer from Sophie');

  const withdraw = sophie.getByRole('button', { name: 'Withdraw the transfer to Leo' });
  await expect(withdraw).toBeVisible();
  await sophie.screenshot({ path: `${shots}/xfer-01-withdraw-button.png`, animations: 'disabled' });
  expect(await axeViolations(sophie)).toEqual([]);
  await withdraw.focus();
  await sophie.keyboard.press('Enter');

  await expect(offer).toHaveCount(0);
  await expect(leo.getByRole('alert').filter({ hasText: 'Sophie withdrew the transfer of Tara Test. The chat stays with Sophie.' })).toBeVisible();
  await leo.screenshot({ path: `${shots}/xfer-02-receiver-told.png`, animations: 'disabled' });
  expect(await axeViolations(leo)).toEqual([]);
  const said = sophie.getByRole('alert').filter({ hasText: 'Transfer to Leo did not happen: you withdrew it.' });
  await expect(said).toBeVisible();
  await said.getByRole('button', { name: 'Dismiss' }).click();
  // Still Sophie's: she writes, Tara reads; the Transfer button works again.
  await sophie.getByLabel('Message').fill('Still with you, Tara.');
  await sophie.getByLabel('Message').press('Enter');
  await expect(customer.getByText('Still with you, Tara.')).toBeVisible();
  await expect(customer.locator('header')).toContainText('Sophie');
  await expect(sophie.getByRole('button', { name: 'Transfer the chat with Tara Test' })).toBeEnabled();
});

test("the Live view: today's estimate accuracy per queue, and a long chat paged back by keyboard", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  contexts.push(context);
  const admin = await context.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.goto('/admin#/live');
  const support = admin.locator('tr[data-queue="Support"]');
  // Tara was answered today after being shown an estimate: Support has a figure.
  await expect(support).toContainText(/off by \d/);
  await expect(support).toContainText(/median of \d+ answered/);
  await expect(admin.getByText(/Estimates today: for each customer answered today/)).toBeVisible();
  await admin.screenshot({ path: `${shots}/xfer-03-live-estimate-accuracy.png`, animations: 'disabled' });
  expect(await axeViolations(admin)).toEqual([]);

  await admin.getByRole('link', { name: 'Open the chat with Tara Test' }).click();
  const log = admin.getByRole('log', { name: 'Transcript' });
  await expect(log.getByText(`Agent line ${LINES}`, { exact: true })).toBeVisible();
  await expect(log.getByText('Customer line 1', { exact: true })).toHaveCount(0);
  const earlier = admin.getByRole('button', { name: 'Show earlier messages' });
  await earlier.focus();
  await admin.keyboard.press('Enter');
  await expect(log.getByText('Customer line 1', { exact: true })).toBeVisible();
  // All loaded: the button goes, the keyboard focus lands on the transcript.
  await expect(earlier).toHaveCount(0);
  await expect(log).toBeFocused();
  await log.getByText('Customer line 1', { exact: true }).scrollIntoViewIfNeeded();
  await admin.screenshot({ path: `${shots}/xfer-04-live-earlier-messages.png`, animations: 'disabled' });
  expect(await axeViolations(admin)).toEqual([]);
});

test("transferred to Billing: the customer's header says Billing at once, and after a reload", async () => {
  // Leo, Available, answers Billing: the queue takes the chat.
  await sophie.getByRole('button', { name: 'Transfer the chat with Tara Test' }).click();
  await dialog().getByRole('radio', { name: /Billing/ }).check();
  await dialog().getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(customer.getByText('Sophie transferred you to Billing')).toBeVisible();
  await expect(customer.getByRole('heading', { level: 1 })).toHaveText('Billing');
  await expect(customer).toHaveTitle(/Billing/);
  await customer.screenshot({ path: `${shots}/xfer-05-customer-new-queue.png`, animations: 'disabled' });
  expect(await axeViolations(customer)).toEqual([]);
  await customer.reload();
  await expect(customer.getByText('Sophie transferred you to Billing')).toBeVisible();
  await expect(customer.getByRole('heading', { level: 1 })).toHaveText('Billing');
});
