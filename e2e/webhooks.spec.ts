/**
 * In a real browser: an admin adds a webhook on the portal's Webhooks page (a
 * refused form names the field), copies its signing secret, sends a test that
 * a real receiver first refuses (500) and then takes, and reads both attempts
 * in the delivery log; a chat started by a customer reaches the receiver
 * signed with that secret. The page and its dialog pass axe.
 * Screenshots: test-results/screens/admin-webhooks*.png.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { endOpenChats } from './support/endOpenChats.js';
import { axeViolations, customerStarts, signIn } from './support/people.js';

const shots = 'test-results/screens';

// The customer's chat is left waiting: end it so later specs find Sophie's seats and the line empty.
test.afterAll(async ({ browser, baseURL }) => endOpenChats(browser, baseURL!));



interface Received {
  event: string;
  signature: string;
  body: string;
}

test('an admin adds a webhook, tests it against a receiver that fails once, and chats reach it signed', async ({ browser }) => {
  const received: Received[] = [];
  let refuseNext = 1;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (refuseNext-- > 0) return void res.writeHead(500).end();
      received.push({ event: String(req.headers['x-reactive-chat-event']), signature: String(req.headers['x-reactive-chat-signature']), body: Buffer.concat(chunks).toString() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/chat`;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const admin = await context.newPage();
    await signIn(admin, '/admin', 'admin@demo.example');
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    await expect(admin.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(admin).toHaveURL(/#\/webhooks$/);

    await admin.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('URL').fill('crm');
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await expect(dialog.getByText('Give a full URL, such as https://example.com/hooks/chat.')).toBeVisible();
    await expect(dialog.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('URL').fill(url);
    await dialog.getByLabel('Description (optional)').fill('CRM sync');
    await dialog.getByRole('checkbox', { name: /Message answered/ }).uncheck();
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: `${shots}/admin-webhooks-dialog.png`, animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Add webhook' }).click();

    await expect(dialog.getByRole('heading', { name: 'Signing secret' })).toBeVisible();
    const secret = await dialog.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await dialog.getByRole('button', { name: 'Done' }).click();

    const card = admin.getByRole('region', { name: url });
    await expect(card).toContainText('CRM sync');
    await expect(card).toContainText('Chat queued');
    await expect(card).not.toContainText('Message answered');
    await expect(admin.locator('body')).not.toContainText(secret);

    // A test: refused once (500), then taken; the log shows the delivery with its two attempts.
    await card.getByRole('button', { name: `Send test to ${url}` }).click();
    await expect(admin.getByRole('status')).toContainText('A test event is on its way');
    const log = card.getByRole('table');
    await expect(log.getByRole('row', { name: /ping/ })).toContainText('Delivered');
    await expect(log.getByRole('row', { name: /ping/ })).toContainText('HTTP 204');
    await expect(log.getByRole('row', { name: /ping/ }).getByRole('cell').nth(3)).toHaveText('2');
    await expect(card.locator('.webhook-last')).toContainText('Delivered');
    const ping = received.find((r) => r.event === 'ping')!;
    const [, t, mac] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(ping.signature)!;
    expect(createHmac('sha256', secret).update(`${t}.${ping.body}`).digest('hex')).toBe(mac);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: `${shots}/admin-webhooks.png`, fullPage: true, animations: 'disabled' });

    // A customer's chat reaches the receiver, signed with the same secret.
    // The agent and the customer each in a browser of their own (a shared context shares the admin's session).
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const customerContext = await browser.newContext({ viewport: { width: 480, height: 820 } });
    const agent = await agentContext.newPage();
    await signIn(agent, '/agent', 'sophie@demo.example');
    await agent.getByRole('button', { name: 'Available' }).click();
    await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
    const customer = await customerContext.newPage();
    await customerStarts(customer, 'Ana', 'Silva', 'Billing');
    await expect.poll(() => received.some((r) => r.event === 'chat.queued' && r.body.includes('"Ana Silva"'))).toBe(true);
    const queued = received.find((r) => r.event === 'chat.queued')!;
    const [, qt, qmac] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(queued.signature)!;
    expect(createHmac('sha256', secret).update(`${qt}.${queued.body}`).digest('hex')).toBe(qmac);
    await agent.getByRole('button', { name: 'Away' }).click();
    await Promise.all([context.close(), agentContext.close(), customerContext.close()]);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
