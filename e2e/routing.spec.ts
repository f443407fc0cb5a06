/**
 * Routing in the browser: two agents (Sophie and Leo) and three customers.
 * Chats are shared fairly (least busy, then idle longest), an offer Leo does
 * not answer times out and moves to Sophie while Leo is marked not
 * responding, and when Leo's browser goes away mid-offer the chat comes back
 * to Sophie once his presence expires. The e2e server runs with an 8 s offer
 * timeout and a 6 s presence expiry (e2e/serve.ts).
 */
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';

const shots = 'test-results/screens';
test.describe.configure({ mode: 'serial' });

let sophie: Page;
let leo: Page;
let leoContext: BrowserContext;
const contexts: BrowserContext[] = [];

async function agentPage(browser: Browser, email: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/agent');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('group', { name: 'Status' })).toBeVisible();
  return { page, context };
}

async function customerStarts(browser: Browser, first: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 480, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/chat/support');
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill('Test');
  await page.getByLabel('Email').fill(`${first.toLowerCase()}@example.com`);
  await page.getByLabel('Nature of inquiry').selectOption('Sales');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('list', { name: 'Waiting in queue' })).toBeVisible();
  return page;
}

const offerFrom = (page: Page, name: string) => page.getByRole('article', { name: `Chat offer from ${name} Test` });

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
});

test('two agents sign in; Sophie becomes Available before Leo', async ({ browser }) => {
  ({ page: sophie } = await agentPage(browser, 'sophie@demo.example'));
  ({ page: leo, context: leoContext } = await agentPage(browser, 'leo@demo.example'));
  // Away then Available restarts Sophie's idle clock: she is idle longest, Leo next.
  await sophie.getByRole('button', { name: 'Away' }).click();
  await sophie.getByRole('button', { name: 'Available' }).click();
  await expect(sophie.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
  await leo.getByRole('button', { name: 'Available' }).click();
  await expect(leo.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
});

test('the first customer goes to Sophie, idle longest; the second to Leo, least busy', async ({ browser }) => {
  const first = await customerStarts(browser, 'Alice');
  await expect(offerFrom(sophie, 'Alice')).toBeVisible();
  await expect(offerFrom(sophie, 'Alice')).toContainText(/\d+ s/);
  await sophie.screenshot({ path: `${shots}/routing-01-sophie-offer-countdown.png`, animations: 'disabled' });
  await offerFrom(sophie, 'Alice').getByRole('button', { name: 'Accept' }).click();
  await expect(first.getByText('Sophie has joined the chat')).toBeVisible();

  await customerStarts(browser, 'Bruno');
  await expect(offerFrom(leo, 'Bruno')).toBeVisible();
  await expect(offerFrom(sophie, 'Bruno')).toHaveCount(0);
});

test('an offer Leo does not answer moves to Sophie, and Leo is marked not responding', async () => {
  // Leo lets the 8 s offer run out.
  await expect(offerFrom(sophie, 'Bruno')).toBeVisible({ timeout: 20_000 });
  await expect(offerFrom(leo, 'Bruno')).toHaveCount(0);
  await expect(leo.getByText(/Not responding/)).toBeVisible();
  await expect(leo.getByRole('button', { name: 'Away' })).toHaveAttribute('aria-pressed', 'true');
  await leo.screenshot({ path: `${shots}/routing-02-leo-not-responding.png`, animations: 'disabled' });
  await offerFrom(sophie, 'Bruno').getByRole('button', { name: 'Accept' }).click();
  await expect(sophie.getByRole('heading', { name: 'Bruno Test' })).toBeVisible();
});

test('when Leo disconnects mid-offer the chat comes back to Sophie', async ({ browser }) => {
  await leo.getByRole('button', { name: 'Available' }).click();
  await expect(leo.getByText(/Not responding/)).toHaveCount(0);
  const third = await customerStarts(browser, 'Chen');
  await expect(offerFrom(leo, 'Chen')).toBeVisible();
  await leoContext.close(); // his browser is gone: no heartbeat any more
  await expect(offerFrom(sophie, 'Chen')).toBeVisible({ timeout: 25_000 });
  await sophie.screenshot({ path: `${shots}/routing-03-sophie-gets-chen.png`, animations: 'disabled' });
  await offerFrom(sophie, 'Chen').getByRole('button', { name: 'Accept' }).click();
  await expect(third.getByText('Sophie has joined the chat')).toBeVisible();
  await expect(sophie.getByText('3 / 3')).toBeVisible();
});
