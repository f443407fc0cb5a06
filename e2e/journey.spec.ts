/**
 * The seed's whole journey in a real browser, with two browser contexts:
 * the customer at the queue's Reactive Chat URL and Sophie in the agent
 * console. Saves a screenshot of every screen into test-results/screens/.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';

const shots = 'test-results/screens';
const agentLog = () => agent.getByRole('log', { name: 'Transcript' });
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true, animations: 'disabled' });

test.describe.configure({ mode: 'serial' });

let agentContext: BrowserContext;
let customerContext: BrowserContext;
let agent: Page;
let customer: Page;
let chatUrl: string;

test.beforeAll(async ({ browser }) => {
  agentContext = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  customerContext = await browser.newContext({ viewport: { width: 480, height: 820 } });
  agent = await agentContext.newPage();
  customer = await customerContext.newPage();
});
test.afterAll(async () => {
  await agentContext.close();
  await customerContext.close();
});

async function signIn(page: Page, path: string, email: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function fillForm(page: Page, values: { first: string; last: string; email: string; inquiry: string }) {
  await page.getByLabel('First name').fill(values.first);
  await page.getByLabel('Last name').fill(values.last);
  await page.getByLabel('Email').fill(values.email);
  await page.getByLabel('Nature of inquiry').selectOption(values.inquiry);
}

test('the admin copies the Reactive Chat URL from General Settings', async ({ browser }) => {
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  const admin = await adminContext.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Support' }).click();
  await expect(admin.getByRole('heading', { name: 'Queues Configuration' })).toBeVisible();
  const urlField = admin.getByLabel('Reactive Chat URL');
  chatUrl = await urlField.inputValue();
  expect(chatUrl).toMatch(/\/chat\/support$/);
  await admin.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(admin.getByText('Copied!')).toBeVisible();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(chatUrl);
  await shot(admin, '01-admin-general-settings');
  await admin.getByRole('tab', { name: 'Data Collection' }).click();
  await shot(admin, '02-admin-data-collection');
  await adminContext.close();
});

test('with nobody Available the customer meets the no-agents screen', async () => {
  await customer.goto(chatUrl);
  await expect(customer.getByRole('heading', { name: 'No agents are available to chat at this time' })).toBeVisible();
  await shot(customer, '03-customer-no-agents');
});

test('Sophie signs in and becomes Available', async () => {
  await signIn(agent, '/agent', 'sophie@demo.example');
  await agent.getByRole('button', { name: 'Available' }).click();
  await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
  await shot(agent, '04-agent-available');
});

test('Data Collection marks required fields and refuses bad input at the field', async () => {
  await customer.goto(chatUrl);
  await expect(customer.getByRole('button', { name: 'Send' })).toBeVisible();
  for (const label of ['First name', 'Last name', 'Email', 'Nature of inquiry']) {
    await expect(customer.getByLabel(label)).toHaveAttribute('aria-required', 'true');
  }
  const asterisk = customer.locator('.required').first();
  await expect(asterisk).toHaveText('*');
  expect(await asterisk.evaluate((el) => getComputedStyle(el).color)).toMatch(/rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)/);
  await shot(customer, '05-customer-data-collection');

  await customer.getByLabel('First name').fill('Ana');
  await customer.getByLabel('Email').fill('ana@');
  await customer.getByRole('button', { name: 'Send' }).click();
  await expect(customer.getByText('Last name is required.')).toBeVisible();
  await expect(customer.getByText(/Enter a valid email address/)).toBeVisible();
  await expect(customer.getByText('Nature of inquiry is required.')).toBeVisible();
  await expect(customer.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await shot(customer, '06-customer-validation-errors');
});

test('Send puts the customer in line with place and estimate; the offer reaches Sophie with the form data', async () => {
  await fillForm(customer, { first: 'Ana', last: 'Silva', email: 'ana@example.com', inquiry: 'Billing' });
  // Sophie is Available but has not accepted yet: the customer waits, next in line.
  await customer.getByRole('button', { name: 'Send' }).click();
  const waiting = customer.getByRole('list', { name: 'Waiting in queue' });
  await expect(waiting).toContainText('You are waiting for the next available agent.');
  await expect(waiting).toContainText(/You are (next|number 1) in line/);
  await expect(waiting).toContainText(/Estimated wait time: (less than a minute|about \d+ minutes?)/);
  // At once after Send: the series fades in within half a second, the estimate last (issue 11).
  const delays = await waiting.getByRole('listitem').evaluateAll((items) => items.map((item) => parseFloat(getComputedStyle(item).animationDelay)));
  expect(Math.max(...delays)).toBeLessThanOrEqual(0.5);
  await shot(customer, '07-customer-waiting');

  const offer = agent.getByRole('article').filter({ hasText: 'Ana Silva' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('Billing');
  await expect(offer).toContainText('ana@example.com');
  await shot(agent, '08-agent-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();
});

test('"Sophie is typing", the agent\'s name and picture, and messages both ways with times', async () => {
  const composer = agent.getByLabel('Message');
  await composer.click();
  await composer.pressSequentially('Hello Ana', { delay: 30 });
  await expect(customer.getByText('Sophie is typing')).toBeVisible();
  await expect(customer.locator('header img.avatar')).toHaveAttribute('src', /\/api\/public\/avatars\//);
  await expect(customer.locator('header')).toContainText('Sophie');
  await shot(customer, '09-customer-sophie-typing');
  await composer.pressSequentially(', how can I help you today?');
  await composer.press('Enter');
  await expect(customer.getByText('Hello Ana, how can I help you today?')).toBeVisible();
  await expect(customer.getByText('Sophie is typing')).toBeHidden();

  const box = customer.getByRole('textbox', { name: /message/i });
  await box.pressSequentially('I was charged twice', { delay: 30 });
  await expect(agent.getByText('Ana Silva is typing')).toBeVisible();
  await box.press('Enter');
  await expect(agentLog().getByText('I was charged twice')).toBeVisible();
  await agent.getByLabel('Message').fill('Let me check that for you.');
  await agent.getByLabel('Message').press('Enter');
  await expect(customer.getByText('Let me check that for you.')).toBeVisible();
  await expect(customer.getByRole('log').getByText(/^\d{1,2}:\d{2}/).first()).toBeVisible();
  // The thread starts with the agent joining: the waiting screen's line is not left over at its top.
  await expect(customer.getByRole('log').locator('.system-line').first()).toHaveText('Sophie has joined the chat');
  await expect(customer.getByRole('log')).not.toContainText('You are waiting for the next available agent.');
  await shot(customer, '10-customer-chat');
  await shot(agent, '11-agent-chat');
});

test('a reload mid-chat brings back the whole history, nothing lost or doubled', async () => {
  await customer.reload();
  const log = customer.getByRole('log');
  await expect(log.getByText('Hello Ana, how can I help you today?')).toHaveCount(1);
  await expect(log.getByText('I was charged twice')).toHaveCount(1);
  await expect(log.getByText('Let me check that for you.')).toHaveCount(1);
  await customer.getByRole('textbox', { name: /message/i }).fill('Still there?');
  await customer.getByRole('textbox', { name: /message/i }).press('Enter');
  await expect(agentLog().getByText('Still there?')).toHaveCount(1);
  await shot(customer, '12-customer-after-reload');
});

test('when Sophie leaves first the customer reads "Sophie has left the chat" and can start a new chat', async () => {
  await agent.getByRole('button', { name: 'End chat' }).click();
  await agent.getByRole('dialog', { name: 'End the chat with Ana Silva?' }).getByRole('button', { name: 'End chat' }).click();
  await expect(customer.getByText('Sophie has left the chat')).toBeVisible();
  await expect(customer.getByText('This chat has ended.')).toBeVisible();
  await shot(customer, '13-customer-agent-left');
  await customer.getByRole('button', { name: 'Start a new chat' }).click();
  await expect(customer.getByLabel('First name')).toBeVisible();
});

test('End Chat by the customer ends it for both sides', async () => {
  await agent.getByRole('button', { name: /close/i }).first().click().catch(() => undefined);
  await fillForm(customer, { first: 'Ben', last: 'Okafor', email: 'ben@example.com', inquiry: 'Sales' });
  await customer.getByRole('button', { name: 'Send' }).click();
  const offer = agent.getByRole('article').filter({ hasText: 'Ben Okafor' });
  await offer.getByRole('button', { name: 'Accept' }).click();
  await agent.getByLabel('Message').fill('Hi Ben!');
  await agent.getByLabel('Message').press('Enter');
  await expect(customer.getByText('Hi Ben!')).toBeVisible();
  await customer.getByRole('button', { name: 'End Chat' }).click();
  await customer.getByRole('dialog', { name: 'End this chat?' }).getByRole('button', { name: 'End Chat' }).click();
  await expect(customer.getByText('You ended the chat.')).toBeVisible();
  await expect(agentLog().getByText('Ben Okafor has left the chat')).toBeVisible();
  await expect(agent.getByText('Chat ended', { exact: true })).toBeVisible();
  await shot(customer, '14-customer-ended');
  await shot(agent, '15-agent-customer-ended');
});

test('a closed queue shows the hours and takes a message by email and a callback request', async () => {
  await customer.goto('/chat/after-hours');
  await expect(customer.getByRole('heading', { name: 'This queue is closed' })).toBeVisible();
  await expect(customer.getByText('Europe/Paris')).toBeVisible();
  // Times in the reader's clock (a 12-hour one in en-US).
  await expect(customer.getByRole('row', { name: /Monday/ })).toContainText(/(09:00|9:00\sAM)–(17:00|5:00\sPM)/);
  await shot(customer, '16-customer-closed');

  const offlineForm = (title: string) => customer.locator('section').filter({ has: customer.getByRole('heading', { name: title }) });
  const message = offlineForm('Leave a message');
  await message.getByLabel('Email address').fill('ana@example.com');
  await message.locator('textarea').fill('Please call me about invoice 1042.');
  await message.getByRole('button', { name: /send/i }).click();
  await expect(customer.getByText(/your message has been sent/i)).toBeVisible();

  const callback = offlineForm('Request a callback');
  await callback.getByLabel('Name').fill('Ana Silva');
  await callback.getByLabel('Phone number').fill('+33 6 12 34 56 78');
  await callback.getByLabel('Preferred time').fill('Tomorrow after 2 pm');
  await callback.getByRole('button', { name: /call/i }).click();
  await expect(customer.getByText(/we will call you back/i)).toBeVisible();
  await shot(customer, '17-customer-closed-sent');

  await agent.getByRole('button', { name: /Messages & callbacks/ }).click();
  await expect(agent.getByText('Please call me about invoice 1042.')).toBeVisible();
  await expect(agent.getByText('Tomorrow after 2 pm')).toBeVisible();
  await shot(agent, '18-agent-messages-and-callbacks');

  const messageRow = agent.getByRole('row').filter({ hasText: 'Please call me about invoice 1042.' });
  await messageRow.getByRole('button', { name: 'Reply by email' }).click();
  await messageRow.getByLabel('Reply').fill('Hello Ana, invoice 1042 is corrected.');
  await messageRow.getByRole('button', { name: 'Send reply' }).click();
  await expect(messageRow).toContainText('Replied by email by Sophie');
  const callbackRow = agent.getByRole('row').filter({ hasText: 'Tomorrow after 2 pm' });
  await callbackRow.getByRole('button', { name: 'Reached' }).click();
  await expect(callbackRow).toContainText('Customer reached by Sophie');
  await shot(agent, '19-agent-offline-items-answered');
});

test("Sophie's chat history finds past chats by customer email and shows the transcript", async () => {
  await agent.getByRole('button', { name: 'Chat history' }).click();
  await agent.getByLabel('Search chat history').fill('ben@example');
  const past = agent.getByRole('list', { name: 'Past chats' }).getByRole('button');
  await expect(past).toHaveCount(1);
  await past.first().click();
  await expect(agent.getByRole('log', { name: 'Transcript' }).getByText('Hi Ben!')).toBeVisible();
  await shot(agent, '20-agent-chat-history');
});

test('a message left while nobody was available is offered to Sophie when she becomes Available', async () => {
  await agent.getByRole('button', { name: 'Away' }).click();
  await customer.goto('/chat/support');
  // The page first shows Ben's ended chat, kept for this browser; the customer starts afresh.
  await customer.getByRole('button', { name: 'Start a new chat' }).click();
  await expect(customer.getByRole('heading', { name: 'No agents are available to chat at this time' })).toBeVisible();
  const form = customer.locator('section').filter({ has: customer.getByRole('heading', { name: 'Leave a message' }) });
  await form.getByLabel('Email address').fill('dana@example.com');
  await form.locator('textarea').fill('Do you ship to Canada?');
  await form.getByRole('button', { name: /send/i }).click();
  await expect(customer.getByText(/your message has been sent/i)).toBeVisible();

  await agent.getByRole('button', { name: 'Available' }).click();
  const offer = agent.getByRole('article', { name: 'Message from dana@example.com' });
  await expect(offer).toContainText('Do you ship to Canada?');
  await shot(agent, '21-agent-offline-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();
  const row = agent.getByRole('row').filter({ hasText: 'Do you ship to Canada?' });
  await expect(row).toContainText('With Sophie');
  await row.getByRole('button', { name: 'Reply by email' }).click();
  await row.getByLabel('Reply').fill('Yes, we ship to Canada.');
  await row.getByRole('button', { name: 'Send reply' }).click();
  await expect(row).toContainText('Replied by email by Sophie');
});
