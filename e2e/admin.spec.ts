/**
 * The Client Admin Portal in a real browser: an admin adds an agent, creates
 * a queue and configures every tab (refused values are shown at the field),
 * copies the URL and opens it as a customer, who meets exactly what was
 * configured; then the admin closes the queue and the waiting customer is
 * offered the offline options with the hours. Screenshots of every tab and
 * page go to test-results/screens/admin-*.png.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { axeViolations } from './support/people.js';

const shots = 'test-results/screens';
/** A full-page screenshot taken with the viewport stretched to the page, so the portal's sticky sidebar is drawn where a reader sees it. */
async function shot(page: Page, name: string) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: `${shots}/admin-${name}.png`, fullPage: true, animations: 'disabled' });
  if (viewport && height > viewport.height) await page.setViewportSize(viewport);
}

test.describe.configure({ mode: 'serial' });

let adminContext: BrowserContext;
let agentContext: BrowserContext;
let customerContext: BrowserContext;
let admin: Page;
let agent: Page;
let customer: Page;
let chatUrl: string;

/** Today's date in Paris, where the queue's hours are kept. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

test.beforeAll(async ({ browser }) => {
  adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await adminContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  customerContext = await browser.newContext({ viewport: { width: 480, height: 900 } });
  admin = await adminContext.newPage();
  agent = await agentContext.newPage();
  customer = await customerContext.newPage();
});
test.afterAll(async () => {
  await adminContext.close();
  await agentContext.close();
  await customerContext.close();
});

async function signIn(page: Page, path: string, email: string, password = 'demo1234') {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const tab = (name: string) => admin.getByRole('tab', { name });
const save = async () => {
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
};
const saved = () => expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

test('the admin adds an agent with a picture, queues and a capacity on the People page; a picture is saved only with Save', async () => {
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'People' }).click();
  await expect(admin.getByRole('heading', { name: 'People' })).toBeVisible();
  await admin.getByRole('button', { name: '+ Add person' }).click();
  const dialog = admin.getByRole('dialog');
  const picture = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#f59e0b' } })
    .composite([{ input: Buffer.from('<svg width="600" height="400"><circle cx="300" cy="170" r="90" fill="#7c2d12"/><rect x="170" y="280" width="260" height="140" rx="60" fill="#0f766e"/></svg>') }])
    .png()
    .toBuffer();
  await dialog.getByLabel('Display name').fill('Nina');
  await dialog.getByLabel('Email').fill('nina@demo.example');
  await dialog.getByLabel('Chat capacity').fill('1');
  await dialog.locator('input[type=file]').setInputFiles({ name: 'not-an-image.png', mimeType: 'image/png', buffer: Buffer.from('hello, I am text') });
  await expect(dialog.getByText('Use a PNG, JPEG or WebP image.')).toBeVisible();
  await dialog.locator('input[type=file]').setInputFiles({ name: 'nina.png', mimeType: 'image/png', buffer: picture });
  await expect(dialog.getByRole('img', { name: 'Picture of Nina' })).toHaveAttribute('src', /^data:image\/png/);
  await expect(dialog.getByText('The new picture is saved when you press Save.')).toBeVisible();
  const queues = dialog.getByRole('group', { name: 'Queues they answer' });
  await queues.getByLabel('Support').check();
  await dialog.getByLabel('First password').fill('short');
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(dialog.getByText('At least 8 characters.', { exact: true })).toBeVisible();
  expect(await axeViolations(admin)).toEqual([]);
  await shot(admin, 'person-add');
  await dialog.getByLabel('First password').fill('nina-pass-1');
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(admin.getByText('Nina was added. They can sign in now.')).toBeVisible();
  const nina = admin.getByRole('row', { name: /Nina/ });
  await expect(nina).toContainText('Support');
  await expect(nina.locator('img.avatar')).toHaveAttribute('src', /\/api\/public\/avatars\//);

  // Edit: a picture chosen and then cancelled is not saved; Remove waits for Save too.
  await admin.getByRole('button', { name: 'Edit Nina' }).click();
  const saved = await dialog.getByRole('img', { name: 'Picture of Nina' }).getAttribute('src');
  expect(saved).toMatch(/\/api\/public\/avatars\//);
  await expect(queues.getByLabel('Support')).toBeChecked();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.getByText('The picture is removed when you press Save.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(nina.locator('img.avatar')).toHaveAttribute('src', saved!);
  await admin.getByRole('button', { name: 'Edit Nina' }).click();
  await expect(dialog.getByRole('img', { name: 'Picture of Nina' })).toHaveAttribute('src', saved!);
  await shot(admin, 'person-edit');
  await queues.getByLabel('Support').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(nina).not.toContainText('Support');
  await expect(nina).toContainText('1 at once');
  await shot(admin, 'people');
});

test('the admin creates a queue and sets General Settings, copying its URL', async () => {
  await admin.getByRole('button', { name: '+ New queue' }).click();
  await admin.getByRole('dialog').getByLabel('Queue name').fill('E2E Returns');
  await admin.getByRole('button', { name: 'Create queue' }).click();
  await expect(admin.getByRole('heading', { name: 'E2E Returns' })).toBeVisible();
  await expect(admin.getByRole('link', { name: 'E2E Returns' })).toBeVisible();

  await admin.getByLabel('Queue is open').check();
  await admin.getByLabel('Waiting messages').fill('Thanks for waiting on Returns.\nHave your order number ready.');
  await admin.getByLabel('Most customers waiting').fill('0');
  await save();
  await expect(admin.locator('#gs-maxWaiting-error')).toHaveText('At least 1.');
  await admin.getByLabel('Most customers waiting').fill('20');
  await save();
  await saved();
  chatUrl = await admin.getByLabel('Reactive Chat URL').inputValue();
  expect(chatUrl).toMatch(/\/chat\/e2e-returns$/);
  await admin.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(admin.getByText('Copied!')).toBeVisible();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(chatUrl);
  await shot(admin, 'tab-general');
});

test('Data Collection: fields with types, options and order, refused without options', async () => {
  await tab('Data Collection').click();
  await admin.getByLabel('Ask customers to fill in a form before they join the queue').check();
  await admin.getByRole('button', { name: '+ Add field' }).click();
  const first = admin.getByRole('listitem', { name: 'Field 1' });
  await first.getByLabel('Label').fill('Order number');
  await first.getByLabel('Required').check();
  await admin.getByRole('button', { name: '+ Add field' }).click();
  const second = admin.getByRole('listitem', { name: 'Field 2' });
  await second.getByLabel('Label').fill('Reason');
  await second.getByLabel('Type').selectOption('select');
  await save();
  await expect(second.getByText('A select field needs at least one option.')).toBeVisible();
  await expect(admin.getByRole('alert')).toContainText('Nothing was saved');
  await shot(admin, 'tab-data-collection-refused');
  await second.getByLabel('Options').fill('Damaged\nWrong size');
  await admin.getByRole('button', { name: 'Move field 2 up' }).click();
  await save();
  await saved();
  await expect(admin.getByRole('listitem', { name: 'Field 1' }).getByLabel('Label')).toHaveValue('Reason');
  await expect(admin.getByLabel('Form preview').locator('label')).toHaveText(['Reason', 'Order number*']);
  await shot(admin, 'tab-data-collection');
});

test('Working Hours: an unknown time zone is refused; hours, overnight and a special day are saved', async () => {
  await tab('Working Hours').click();
  await admin.getByLabel('Use working hours').check();
  await admin.getByLabel('Time zone').fill('Mars/Olympus');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await admin.getByRole('button', { name: `Add hours on ${day}` }).click();
  await admin.getByRole('button', { name: 'Add hours on Saturday' }).click();
  const saturday = admin.getByRole('group', { name: 'Saturday interval 1' });
  await saturday.getByLabel('Saturday interval 1 start').fill('22:00');
  await saturday.getByLabel('Saturday interval 1 end').fill('02:00');
  await save();
  await expect(admin.locator('#wh-zone-error')).toContainText('Unknown time zone');
  await expect(saturday.getByText(/The end is before the start/)).toBeVisible();
  await shot(admin, 'tab-working-hours-refused');

  await admin.getByLabel('Time zone').fill('Europe/Paris');
  await saturday.getByLabel('ends next day').check();
  // Today is a special day open around the clock, so the customer can chat whatever the hour.
  await admin.getByRole('button', { name: '+ Add a date' }).click();
  await admin.getByLabel('Date', { exact: true }).fill(parisToday());
  await admin.getByLabel('Name', { exact: true }).fill('Returns day');
  await admin.getByLabel('Hours', { exact: true }).selectOption('special');
  const special = admin.getByRole('group', { name: 'Returns day interval 1' });
  await special.getByLabel('Returns day interval 1 start').fill('00:00');
  await special.getByLabel('Returns day interval 1 end').fill('12:00');
  await admin.locator('.wh-exception').getByRole('button', { name: '+ Add hours' }).click();
  const late = admin.getByRole('group', { name: 'Returns day interval 2' });
  await late.getByLabel('Returns day interval 2 start').fill('12:00');
  await late.getByLabel('Returns day interval 2 end').fill('00:00');
  await late.getByLabel('ends next day').check();
  await admin.getByLabel('Show the working hours on the closed screen').check();
  await save();
  await saved();
  await expect(admin.getByRole('status').filter({ hasText: 'Open now.' })).toBeVisible();
  await shot(admin, 'tab-working-hours');
});

test('Offline Options: a bad address is refused at the field; message and callback are saved', async () => {
  await tab('Offline Options').click();
  await admin.getByLabel('Leave a message by email').check();
  await admin.getByLabel('Address that receives the messages').fill('returns@');
  await admin.getByLabel('Request a callback').check();
  await admin.getByLabel('Closed message').fill('The Returns chat is closed. Leave us a message or ask for a callback.');
  await save();
  await expect(admin.locator('#off-email-error')).toHaveText('Enter a valid email address.');
  await shot(admin, 'tab-offline-refused');
  await admin.getByLabel('Address that receives the messages').fill('returns@demo.example');
  await save();
  await saved();
  await shot(admin, 'tab-offline');
});

test('Agents: Nina answers the queue and becomes Available', async () => {
  await tab('Agents').click();
  await admin.getByLabel(/Nina/).check();
  await save();
  await saved();
  await shot(admin, 'tab-agents');

  await signIn(agent, '/agent', 'nina@demo.example', 'nina-pass-1');
  await agent.getByRole('button', { name: 'Available' }).click();
  await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
});

test('the customer at the copied URL meets exactly the configured form and waiting screen', async () => {
  await customer.goto(chatUrl);
  await expect(customer.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(customer.locator('form label')).toHaveText([/^Reason/, /^Order number/]);
  await expect(customer.getByLabel('Reason')).toContainText('Damaged');
  await expect(customer.getByLabel('Reason').locator('option')).toHaveText([/Choose/, 'Damaged', 'Wrong size']);
  await shot(customer, 'customer-form');
  await customer.getByRole('button', { name: 'Send' }).click();
  await expect(customer.getByText('Order number is required.')).toBeVisible();
  await customer.getByLabel('Order number').fill('RT-1042');
  await customer.getByLabel('Reason').selectOption('Damaged');
  await customer.getByRole('button', { name: 'Send' }).click();
  await expect(customer.getByText('Thanks for waiting on Returns.')).toBeVisible();
  await expect(customer.getByText('Have your order number ready.')).toBeVisible();
  await shot(customer, 'customer-waiting');
});

test('after the longest wait set in General Settings, a waiting customer is offered the offline options too', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 480, height: 900 } });
  const late = await context.newPage();
  await late.clock.install();
  await late.goto(chatUrl);
  await late.getByLabel('Order number').fill('RT-2001');
  await late.getByRole('button', { name: 'Send' }).click();
  await expect(late.getByText('Thanks for waiting on Returns.')).toBeVisible();
  await expect(late.getByRole('heading', { name: 'Still waiting?' })).toHaveCount(0);
  await late.clock.fastForward('05:01'); // the queue's 5 minutes
  await expect(late.getByRole('heading', { name: 'Still waiting?' })).toBeVisible();
  await expect(late.getByRole('heading', { name: 'Leave a message' })).toBeVisible();
  await late.getByRole('button', { name: 'End Chat' }).click();
  await late.getByRole('dialog', { name: 'End this chat?' }).getByRole('button', { name: 'End Chat' }).click();
  await context.close();
});

test('closing the queue offers the waiting customer the offline options with the hours', async () => {
  await tab('General Settings').click();
  await admin.getByLabel('Queue is open').uncheck();
  await save();
  await saved();
  await expect(customer.getByRole('heading', { name: 'This queue has closed' })).toBeVisible();
  await expect(customer.getByRole('heading', { name: 'Leave a message' })).toBeVisible();
  await expect(customer.getByRole('heading', { name: 'Request a callback' })).toBeVisible();
  // Times in the reader's clock (a 12-hour one in en-US).
  await expect(customer.getByRole('row', { name: /Monday/ })).toContainText(/(09:00|9:00\sAM)–(17:00|5:00\sPM)/);
  await expect(customer.getByRole('row', { name: /Saturday/ })).toContainText(/(22:00|10:00\sPM)–(02:00|2:00\sAM) \(next day\)/);
  await customer.getByRole('heading', { name: 'Leave a message' }).scrollIntoViewIfNeeded();
  await shot(customer, 'customer-waiting-closed');

  // A new visitor (another browser: no saved chat to resume) meets the closed screen.
  const newcomerContext = await customerContext.browser()!.newContext({ viewport: { width: 480, height: 900 } });
  const newcomer = await newcomerContext.newPage();
  await newcomer.goto(chatUrl);
  await expect(newcomer.getByRole('heading', { name: 'This queue is closed' })).toBeVisible();
  await expect(newcomer.getByText('The Returns chat is closed. Leave us a message or ask for a callback.')).toBeVisible();
  await expect(newcomer.getByRole('heading', { name: 'Leave a message' })).toBeVisible();
  await expect(newcomer.getByRole('heading', { name: 'Working hours' })).toBeVisible();
  await shot(newcomer, 'customer-closed');
  await newcomerContext.close();
});

test('duplicate and delete queues; a queue with open chats cannot be deleted', async () => {
  await admin.getByRole('button', { name: 'Duplicate' }).click();
  await expect(admin.getByRole('dialog').getByLabel('Queue name')).toHaveValue('E2E Returns (copy)');
  await admin.getByRole('dialog').getByRole('button', { name: 'Duplicate' }).click();
  await expect(admin.getByRole('heading', { name: 'E2E Returns (copy)' })).toBeVisible();
  await expect(admin.getByLabel('Reactive Chat URL')).toHaveValue(/\/chat\/e2e-returns-copy$/);
  await admin.getByRole('button', { name: 'Delete' }).click();
  await admin.getByRole('button', { name: 'Delete queue' }).click();
  await expect(admin.getByRole('link', { name: 'E2E Returns (copy)' })).toHaveCount(0);

  await admin.getByRole('link', { name: 'E2E Returns', exact: true }).click();
  await expect(admin.getByRole('heading', { name: 'E2E Returns' })).toBeVisible();
  await admin.getByRole('button', { name: 'Delete' }).click();
  await admin.getByRole('button', { name: 'Delete queue' }).click();
  await expect(admin.getByRole('dialog').getByRole('alert')).toContainText(/has \d+ open chats? \(waiting or in progress\)/);
  await shot(admin, 'delete-refused');
  await admin.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  // Leave the e2e server as the other specs expect: Nina off duty.
  await agent.getByRole('button', { name: 'Away' }).click();
});

test('the audit log shows who changed what', async () => {
  await admin.getByRole('link', { name: 'Audit log' }).click();
  await expect(admin.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const rows = admin.getByRole('row');
  await expect(rows.filter({ hasText: 'Created queue' }).first()).toContainText('Alex Admin');
  // What changed, in words (not the setting's key).
  await expect(rows.filter({ hasText: 'Working Hours' }).first()).toContainText('Time zone:');
  await expect(rows.filter({ hasText: 'Working Hours' }).first()).not.toContainText('workingHours.timeZone');
  await expect(rows.filter({ hasText: 'Deleted queue' }).first()).toContainText('E2E Returns (copy)');
  await expect(rows.filter({ hasText: 'Added person' }).first()).toContainText('Nina');
  await shot(admin, 'audit-log');
});
