/**
 * Issue 11's rough edges in the browser: going Away withdraws an offer at once,
 * the console's chat list puts active (unread first) above ended ones, and the
 * confirmations before ending or leaving a chat and signing out with chats open.
 * Each new state passes axe and works by keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { OFFLINE_MESSAGE_MAX_CHARS } from '../src/protocol/limits.js';
import { endOpenChats } from './support/endOpenChats.js';

const shots = 'docs/screenshots';
test.describe.configure({ mode: 'serial' });

const contexts: BrowserContext[] = [];
/** Each customer's page by first name. */
const customers = new Map<string, Page>();

const axeViolations = async (page: Page) => {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

async function agentPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/agent');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('group', { name: 'Status' })).toBeVisible();
  return page;
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
  customers.set(first, page);
  return page;
}

const offerFrom = (page: Page, name: string) => page.getByRole('article', { name: `Chat offer from ${name} Test` });

let sophie: Page;

test.beforeAll(async ({ browser, baseURL }) => {
  await endOpenChats(browser, baseURL!);
});
test.afterAll(async ({ browser, baseURL }) => {
  await endOpenChats(browser, baseURL!);
  for (const context of contexts) await context.close().catch(() => undefined);
});

test('going Away during an offer withdraws it at once: no countdown, never "Not responding"', async ({ browser }) => {
  sophie = await agentPage(browser, 'sophie@demo.example');
  await sophie.getByRole('button', { name: 'Available' }).click();
  await expect(sophie.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
  const dora = await customerStarts(browser, 'Dora');
  await expect(offerFrom(sophie, 'Dora')).toBeVisible();
  await sophie.getByRole('button', { name: 'Away' }).click();
  // Well inside the 8 s offer timeout of the e2e server.
  await expect(offerFrom(sophie, 'Dora')).toHaveCount(0, { timeout: 3000 });
  await expect(sophie.getByRole('button', { name: 'Away' })).toHaveAttribute('aria-pressed', 'true');
  expect(await axeViolations(sophie)).toEqual([]);
  await sophie.screenshot({ path: `${shots}/edges-01-away-offer-withdrawn.png`, animations: 'disabled' });
  // Past the offer timeout: the agent was not blamed, and the customer is still waiting in line.
  await sophie.waitForTimeout(9000);
  await expect(sophie.getByText(/Not responding/)).toHaveCount(0);
  await expect(dora.getByRole('list', { name: 'Waiting in queue' })).toBeVisible();
  await sophie.getByRole('button', { name: 'Available' }).click();
  await expect(offerFrom(sophie, 'Dora')).toBeVisible();
  await offerFrom(sophie, 'Dora').getByRole('button', { name: 'Accept' }).click();
  await expect(dora.getByText('Sophie has joined the chat')).toBeVisible();
});

const myChats = (page: Page) => page.getByRole('region', { name: 'My chats' });
/** The names of "My chats" rows in chats in progress, top to bottom. */
const openChatNames = async (page: Page) => myChats(page).getByRole('list').first().locator('.chat-item-name').allInnerTexts();

test('"My chats" lists chats in progress first, unread on top, and ended ones collapsed under "Ended"', async ({ browser }) => {
  const eli = await customerStarts(browser, 'Eli');
  await offerFrom(sophie, 'Eli').getByRole('button', { name: 'Accept' }).click();
  await expect(eli.getByText('Sophie has joined the chat')).toBeVisible();
  // Dora ends her chat: it leaves the list of chats in progress for the collapsed "Ended" section.
  const dora = customers.get('Dora')!;
  await dora.getByRole('button', { name: 'End Chat' }).click();
  await dora.getByRole('dialog', { name: 'End this chat?' }).getByRole('button', { name: 'End Chat' }).click();
  await expect(dora.getByText('You ended the chat.')).toBeVisible();
  const endedToggle = myChats(sophie).getByRole('button', { name: /^Ended/ });
  await expect(endedToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(myChats(sophie).getByRole('list', { name: 'Ended chats' })).toBeHidden();

  const finn = await customerStarts(browser, 'Finn');
  await offerFrom(sophie, 'Finn').getByRole('button', { name: 'Accept' }).click();
  await expect(finn.getByText('Sophie has joined the chat')).toBeVisible();
  await expect.poll(() => openChatNames(sophie)).toEqual(['Eli Test', 'Finn Test']);
  // Sophie reads Finn; Eli writes: Eli's unread chat goes on top.
  await sophie.getByRole('heading', { name: 'Finn Test' }).waitFor();
  await eli.getByRole('textbox', { name: /message/i }).fill('Are you there?');
  await eli.getByRole('textbox', { name: /message/i }).press('Enter');
  await expect.poll(() => openChatNames(sophie)).toEqual(['Eli Test', 'Finn Test']);
  await finn.getByRole('textbox', { name: /message/i }).fill('Hello?');
  await finn.getByRole('textbox', { name: /message/i }).press('Enter');
  await myChats(sophie).getByRole('button', { name: /Eli Test/ }).click();
  await finn.getByRole('textbox', { name: /message/i }).fill('Anyone?');
  await finn.getByRole('textbox', { name: /message/i }).press('Enter');
  await expect(myChats(sophie).getByRole('button', { name: /Finn Test/ })).toContainText('unread');
  await expect.poll(() => openChatNames(sophie)).toEqual(['Finn Test', 'Eli Test']);

  // By keyboard: the toggle opens the ended chats.
  await endedToggle.focus();
  await sophie.keyboard.press('Enter');
  await expect(endedToggle).toHaveAttribute('aria-expanded', 'true');
  await expect(myChats(sophie).getByRole('list', { name: 'Ended chats' })).toContainText('Dora Test');
  expect(await axeViolations(sophie)).toEqual([]);
  await sophie.screenshot({ path: `${shots}/edges-02-console-chat-order.png`, animations: 'disabled' });
});

/** Tab and Shift+Tab keep focus inside the open dialog (the rest of the page is inert). */
async function expectFocusTrapped(page: Page): Promise<void> {
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), `focus left the dialog after ${key}`).toBe(true);
  }
}

