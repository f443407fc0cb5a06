/**
 * The tab's title counts what waits for the reader (WCAG: the count reaches people who cannot hear
 * the alert sound or see the page): the agent console counts offers and chats with unread messages;
 * the customer page counts the agent's messages that arrived while its tab was hidden.
 */
import { expect, type Page, test } from '@playwright/test';
import { endOpenChats } from './support/endOpenChats.js';
import { agentAvailable, customerStarts } from './support/people.js';

test.afterAll(async ({ browser, baseURL }) => endOpenChats(browser, baseURL!));

/** Stands for the customer switching to another tab (or back), as the browser tells the page. */
async function tabVisible(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible ? 'visible' : 'hidden');
}

test.describe.configure({ timeout: 120_000 });

test('the titles count an offer for the agent, and the agent\'s messages the customer has not seen', async ({ browser }) => {
  const agentContext = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  const customerContext = await browser.newContext({ viewport: { width: 480, height: 900 } });
  try {
    const sophie = await agentContext.newPage();
    await agentAvailable(sophie, 'sophie@demo.example');
    await expect(sophie).toHaveTitle('Agent console — Reactive Chat');
    const customer = await customerContext.newPage();
    await customerStarts(customer, 'Tia', 'Title');
    const offer = sophie.getByRole('article', { name: 'Chat offer from Tia Title' });
    // Generous: an agent an earlier spec left Available in another tab may be offered it first, until that offer times out.
    await expect(offer).toBeVisible({ timeout: 60_000 });
    await expect(sophie).toHaveTitle(/^\(1\) Agent console/);
    await offer.getByRole('button', { name: 'Accept' }).click({ timeout: 15_000 });
    await expect(sophie).toHaveTitle('Agent console — Reactive Chat');

    const baseTitle = await customer.title();
    expect(baseTitle).not.toMatch(/^\(/);
    await tabVisible(customer, false);
    const box = sophie.getByLabel('Message');
    for (const text of ['Hello Tia', 'How can I help?']) {
      await box.fill(text, { timeout: 15_000 });
      await box.press('Enter', { timeout: 15_000 });
    }
    await expect(customer.getByText('How can I help?')).toBeAttached();
    await expect(customer).toHaveTitle(`(2) ${baseTitle}`);
    await tabVisible(customer, true);
    await expect(customer).toHaveTitle(baseTitle);
  } finally {
    await agentContext.close();
    await customerContext.close();
  }
});
