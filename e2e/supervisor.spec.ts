/**
 * In a real browser: a supervisor signs in to the portal and lands on the
 * Live view (and only it); a customer's chat shows up there as it happens;
 * the supervisor opens it by keyboard, reads the live transcript and
 * whispers to Sophie, whose console shows the whisper marked as hers alone,
 * while the customer's page never does. Every screen passes axe.
 * Screenshots: docs/screenshots/supervisor-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { CSRF_COOKIE, CSRF_HEADER } from '../src/protocol/http.js';
import { endOpenChats } from './support/endOpenChats.js';

const shots = 'docs/screenshots';

async function signIn(page: Page, path: string, who: string) {
  await page.goto(path);
  await page.getByLabel('Email').fill(who);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const axeViolations = async (page: Page) => {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

/** The demo client gets a supervisor, as an admin adds one on the People page. */
async function addSupervisor(browser: Browser, baseURL: string): Promise<void> {
  const context = await browser.newContext({ baseURL });
  try {
    await context.request.post('/api/auth/login', { data: { email: 'admin@demo.example', password: 'demo1234' } });
    const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    const created = await context.request.post('/api/admin/people', {
      headers: { [CSRF_HEADER]: csrf, origin: baseURL },
      data: { email: 'sue@demo.example', displayName: 'Sue', role: 'supervisor', capacity: 3, password: 'demo1234' },
    });
    expect([201, 409]).toContain(created.status());
  } finally {
    await context.close();
  }
}