test('End Chat on the customer page asks first: an accessible dialog, focus trapped, Escape keeps the chat', async () => {
  const customer = customers.get('Eli')!;
  const endButton = customer.getByRole('button', { name: 'End Chat' });
  await endButton.click();
  const dialog = customer.getByRole('dialog', { name: 'End this chat?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('You will not be able to send more messages');
  await expect(dialog.getByRole('button', { name: 'Keep chatting' })).toBeFocused();
  await expectFocusTrapped(customer);
  expect(await axeViolations(customer)).toEqual([]);
  await customer.screenshot({ path: `${shots}/edges-03-customer-end-chat-confirm.png`, animations: 'disabled' });
  await customer.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(endButton).toBeFocused();
  await expect(customer.getByText('You ended the chat.')).toHaveCount(0);
  // Cancel by keyboard too, then end for real by keyboard.
  await customer.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await customer.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'End Chat' })).toBeFocused();
  await customer.keyboard.press('Enter');
  await expect(customer.getByText('You ended the chat.')).toBeVisible();
});

test('the console asks before End chat (named as in the seed) and before Sign out while chats are open', async () => {
  await myChats(sophie).getByRole('button', { name: /Finn Test/ }).click();
  await sophie.getByRole('button', { name: 'End chat' }).click();
  const endDialog = sophie.getByRole('dialog', { name: 'End the chat with Finn Test?' });
  await expect(endDialog).toBeVisible();
  await expect(endDialog.getByRole('button', { name: 'Keep chatting' })).toBeFocused();
  await expectFocusTrapped(sophie);
  expect(await axeViolations(sophie)).toEqual([]);
  await sophie.screenshot({ path: `${shots}/edges-04-agent-end-chat-confirm.png`, animations: 'disabled' });
  await endDialog.getByRole('button', { name: 'Keep chatting' }).click();
  await expect(endDialog).toHaveCount(0);
  await expect(sophie.getByRole('button', { name: 'End chat' })).toBeVisible();

  // Finn's chat is still open: Sign out asks.
  await sophie.getByRole('button', { name: 'Sign out' }).click();
  const signOut = sophie.getByRole('dialog', { name: 'Sign out with a chat open?' });
  await expect(signOut).toBeVisible();
  await expect(signOut).toContainText('go back in line for another agent');
  await expectFocusTrapped(sophie);
  expect(await axeViolations(sophie)).toEqual([]);
  await sophie.screenshot({ path: `${shots}/edges-05-agent-sign-out-confirm.png`, animations: 'disabled' });
  await sophie.keyboard.press('Escape');
  await expect(signOut).toHaveCount(0);
  await expect(sophie.getByRole('group', { name: 'Status' })).toBeVisible();

  await sophie.getByRole('button', { name: 'End chat' }).click();
  await endDialog.getByRole('button', { name: 'End chat' }).click();
  await expect(sophie.getByText('You left this chat.')).toBeVisible();
  // Nothing open any more: Sign out goes at once.
  await sophie.getByRole('button', { name: 'Sign out' }).click();
  await expect(sophie.getByLabel('Password')).toBeVisible();
});

test('General Settings asks, checks and refuses the wait before the offline options in minutes, and takes the minimum it states', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const admin = await context.newPage();
  await admin.goto('/admin');
  await admin.getByLabel('Email').fill('admin@demo.example');
  await admin.getByLabel('Password').fill('demo1234');
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.getByRole('link', { name: 'Support', exact: true }).click();
  await admin.getByRole('tab', { name: 'General Settings' }).click();
  const field = admin.getByLabel('Offer the offline options after (minutes)');
  await expect(admin.getByText('From 0.5 to 1,440 minutes (24 hours).')).toBeVisible();
  const save = () => admin.getByRole('button', { name: 'Save', exact: true }).click();

  await field.fill('0.4');
  await save();
  await expect(admin.locator('#gs-maxWaitSeconds-error')).toHaveText('At least 0.5 minutes (30 seconds).');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(admin)).toEqual([]);
  await admin.screenshot({ path: `${shots}/edges-06-admin-wait-in-minutes.png`, animations: 'disabled' });
  await field.fill('1441');
  await save();
  await expect(admin.locator('#gs-maxWaitSeconds-error')).toHaveText('At most 1,440 minutes (24 hours).');
  await field.fill('0.5');
  await save();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(admin.locator('#gs-maxWaitSeconds-error')).toHaveCount(0);
  await admin.reload();
  await admin.getByRole('tab', { name: 'General Settings' }).click();
  await expect(field).toHaveValue('0.5');
  await field.fill('5');
  await save();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
});

