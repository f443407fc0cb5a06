/**
 * Issue 11's rough edges, second round, in the browser: the customer's screens before a chat follow the
 * queue live (no agents → an agent is available now, a field the admin adds, the queue closing), the
 * queue-full screen says one true thing, a message left from the waiting screen ends the wait, the agent's
 * picture in a chat follows the picture policy, a callback nobody answered keeps a time to try again, and
 * the portal warns before a queue's chat address changes. Each new state passes axe and works by keyboard.
 */
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { AdminQueueDetail, PersonView } from '../src/protocol/admin.js';
import { CSRF_COOKIE, CSRF_HEADER } from '../src/protocol/http.js';
import type { PublicQueueView } from '../src/protocol/views.js';
import { endOpenChats } from './support/endOpenChats.js';
import { agentAvailable, axeViolations, customerStarts, signIn } from './support/people.js';

const shots = 'docs/screenshots';
test.describe.configure({ mode: 'serial' });

const contexts: BrowserContext[] = [];

async function page(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 820 } });
  contexts.push(context);
  return context.newPage();
}

/** The admin's API, as the portal calls it (session cookie, CSRF header). */
interface Portal {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'PATCH' | 'PUT' | 'POST', path: string, data?: unknown): Promise<T>;
}

async function portalApi(browser: Browser, baseURL: string): Promise<Portal> {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  const login = await context.request.post('/api/auth/login', { data: { email: 'admin@demo.example', password: 'demo1234' } });
  expect(login.ok()).toBe(true);
  const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
  return {
    get: async (path) => (await context.request.get(path)).json(),
    async send(method, path, data) {
      const response = await context.request.fetch(path, { method, data, headers: { [CSRF_HEADER]: csrf, origin: baseURL } });
      expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
      return response.json();
    },
  };
}

let portal: Portal;
let support: AdminQueueDetail;
let sophieId: string;
let sophie: Page;
const path = () => `/api/admin/queues/${support.id}`;
const publicView = async (p: Page) => (await (await p.request.get('/api/public/queues/support')).json()) as PublicQueueView;

test.beforeAll(async ({ browser, baseURL }) => {
  await endOpenChats(browser, baseURL!);
  portal = await portalApi(browser, baseURL!);
  const { queues } = await portal.get<{ queues: Array<{ id: string; slug: string }> }>('/api/admin/queues');
  support = await portal.get<AdminQueueDetail>(`/api/admin/queues/${queues.find((q) => q.slug === 'support')!.id}`);
  const { people } = await portal.get<{ people: PersonView[] }>('/api/admin/people');
  sophieId = people.find((p) => p.email === 'sophie@demo.example')!.id;
});

test.afterAll(async ({ browser, baseURL }) => {
  // Support as the specs after this one expect it.
  await endOpenChats(browser, baseURL!);
  await portal.send('PATCH', `${path()}/general`, { slug: 'support', open: true, agentDisplay: support.agentDisplay, maxWaiting: support.maxWaiting });
  await portal.send('PUT', `${path()}/data-collection`, { dataCollection: support.form });
  await portal.send('PUT', `${path()}/offline`, { offline: support.offline, closedMessage: support.closedMessage, noAgentsMessage: support.noAgentsMessage });
  const person = (await portal.get<{ people: PersonView[] }>('/api/admin/people')).people.find((p) => p.id === sophieId)!;
  await portal.send('PATCH', `/api/admin/people/${sophieId}`, { email: person.email, displayName: person.displayName, role: person.role, capacity: 3 });
  for (const context of contexts) await context.close().catch(() => undefined);
});

let customer: Page;

test('the no-agents screen says an agent is available the moment Sophie becomes Available', async ({ browser }) => {
  customer = await page(browser, 480);
  // Agents of earlier specs are gone once their presence lapsed.
  await expect.poll(async () => (await publicView(customer)).closedReason, { timeout: 20_000 }).toBe('no_agents');
  await customer.goto('/chat/support');
  await expect(customer.getByRole('heading', { name: 'No agents are available to chat at this time' })).toBeVisible();

  sophie = await page(browser, 1360);
  await agentAvailable(sophie, 'sophie@demo.example');
  // No reload: the page was told and read the queue again.
  await expect(customer.getByRole('heading', { name: 'An agent is available now' })).toBeVisible({ timeout: 5000 });
  await expect(customer.getByText('You can start a chat now, or still leave your details below.')).toBeVisible();
  expect(await axeViolations(customer)).toEqual([]);
  await customer.screenshot({ path: `${shots}/live-01-customer-agent-available.png`, animations: 'disabled' });
  const start = customer.getByRole('button', { name: 'Start a chat' });
  await start.focus();
  await customer.keyboard.press('Enter');
  await expect(customer.getByLabel('First name')).toBeVisible();
});

