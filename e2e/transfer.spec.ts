/**
 * Transfers in the browser: Sophie chats with a customer and transfers the chat to Leo from the
 * Transfer dialog (by keyboard: focus stays in the dialog), with a note. Leo's offer reads "Transfer
 * from Sophie: <note>"; he declines once (Sophie reads why), then accepts the second: he has the whole
 * conversation and the note, the customer reads "Sophie transferred you to Leo" and sees Leo's name,
 * and the chat leaves Sophie's console. Every new screen passes axe.
 * Screenshots: docs/screenshots/transfer-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { endOpenChats } from './support/endOpenChats.js';
import { setOfferTimeout } from './support/offerTimeout.js';

const shots = 'docs/screenshots';
// axe's analysis is slow on a loaded machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let sophie: Page;
let leo: Page;
let customer: Page;
const contexts: BrowserContext[] = [];
const NOTE = 'Charged twice for order 1042. Refund approved by me, needs a billing agent to process it.';

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

/** No serious or critical accessibility problem on the page as it is now. */
async function expectAccessible(page: Page, only?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // A modal dialog alone: the page behind it is dimmed on purpose (its contrast is checked without the dialog).
  const axe = await (only ? builder.include(only) : builder).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const dialog = () => sophie.getByRole('dialog', { name: 'Transfer chat' });
const offer = () => leo.getByRole('article', { name: 'Chat offer from Tara Test' });

// The server's 8 s offers (e2e/serve.ts) could run out while axe looks at Leo's offer.
test.beforeAll(async ({ browser, baseURL }) => setOfferTimeout(browser, baseURL!, 'support', 120));

test.afterAll(async ({ browser, baseURL }) => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await endOpenChats(browser, baseURL!);
  await setOfferTimeout(browser, baseURL!, 'support', null);
});

test('Sophie chats with Tara; Leo is Available too', async ({ browser }) => {
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
  const box = customer.getByRole('textbox', { name: /message/i });
  await box.fill('I was charged twice for order 1042');
  await box.press('Enter');
  await expect(sophie.getByRole('log', { name: 'Transcript' }).getByText('I was charged twice for order 1042')).toBeVisible();
  await sophie.getByLabel('Message').fill('I will pass you to billing.');
  await sophie.getByLabel('Message').press('Enter');
  await expect(customer.getByText('I will pass you to billing.')).toBeVisible();

  await leo.getByRole('button', { name: 'Available' }).click();
  await expect(leo.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
});

test('the Transfer dialog: by keyboard, focus kept inside, Leo with his seats, queues, a note', async () => {
  const button = sophie.getByRole('button', { name: 'Transfer the chat with Tara Test' });
  await button.focus();
  await sophie.keyboard.press('Enter');
  await expect(dialog()).toBeVisible();
  const leoOption = dialog().getByRole('radio', { name: /Leo/ });
  await expect(leoOption).toBeEnabled();
  await expect(dialog().getByText('0 of 3 chats')).toBeVisible();
  await expect(dialog().getByRole('radio', { name: /After Hours/ })).toBeDisabled();
  // Focus lands on the first choice; Tab and Shift+Tab never leave the dialog.
  await expect(leoOption).toBeFocused();
  for (let i = 0; i < 8; i++) {
    await sophie.keyboard.press('Tab');
    expect(await dialog().evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await sophie.keyboard.press('Shift+Tab');
  expect(await dialog().evaluate((el) => el.contains(document.activeElement))).toBe(true);
  // Escape closes it and gives focus back to the Transfer button.
  await sophie.keyboard.press('Escape');
  await expect(dialog()).toHaveCount(0);
  await expect(button).toBeFocused();

  await sophie.keyboard.press('Enter');
  await expect(leoOption).toBeFocused();
  await sophie.keyboard.press('Space');
  await expect(leoOption).toBeChecked();
  await dialog().getByLabel('Note for the receiver (optional)').fill(NOTE);
  await sophie.screenshot({ path: `${shots}/transfer-01-dialog.png`, animations: 'disabled' });
  await expectAccessible(sophie, '.transfer-dialog');
  await dialog().getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(dialog()).toHaveCount(0);
  await expect(sophie.getByText('Transfer to Leo is waiting for an answer. You keep the chat until then.')).toBeVisible();
  await expect(button).toBeDisabled();
});

test('Leo is offered it with a countdown and the note; he declines and Sophie reads why', async () => {
  await expect(offer()).toBeVisible();
  await expect(offer()).toContainText(`Transfer from Sophie: ${NOTE}`);
  await expect(offer()).toContainText(/\d+ s/);
  await sophie.screenshot({ path: `${shots}/transfer-02-pending.png`, animations: 'disabled' });
  await leo.screenshot({ path: `${shots}/transfer-03-offer.png`, animations: 'disabled' });
  await expectAccessible(leo);
  await expectAccessible(sophie);

  await offer().getByRole('button', { name: 'Decline' }).click();
  const refused = sophie.getByRole('alert').filter({ hasText: 'Transfer to Leo did not happen: they declined.' });
  await expect(refused).toBeVisible();
  // Sophie still has the chat: the customer is never left with nobody.
  await expect(customer.locator('header')).toContainText('Sophie');
  await sophie.screenshot({ path: `${shots}/transfer-04-refused.png`, animations: 'disabled' });
  await expectAccessible(sophie);
  await refused.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toHaveCount(0);
});

test('Leo accepts the second: he reads it all with the note, the customer sees Leo, the chat leaves Sophie', async () => {
  await sophie.getByRole('button', { name: 'Transfer the chat with Tara Test' }).click();
  await dialog().getByRole('radio', { name: /Leo/ }).check();
  await dialog().getByLabel('Note for the receiver (optional)').fill(NOTE);
  await dialog().getByRole('button', { name: 'Transfer', exact: true }).click();
  await offer().getByRole('button', { name: 'Accept' }).click();
  // The chat leaves Sophie's console at once, with a notice (it fades after a few seconds).
  await expect(sophie.getByText('Chat transferred to Leo.')).toBeVisible();
  await expect(sophie.getByRole('heading', { name: 'Tara Test' })).toHaveCount(0);

  const transcript = leo.getByRole('log', { name: 'Transcript' });
  await expect(leo.getByRole('heading', { name: 'Tara Test' })).toBeVisible();
  await expect(leo.getByRole('complementary', { name: 'Transferred by Sophie' })).toContainText(NOTE);
  await expect(transcript.getByText('I was charged twice for order 1042')).toBeVisible();
  await expect(transcript.getByText('I will pass you to billing.')).toBeVisible();
  await expect(transcript.getByText('Sophie transferred you to Leo')).toBeVisible();
  await leo.screenshot({ path: `${shots}/transfer-05-leo-chat.png`, animations: 'disabled' });
  await expectAccessible(leo);

  await expect(customer.getByText('Sophie transferred you to Leo')).toBeVisible();
  await expect(customer.locator('header')).toContainText('Leo');
  await expect(customer.getByText('I was charged twice for order 1042')).toBeVisible();
  await leo.getByLabel('Message').fill('Hi Tara, Leo from billing here. Your refund is on its way.');
  await leo.getByLabel('Message').press('Enter');
  await expect(customer.getByText('Hi Tara, Leo from billing here. Your refund is on its way.')).toBeVisible();
  await customer.screenshot({ path: `${shots}/transfer-06-customer.png`, animations: 'disabled' });
  await expectAccessible(customer);
});