test('a supervisor watches the queues live, opens a chat and whispers to the agent', async ({ browser, baseURL }) => {
  await endOpenChats(browser, baseURL!);
  await addSupervisor(browser, baseURL!);
  const viewport = { width: 1280, height: 900 };
  const supervisor = await (await browser.newContext({ viewport })).newPage();
  const agent = await (await browser.newContext({ viewport })).newPage();
  const customer = await (await browser.newContext({ viewport: { width: 480, height: 800 } })).newPage();

  // The supervisor lands on the Live view; the admin's pages are not offered.
  await signIn(supervisor, '/admin', 'sue@demo.example');
  await expect(supervisor.getByRole('heading', { name: 'Live view', level: 1 })).toBeVisible();
  await expect(supervisor.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const nav = supervisor.getByRole('navigation', { name: 'Supervision' });
  await expect(nav.getByRole('link')).toHaveText(['Live view', 'Reports', 'Chat history']);
  await expect(supervisor.getByRole('link', { name: 'People' })).toHaveCount(0);
  await supervisor.goto('/admin#/people');
  await expect(supervisor.getByRole('heading', { name: 'Live view', level: 1 })).toBeVisible();
  const support = supervisor.getByRole('row', { name: /^Support/ });
  const sophieRow = supervisor.getByRole('row', { name: /^Sophie/ });
  await expect(sophieRow).toContainText('Offline');
  // Chats Sophie handled today before this spec (the specs share one server): this one adds one.
  const handledBefore = Number(await sophieRow.getByRole('cell').last().textContent());

  // Sophie goes Available: the board changes by itself.
  await signIn(agent, '/agent', 'sophie@demo.example');
  await agent.getByRole('button', { name: 'Available' }).click();
  await expect(sophieRow).toContainText('Available');
  expect(await axeViolations(supervisor)).toEqual([]);
  await supervisor.screenshot({ path: `${shots}/supervisor-01-live-view.png`, animations: 'disabled', fullPage: true });

  // A customer starts a chat and Sophie accepts it: in progress on the board, one of her seats taken.
  await customer.goto('/chat/support');
  await customer.getByLabel('First name').fill('Ana');
  await customer.getByLabel('Last name').fill('Silva');
  await customer.getByLabel('Email').fill('ana@example.com');
  await customer.getByLabel('Nature of inquiry').selectOption('Billing');
  await customer.getByRole('button', { name: 'Send' }).click();
  await expect(supervisor.getByRole('row', { name: /^Ana Silva/ })).toBeVisible();
  await agent.getByRole('article').filter({ hasText: 'Ana Silva' }).getByRole('button', { name: 'Accept' }).click();
  await expect(support.getByRole('cell').nth(3)).toHaveText('1'); // In progress
  await expect(sophieRow).toContainText('1 of 3');
  await expect(support).toContainText(/\d+ % ?\d+ of \d+ within 60 s/); // service level so far today (earlier specs' chats count too)
  await customer.getByRole('textbox', { name: /message/i }).fill('I was charged twice');
  await customer.getByRole('textbox', { name: /message/i }).press('Enter');
  await supervisor.screenshot({ path: `${shots}/supervisor-02-chat-in-progress.png`, animations: 'disabled', fullPage: true });

  // By keyboard: to the chat's Open link, Enter.
  const open = supervisor.getByRole('link', { name: 'Open the chat with Ana Silva' });
  await open.focus();
  await supervisor.keyboard.press('Enter');
  await expect(supervisor.getByRole('heading', { name: 'Chat with Ana Silva' })).toBeFocused();
  const log = supervisor.getByRole('log', { name: 'Transcript' });
  await expect(log.getByText('I was charged twice')).toBeVisible();
  // Live: what either side writes next appears without a reload.
  await agent.getByLabel('Message').fill('Let me check that for you.');
  await agent.getByLabel('Message').press('Enter');
  await expect(log.getByText('Let me check that for you.')).toBeVisible();

  // The whisper, typed and sent from the keyboard.
  const note = supervisor.getByLabel('Note for Sophie');
  await note.focus();
  await supervisor.keyboard.type('Offer the 10% goodwill refund');
  await supervisor.keyboard.press('Tab');
  await expect(supervisor.getByRole('button', { name: 'Send whisper' })).toBeFocused();
  await supervisor.keyboard.press('Enter');
  await expect(supervisor.getByText('Whisper sent.')).toBeVisible();
  await expect(log.getByText('Offer the 10% goodwill refund')).toBeVisible();
  expect(await axeViolations(supervisor)).toEqual([]);
  await supervisor.screenshot({ path: `${shots}/supervisor-03-chat-whisper.png`, animations: 'disabled' });

  // Sophie reads it in her console, marked as hers alone; the customer never gets it.
  const agentLog = agent.getByRole('log', { name: 'Transcript' });
  await expect(agentLog.getByText('Offer the 10% goodwill refund')).toBeVisible();
  await expect(agentLog.getByText('Whisper from Sue')).toBeVisible();
  await expect(agentLog.getByText('Only you see this — the customer does not.')).toBeVisible();
  expect(await axeViolations(agent)).toEqual([]);
  await agent.screenshot({ path: `${shots}/supervisor-04-agent-whisper.png`, animations: 'disabled' });
  await customer.getByRole('textbox', { name: /message/i }).fill('Thanks');
  await customer.getByRole('textbox', { name: /message/i }).press('Enter');
  await expect(log.getByText('Thanks', { exact: true })).toBeVisible();
  await expect(customer.getByRole('log')).not.toContainText('refund');
  await customer.reload();
  await expect(customer.getByRole('log').getByText('Thanks', { exact: true })).toBeVisible();
  await expect(customer.getByRole('log')).not.toContainText('refund');

  // The whisper stays in Sophie's console across a reload.
  await agent.reload();
  await expect(agent.getByRole('log', { name: 'Transcript' }).getByText('Offer the 10% goodwill refund')).toBeVisible();

  // Back to the board, by keyboard.
  await supervisor.getByRole('link', { name: /Back to the live view/ }).focus();
  await supervisor.keyboard.press('Enter');
  await expect(supervisor.getByRole('heading', { name: 'Live view', level: 1 })).toBeVisible();

  // Sophie ends the chat: one handled today.
  await agent.getByRole('button', { name: 'End chat' }).click();
  await agent.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
  await expect(sophieRow.getByRole('cell').last()).toHaveText(String(handledBefore + 1));
  await expect(supervisor.getByText('No chats are waiting or in progress.')).toBeVisible();
  await agent.getByRole('button', { name: 'Away' }).click();
});

test('an admin has the Live view too, and sets the service level target in General Settings', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, '/admin', 'admin@demo.example');
  await page.getByRole('link', { name: 'Live view' }).click();
  await expect(page.getByRole('heading', { name: 'Live view', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /^Support/ })).toBeVisible();
  await page.getByRole('link', { name: 'Support' }).click();
  const target = page.getByLabel('Service level target (seconds)');
  await expect(target).toHaveValue('60');
  await target.fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('At least 5 seconds.')).toBeVisible();
  await target.fill('30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved')).toBeVisible();
  await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/supervisor-05-service-level-setting.png`, animations: 'disabled' });
  await page.getByRole('link', { name: 'Live view' }).click();
  await expect(page.getByRole('row', { name: /^Support/ })).toContainText('30 s');
  expect(await axeViolations(page)).toEqual([]);
});

test('an agent signing in to the portal is told it is for admins and supervisors', async ({ page }) => {
  await signIn(page, '/admin', 'sophie@demo.example');
  await expect(page.getByText('This portal is for client administrators and supervisors.')).toBeVisible();
});