test('the form takes a field the admin adds while the customer fills it in, keeping what was typed', async () => {
  await customer.getByLabel('First name').fill('Ana');
  const fields = [...support.form.fields, { id: 'order', label: 'Order number', type: 'text', required: true }];
  await portal.send('PUT', `${path()}/data-collection`, { dataCollection: { enabled: true, fields } });
  await expect(customer.getByLabel('Order number')).toBeVisible({ timeout: 5000 });
  await expect(customer.getByText('This form has changed: please check the fields.')).toBeVisible();
  await expect(customer.getByLabel('First name')).toHaveValue('Ana');
  expect(await axeViolations(customer)).toEqual([]);
  await customer.screenshot({ path: `${shots}/live-02-customer-form-changed.png`, animations: 'disabled' });
  // The new field is required like any other.
  await customer.getByLabel('Last name').fill('Silva');
  await customer.getByLabel('Email').fill('ana@example.com');
  await customer.getByLabel('Nature of inquiry').selectOption('Sales');
  await customer.getByRole('button', { name: 'Send' }).click();
  await expect(customer.getByText('Order number is required.')).toBeVisible();
  await portal.send('PUT', `${path()}/data-collection`, { dataCollection: support.form });
  await expect(customer.getByLabel('Order number')).toHaveCount(0, { timeout: 5000 });
});

test('the form gives way to the closed screen when the admin closes the queue, and says so when it opens', async () => {
  await portal.send('PATCH', `${path()}/general`, { open: false });
  await expect(customer.getByRole('heading', { name: 'This queue is closed' })).toBeVisible({ timeout: 5000 });
  expect(await axeViolations(customer)).toEqual([]);
  await customer.screenshot({ path: `${shots}/live-03-customer-form-to-closed.png`, animations: 'disabled' });
  await portal.send('PATCH', `${path()}/general`, { open: true });
  await expect(customer.getByRole('heading', { name: 'An agent is available now' })).toBeVisible({ timeout: 5000 });
});

test('the queue-full screen says one true thing: the line is full, try again', async ({ browser, baseURL }) => {
  // One seat for Sophie and one place in line: the first customer is offered to her, the second fills the line.
  const person = (await portal.get<{ people: PersonView[] }>('/api/admin/people')).people.find((p) => p.id === sophieId)!;
  await portal.send('PATCH', `/api/admin/people/${sophieId}`, { email: person.email, displayName: person.displayName, role: person.role, capacity: 1 });
  await portal.send('PATCH', `${path()}/general`, { maxWaiting: 1 });
  const form = (first: string) => ({ fields: { first_name: first, last_name: 'Full', email: `${first.toLowerCase()}@example.com`, inquiry: 'Sales' } });
  for (const first of ['Ann', 'Bob']) expect((await customer.request.post('/api/public/queues/support/chats', { data: form(first) })).status()).toBe(201);
  await expect.poll(async () => (await publicView(customer)).closedReason).toBe('queue_full');

  const late = await page(browser, 480);
  await late.goto('/chat/support');
  await expect(late.getByRole('heading', { name: 'Too many customers are waiting right now' })).toBeVisible();
  await expect(late.getByText('Please try again in a few minutes.')).toBeVisible();
  // Nothing untrue beside it: neither "closed" nor "no agents", nor the queue's closed message.
  await expect(late.getByText(/closed|No agents/i)).toHaveCount(0);
  expect(await axeViolations(late)).toEqual([]);
  await late.screenshot({ path: `${shots}/live-04-customer-queue-full.png`, animations: 'disabled' });

  await endOpenChats(browser, baseURL!);
  await portal.send('PATCH', `${path()}/general`, { maxWaiting: support.maxWaiting });
  await portal.send('PATCH', `/api/admin/people/${sophieId}`, { email: person.email, displayName: person.displayName, role: person.role, capacity: 3 });
});

test('a message left from the waiting screen ends the wait: the customer reads that they left the line', async ({ browser }) => {
  await portal.send('PUT', `${path()}/offline`, {
    offline: { leaveMessage: { enabled: true, email: 'support@demo.example' }, callback: { enabled: true } },
    closedMessage: support.closedMessage,
    noAgentsMessage: support.noAgentsMessage,
  });
  const waiting = await page(browser, 480);
  await customerStarts(waiting, 'Wendy', 'Wait');
  await expect(waiting.getByRole('list', { name: 'Waiting in queue' })).toBeVisible();
  await expect(sophie.getByRole('article', { name: 'Chat offer from Wendy Wait' })).toBeVisible();
  // Sophie goes Away: nobody serves the line, and the waiting screen offers the offline options.
  await sophie.getByRole('button', { name: 'Away' }).click();
  const panel = waiting.locator('section.offline').filter({ has: waiting.getByRole('heading', { name: 'Leave a message' }) });
  await expect(panel).toBeVisible({ timeout: 10_000 });
  await panel.getByLabel('Email address').fill('wendy@example.com');
  await panel.getByLabel('Message').fill('Please write back instead.');
  await panel.getByRole('button', { name: 'Send message' }).click();
  await expect(waiting.getByRole('heading', { name: 'Your message has been sent' })).toBeVisible();
  // The form is gone: focus is on what happened, and Tab reaches the way on.
  await expect(waiting.locator('.body')).toBeFocused();
  await waiting.keyboard.press('Tab');
  await expect(waiting.getByRole('button', { name: 'Start a new chat' })).toBeFocused();
  await expect(waiting.getByText('You have left the line. An agent will reply to you by email.')).toBeVisible();
  await expect(waiting.getByRole('button', { name: 'End Chat' })).toHaveCount(0);
  expect(await axeViolations(waiting)).toEqual([]);
  await waiting.screenshot({ path: `${shots}/live-05-customer-left-line.png`, animations: 'disabled' });
  // Answered here, so it takes no seat of Sophie's in the tests after this one.
  const { items } = await portal.get<{ items: Array<{ id: string; message: string | null }> }>('/api/agent/offline-items');
  const left = items.find((i) => i.message === 'Please write back instead.')!;
  await portal.send('POST', `/api/agent/offline-items/${left.id}/reply`, { body: 'Sure, Wendy.' });
});

