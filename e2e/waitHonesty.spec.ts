/**
 * In a real browser, the "live honesty" case: a customer waits for
 * Sophie, the only agent, who goes Away instead of answering. The waiting
 * screen says plainly that nobody is available (no estimate, no silent "next
 * in line"), shows the queue's own words and the offline options, and keeps
 * the customer's place; when Sophie is back, the notice goes and she gets the
 * chat. The screen passes axe. Screenshot: test-results/screens/wait-nobody-available.png.
 */
import { expect, test } from '@playwright/test';
import { endOpenChats } from './support/endOpenChats.js';
import { agentAvailable, axeViolations, customerStarts } from './support/people.js';

const shots = 'test-results/screens';


test.afterAll(async ({ browser, baseURL }) => endOpenChats(browser, baseURL!));

test('a customer left waiting with nobody to answer is told so, keeps their place, and is served when an agent is back', async ({ browser }) => {
  const agentContext = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  // Reduced motion: the waiting bubbles fade in one after another, and axe must read them fully drawn.
  const customerContext = await browser.newContext({ viewport: { width: 480, height: 900 }, reducedMotion: 'reduce' });
  try {
    const sophie = await agentContext.newPage();
    await agentAvailable(sophie, 'sophie@demo.example');
    const customer = await customerContext.newPage();
    await customerStarts(customer, 'Nadia', 'Test');
    const offer = sophie.getByRole('article', { name: 'Chat offer from Nadia Test' });
    await expect(offer).toBeVisible();

    // Sophie goes Away instead of answering: the offer goes (at once, or when it times out) and nobody is left.
    await sophie.getByRole('button', { name: 'Away' }).click();
    const line = customer.getByRole('list', { name: 'Waiting in queue' });
    await expect(line).toContainText('No agent is available right now. You keep your place in line.', { timeout: 20_000 });
    await expect(line).not.toContainText('Estimated wait');
    await expect(line).toContainText('You are next in line.');
    const options = customer.getByRole('region', { name: 'Nobody can answer right now' });
    await expect(options).toBeVisible();
    await expect(options).toContainText('All our agents are away right now.');
    await expect(options.getByRole('button', { name: 'Send message' })).toBeVisible();
    await expect(options.getByRole('button', { name: 'Request callback' })).toBeVisible();
    expect(await axeViolations(customer)).toEqual([]);
    await customer.screenshot({ path: `${shots}/wait-nobody-available.png`, fullPage: true, animations: 'disabled' });

    // Sophie is back: the notice goes, and the chat is offered to her again.
    await sophie.getByRole('button', { name: 'Available' }).click();
    await expect(offer).toBeVisible({ timeout: 15_000 });
    await expect(line).not.toContainText('No agent is available');
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect(customer.getByText('Sophie has joined the chat')).toBeVisible();
    await sophie.getByRole('button', { name: 'Away' }).click();
  } finally {
    await Promise.all([agentContext.close(), customerContext.close()]);
  }
});
