/**
 * Old history on demand, in the browser: a console opening a long chat gets
 * only its newest page; "Show earlier messages" at the top of the thread
 * (keyboard reachable) loads the rest without moving what the agent was
 * reading. The console passes axe with the control on screen.
 * Screenshot: test-results/screens/agent-show-earlier.png (docs/screenshots/).
 */
import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { CUSTOMER_NAMESPACE } from '../src/protocol/events.js';
import { CHAT_PAGE_EVENTS } from '../src/protocol/limits.js';
import { endOpenChats } from './support/endOpenChats.js';

const shots = 'test-results/screens';
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let context: BrowserContext;
let sophie: Page;
let customer: Socket | undefined;
const CUSTOMER_MESSAGES = 40;
const AGENT_MESSAGES = 15;

const transcript = () => sophie.getByRole('log', { name: 'Transcript' });
const earlier = () => sophie.getByRole('button', { name: 'Show earlier messages' });

/** Sends one customer message, waiting out the per-chat limit (20 at once, then 2 a second). */
async function customerSays(socket: Socket, body: string, id: string): Promise<void> {
  for (;;) {
    const result = (await socket.timeout(10_000).emitWithAck('message:send', { clientMsgId: id, body })) as { ok: boolean; error?: { id: string } };
    if (result.ok) return;
    if (result.error?.id !== 'rate_limited') throw new Error(`message refused: ${result.error?.id}`);
    await new Promise((r) => setTimeout(r, 550));
  }
}

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  sophie = await context.newPage();
});

test.afterAll(async ({ browser, baseURL }) => {
  customer?.close();
  await context?.close();
  await endOpenChats(browser, baseURL!);
});

test('a long chat opens on its newest page; Show earlier messages loads the rest and keeps the place', async ({ baseURL, request }) => {
  await sophie.goto('/agent');
  await sophie.getByLabel('Email').fill('sophie@demo.example');
  await sophie.getByLabel('Password').fill('demo1234');
  await sophie.getByRole('button', { name: 'Sign in' }).click();
  await sophie.getByRole('button', { name: 'Available' }).click();
  await expect(sophie.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');

  // A customer who writes a lot, then an agent who answers a lot.
  const started = await request.post('/api/public/queues/support/chats', {
    data: { fields: { first_name: 'Lena', last_name: 'Long', email: 'lena@example.com', inquiry: 'Billing' } },
  });
  expect(started.ok()).toBe(true);
  const { token } = (await started.json()) as { token: string };
  customer = io(`${baseURL}${CUSTOMER_NAMESPACE}`, { auth: { token }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    customer!.once('connect', resolve);
    customer!.once('connect_error', reject);
  });
  await sophie.getByRole('article').filter({ hasText: 'Lena Long' }).getByRole('button', { name: 'Accept' }).click();
  await expect(sophie.getByRole('heading', { name: 'Lena Long' })).toBeVisible();
  for (let i = 1; i <= CUSTOMER_MESSAGES; i++) await customerSays(customer, `Lena line ${i}`, `lena-${i}`);
  for (let i = 1; i <= AGENT_MESSAGES; i++) {
    await sophie.getByLabel('Message').fill(`Sophie line ${i}`);
    await sophie.getByLabel('Message').press('Enter');
  }
  await expect(transcript().getByText(`Sophie line ${AGENT_MESSAGES}`, { exact: true })).toBeVisible();
  await expect(transcript().locator('.msg-pending')).toHaveCount(0, { timeout: 30_000 });

  // A reload opens the console from its snapshot: the newest page of the chat only.
  await sophie.reload();
  await expect(transcript().getByText(`Sophie line ${AGENT_MESSAGES}`, { exact: true })).toBeVisible();
  await expect(transcript().locator('li')).toHaveCount(CHAT_PAGE_EVENTS);
  await expect(transcript().getByText('Lena line 1', { exact: true })).toHaveCount(0);

  // Scrolled to the top, the control is there, reachable by keyboard, and the page passes axe.
  await sophie.locator('.transcript').evaluate((el) => (el.scrollTop = 0));
  await expect(earlier()).toBeVisible();
  await sophie.screenshot({ path: `${shots}/agent-show-earlier.png`, animations: 'disabled' });
  const axe = await new AxeBuilder({ page: sophie }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Keyboard: focus the control and press Enter. What was first on screen stays where it was.
  const anchor = transcript().getByText('Lena line 30', { exact: true });
  const topBefore = (await anchor.boundingBox())!.y;
  await earlier().focus();
  await sophie.keyboard.press('Enter');
  await expect(transcript().getByText('Lena line 1', { exact: true })).toBeAttached();
  await expect(earlier()).toHaveCount(0);
  const topAfter = (await anchor.boundingBox())!.y;
  // Older lines went in above (and the control left): the line the agent was reading did not move.
  expect(Math.abs(topAfter - topBefore)).toBeLessThan(3);

  // The whole chat, once each, in order.
  const lines = (await transcript().locator('.msg-bubble').allInnerTexts()).map((t) => t.trim());
  const expected = [
    ...Array.from({ length: CUSTOMER_MESSAGES }, (_, i) => `Lena line ${i + 1}`),
    ...Array.from({ length: AGENT_MESSAGES }, (_, i) => `Sophie line ${i + 1}`),
  ];
  expect(lines).toEqual(expected);

  await sophie.getByRole('button', { name: 'Away' }).click();
});