test('the agent’s picture in a chat under way follows the picture policy at once', async ({ browser }) => {
  await sophie.getByRole('button', { name: 'Available' }).click();
  const chatting = await page(browser, 480);
  await customerStarts(chatting, 'Pia', 'Picture');
  await sophie.getByRole('article', { name: 'Chat offer from Pia Picture' }).getByRole('button', { name: 'Accept' }).click();
  const avatar = chatting.locator('header img.avatar');
  await expect(avatar).toHaveAttribute('src', /\/api\/public\/avatars\//);
  await portal.send('PATCH', `${path()}/general`, { agentDisplay: 'none' });
  await expect(avatar).toHaveCount(0, { timeout: 5000 });
  await expect(chatting.locator('header')).toContainText('Sophie');
  await portal.send('PATCH', `${path()}/general`, { agentDisplay: 'default' });
  await expect(avatar).toHaveAttribute('src', '/static/default-avatar.svg', { timeout: 5000 });
  await portal.send('PATCH', `${path()}/general`, { agentDisplay: support.agentDisplay });
});

test('No answer on a callback keeps it open with the time to try again', async () => {
  await sophie.getByRole('button', { name: 'Away' }).click();
  expect((await sophie.request.post('/api/public/queues/support/callbacks', { data: { name: 'Cal Back', phone: '+33 6 11 22 33 44', preferredTime: 'Morning' } })).status()).toBe(201);
  await sophie.getByRole('button', { name: /Messages & callbacks/ }).click();
  const row = sophie.getByRole('row').filter({ hasText: 'Cal Back' });
  await row.getByRole('button', { name: 'No answer…' }).click();
  await row.getByLabel('Try again at (optional)').fill('Today 4 pm');
  await row.getByLabel('Note').fill('Voicemail');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('No answer by Sophie; try again: Today 4 pm');
  await expect(row.getByRole('button', { name: 'Reached' })).toBeVisible();
  expect(await axeViolations(sophie)).toEqual([]);
  await row.scrollIntoViewIfNeeded();
  await sophie.screenshot({ path: `${shots}/live-06-agent-no-answer-retry.png`, animations: 'disabled' });
  await row.getByRole('button', { name: 'Reached' }).click();
  await expect(row).toContainText('Customer reached by Sophie');
});

test('the portal warns as soon as the chat address differs, and asks before it changes', async ({ browser }) => {
  const admin = await page(browser, 1280);
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Support', exact: true }).click();
  await admin.getByRole('tab', { name: 'General Settings' }).click();
  const address = admin.getByLabel('Chat address');
  await expect(address).toHaveValue('support');
  await expect(admin.getByText(/Changing the address breaks the current link/)).toHaveCount(0);
  await address.fill('support-desk');
  await expect(admin.getByText(/Changing the address breaks the current link/)).toBeVisible();
  expect(await axeViolations(admin)).toEqual([]);
  await address.scrollIntoViewIfNeeded();
  await admin.screenshot({ path: `${shots}/live-07-admin-address-warning.png`, animations: 'disabled' });

  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = admin.getByRole('dialog', { name: 'Change the chat address?' });
  await expect(dialog).toContainText('/chat/support to ');
  await expect(dialog).toContainText('/chat/support-desk');
  expect(await axeViolations(admin)).toEqual([]);
  await admin.screenshot({ path: `${shots}/live-08-admin-address-confirm.png`, animations: 'disabled' });
  await admin.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect((await portal.get<AdminQueueDetail>(path())).slug).toBe('support');

  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('button', { name: 'Change address and save' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(admin.getByLabel('Reactive Chat URL')).toHaveValue(/\/chat\/support-desk$/);
  const old = await page(browser, 480);
  await old.goto('/chat/support');
  await expect(old.getByRole('heading', { name: 'This chat link is not valid' })).toBeVisible();
  await portal.send('PATCH', `${path()}/general`, { slug: 'support' });
});
