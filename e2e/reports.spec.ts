/**
 * Reports in a real browser: a customer chats with Sophie on Support;
 * the admin opens Reports, sees it counted (summary, chart, per-queue and
 * per-day tables), switches to agents and to "Today by hour", downloads the
 * per-queue table as CSV, and the page passes axe and works by keyboard.
 * Screenshot: test-results/screens/admin-reports.png.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { endOpenChats } from './support/endOpenChats.js';
import { agentAvailable, axeViolations, customerStarts, signIn } from './support/people.js';

const shots = 'test-results/screens';


test.afterAll(async ({ browser, baseURL }) => endOpenChats(browser, baseURL!));

test('an admin reads how the queues and agents did, by day and by hour, and downloads a table as CSV', async ({ browser }) => {
  const agentContext = await browser.newContext();
  const customerContext = await browser.newContext({ viewport: { width: 480, height: 820 } });
  const adminContext = await browser.newContext({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
  try {
    // A chat of this run: Ana asks, Sophie answers, Ana ends it.
    const sophie = await agentContext.newPage();
    await agentAvailable(sophie, 'sophie@demo.example');
    const customer = await customerContext.newPage();
    await customerStarts(customer, 'Ana', 'Report');
    await sophie.getByRole('article', { name: 'Chat offer from Ana Report' }).getByRole('button', { name: 'Accept' }).click();
    await expect(customer.getByText('Sophie has joined the chat')).toBeVisible();
    await sophie.getByRole('button', { name: 'Away' }).click();

    const admin = await adminContext.newPage();
    await signIn(admin, '/admin', 'admin@demo.example');
    await admin.getByRole('link', { name: 'Reports' }).click();
    await expect(admin.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();

    // Ana's chat (and those of the other specs of this run) are counted.
    const summary = admin.getByRole('region', { name: 'Summary' });
    await expect(summary).toBeVisible();
    const offered = Number(await summary.locator('.report-card', { hasText: 'Offered' }).locator('dd').textContent());
    expect(offered).toBeGreaterThan(0);
    const perQueue = admin.getByRole('region', { name: 'Per queue' });
    await expect(perQueue.getByRole('rowheader', { name: 'Support' })).toBeVisible();
    await expect(admin.getByRole('img', { name: /Chats by day/ })).toBeVisible();
    await expect(admin.locator('.report-chart canvas')).toHaveCount(1);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: `${shots}/admin-reports.png`, fullPage: true, animations: 'disabled' });

    // The per-queue table as CSV: a header and the Support row, numbers plain.
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Download CSV: Per queue' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'Queue,Offered,Answered,Abandoned,Abandoned after (avg),Service level,Wait (avg),Wait (90th pct.),Handle time (avg),Estimates checked,Estimate off by (median),Estimate bias (median),Offers declined,Offers timed out,Left messages,Callbacks,Messages & callbacks handled,Handled within (median),Transferred in,Transferred out,Survey answers,Rating (avg of 5),Rated 1★,Rated 2★,Rated 3★,Rated 4★,Rated 5★',
    );
    expect(csv).toMatch(/\r\nSupport,\d+,\d+,\d+,/);

    // Agents, today by hour, by keyboard.
    await admin.getByRole('button', { name: 'Today' }).focus();
    await admin.keyboard.press('Enter');
    await admin.getByRole('combobox', { name: 'Show', exact: true }).selectOption('agent');
    await expect(admin.getByRole('region', { name: 'By hour' }).or(admin.getByText('Nothing happened in this period.'))).toBeVisible();
    // A range the server refuses is said at the field.
    await admin.getByRole('combobox', { name: 'By', exact: true }).selectOption('hour');
    await admin.getByLabel('From', { exact: true }).fill('2026-01-01');
    await admin.getByRole('button', { name: 'Show report' }).click();
    await expect(admin.locator('#report-to-error')).toContainText('at most 31 days');
    expect(await axeViolations(admin)).toEqual([]);
  } finally {
    await Promise.all([agentContext.close(), customerContext.close(), adminContext.close()]);
  }
});