test('a left message as long as allowed shows as a preview with "Show more" in the console', async ({ baseURL }) => {
  const long = `Please read all of this. ${'My order arrived damaged and I would like a replacement. '.repeat(360)}`.slice(0, OFFLINE_MESSAGE_MAX_CHARS).trim();
  const left = await sophie.request.post(`${baseURL}/api/public/queues/after-hours/messages`, { data: { email: 'long@example.com', message: long } });
  expect(left.status()).toBe(201);
  await sophie.getByLabel('Email').fill('sophie@demo.example');
  await sophie.getByLabel('Password').fill('demo1234');
  await sophie.getByRole('button', { name: 'Sign in' }).click();
  await sophie.getByRole('button', { name: /Messages & callbacks/ }).click();
  const row = sophie.getByRole('row').filter({ hasText: 'long@example.com' });
  const text = row.locator('.offline-message');
  await expect(text).toContainText('Please read all of this.');
  expect((await text.innerText()).length).toBeLessThan(600);
  const more = row.getByRole('button', { name: /Show more/ });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  expect(await axeViolations(sophie)).toEqual([]);
  await sophie.screenshot({ path: `${shots}/edges-07-agent-long-message-preview.png`, animations: 'disabled' });
  await more.focus();
  await sophie.keyboard.press('Enter');
  await expect(row.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  expect((await text.innerText()).length).toBe(long.length);
});

test('the console and the portal load signed out without an error in the browser console (the session probe answers 200)', async ({ browser }) => {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
  for (const path of ['/agent', '/admin']) {
    await page.goto(path);
    await expect(page.getByLabel('Password')).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test('the portal refuses a second queue called "Support" and Monday hours that overlap, each at its field', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const admin = await context.newPage();
  await admin.goto('/admin');
  await admin.getByLabel('Email').fill('admin@demo.example');
  await admin.getByLabel('Password').fill('demo1234');
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.getByRole('button', { name: '+ New queue' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Queue name').fill('support');
  await admin.getByRole('button', { name: 'Create queue' }).click();
  await expect(dialog).toContainText('Another queue is already called “Support”. Choose another name.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await admin.getByRole('link', { name: 'Support', exact: true }).click();
  await admin.getByRole('tab', { name: 'Working Hours' }).click();
  // Refused as a whole, so the Support queue (used by the specs after this one) keeps its hours.
  await admin.getByLabel('Use working hours').check();
  const addMonday = admin.getByRole('button', { name: 'Add hours on Monday' });
  await addMonday.click();
  await addMonday.click();
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  const second = admin.getByRole('group', { name: 'Monday interval 2' });
  await expect(second).toContainText('Overlaps Monday 09:00–17:00. Join the two intervals or change one.');
  expect(await axeViolations(admin)).toEqual([]);
  await second.scrollIntoViewIfNeeded();
  await admin.screenshot({ path: `${shots}/edges-08-admin-overlapping-hours.png`, animations: 'disabled' });
});

test('a page opened while the service cannot answer (503 unavailable) comes up by itself once it can', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 480, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  // What a node answers while its database is away (src/db/outage.ts), for the first requests only.
  const unavailable = { status: 503, headers: { 'retry-after': '1' }, contentType: 'application/json', body: JSON.stringify({ error: { id: 'unavailable', message: 'The service is unavailable.' } }) };
  let refusedQueue = 0;
  await page.route('**/api/public/queues/support?*', (route) => (refusedQueue++ < 1 ? route.fulfill(unavailable) : route.continue()));
  await page.goto('/chat/support');
  await expect(page.getByText('We are very busy right now. Please try again in a moment.')).toBeVisible();
  // Nobody presses Try again: the page asks again by itself and shows the queue.
  await expect(page).toHaveTitle('Support — Chat', { timeout: 15_000 });
  expect(refusedQueue).toBeGreaterThanOrEqual(2);

  let refusedSession = 0;
  await page.route('**/api/auth/session', (route) => (refusedSession++ < 2 ? route.fulfill(unavailable) : route.continue()));
  await page.goto('/agent');
  await expect(page.getByText('Trying again by itself…')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${shots}/console-retrying.png` });
  await expect(page.getByLabel('Password')).toBeVisible({ timeout: 15_000 });
  expect(refusedSession).toBe(3);
});
