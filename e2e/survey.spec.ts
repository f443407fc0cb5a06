/**
 * Issue 11 in a real browser: the admin turns the post-chat survey on in General Settings; a customer
 * ends their chat, rates it by keyboard (a radio group of stars with accessible names) and comments,
 * downloads the transcript (text and HTML) and has it emailed (the address prefilled from the form);
 * Sophie downloads it from her console's history; the admin finds it, its rating and comment in the
 * portal's Chat history and Reports. axe on every new screen; screenshots docs/screenshots/survey-NN-*.png.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { agentAvailable, axeViolations, customerStarts, signIn } from './support/people.js';

const shots = 'docs/screenshots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/survey-${name}.png`, animations: 'disabled' });

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test('survey and transcript after a chat: customer, agent and admin', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Live view' }).click();
  await admin.getByRole('link', { name: 'Support' }).click();
  const survey = admin.getByLabel('Ask for a rating when the chat ends');
  await expect(survey).not.toBeChecked();
  await survey.check();
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await survey.scrollIntoViewIfNeeded();
  await shot(admin, '01-general-settings');
  expect(await axeViolations(admin)).toEqual([]);

  const agent = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await agentAvailable(agent, 'sophie@demo.example');
  const customer = await (await browser.newContext({ viewport: { width: 480, height: 900 }, acceptDownloads: true })).newPage();
  await customerStarts(customer, 'Rita', 'Survey', 'Billing');
  await agent.getByRole('article').filter({ hasText: 'Rita Survey' }).getByRole('button', { name: 'Accept' }).click();
  await agent.getByLabel('Message').fill('Hello Rita, your refund is on its way.');
  await agent.getByLabel('Message').press('Enter');
  await expect(customer.getByText('Hello Rita, your refund is on its way.')).toBeVisible();
  await customer.getByRole('button', { name: 'End Chat' }).click();
  await customer.getByRole('dialog', { name: 'End this chat?' }).getByRole('button', { name: 'End Chat' }).click();

  // The survey, by keyboard: the stars are one radio group; arrows move the choice.
  await expect(customer.getByRole('heading', { name: 'How was your chat?' })).toBeVisible();
  const stars = customer.getByRole('group', { name: 'Your rating' });
  await expect(stars.getByRole('radio')).toHaveCount(5);
  await stars.getByRole('radio', { name: '1 star: poor' }).focus();
  await customer.keyboard.press('Space');
  for (let i = 0; i < 3; i++) await customer.keyboard.press('ArrowRight');
  await expect(stars.getByRole('radio', { name: '4 stars: very good' })).toBeChecked();
  await customer.keyboard.press('Tab');
  await expect(customer.getByLabel('Comment (optional)')).toBeFocused();
  await customer.keyboard.type('Quick and friendly.');
  await shot(customer, '02-customer-survey');
  expect(await axeViolations(customer)).toEqual([]);
  await customer.keyboard.press('Tab');
  await customer.keyboard.press('Enter');
  await expect(customer.getByText('Thank you for your feedback.')).toBeVisible();

  // The transcript: both files, then by mail to the address the form collected.
  const text = await downloaded(customer, () => customer.getByRole('button', { name: 'Download as text' }).click());
  expect(text.name).toMatch(/^chat-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.txt$/);
  expect(text.text).toContain('Sophie: Hello Rita, your refund is on its way.');
  expect(text.text).toContain('You left the chat.');
  const html = await downloaded(customer, () => customer.getByRole('button', { name: 'Download as web page' }).click());
  expect(html.text).toContain('<h1>Chat transcript</h1>');
  const email = customer.getByLabel('Email address');
  await expect(email).toHaveValue('rita.survey@example.com');
  await customer.getByRole('button', { name: 'Email me the transcript' }).click();
  await expect(customer.getByText('The transcript is on its way to rita.survey@example.com.')).toBeVisible();
  await shot(customer, '03-customer-after-chat');
  expect(await axeViolations(customer)).toEqual([]);

  // Sophie's history: the rating and the download.
  await agent.getByRole('button', { name: 'Chat history' }).click();
  await agent.getByLabel('Search chat history').fill('rita.survey@');
  const past = agent.getByRole('list', { name: 'Past chats' }).getByRole('button');
  await expect(past).toHaveCount(1);
  await past.first().click();
  await expect(agent.getByText('Quick and friendly.')).toBeVisible();
  await expect(agent.getByRole('img', { name: '4 out of 5 stars' }).first()).toBeVisible();
  const staff = await downloaded(agent, () => agent.getByRole('button', { name: 'Download transcript (.txt)' }).click());
  expect(staff.text).toContain('Rita Survey joined the queue');
  await shot(agent, '04-agent-history');
  expect(await axeViolations(agent)).toEqual([]);

  // The portal: Chat history with the rating, a download, the comment in Reports, the mail sent.
  await admin.getByRole('link', { name: 'Chat history' }).click();
  const row = admin.getByRole('row').filter({ hasText: 'Rita Survey' });
  await expect(row).toContainText('Quick and friendly.');
  const portalHtml = await downloaded(admin, () => row.getByRole('button', { name: 'Download the transcript of the chat with Rita Survey as a web page' }).click());
  expect(portalHtml.text).toContain('Hello Rita, your refund is on its way.');
  await shot(admin, '05-portal-history');
  expect(await axeViolations(admin)).toEqual([]);

  await admin.getByRole('link', { name: 'Reports' }).click();
  await admin.getByRole('button', { name: 'Show report' }).click();
  const comments = admin.getByRole('region', { name: 'Recent survey comments' });
  await expect(comments).toContainText('Quick and friendly.');
  await expect(admin.locator('.report-summary')).toContainText('Survey answers');
  await comments.scrollIntoViewIfNeeded();
  await shot(admin, '06-reports-comments');
  expect(await axeViolations(admin)).toEqual([]);

  await admin.getByRole('link', { name: 'Mail' }).click();
  const mail = admin.getByRole('row').filter({ hasText: 'Your chat with Support' });
  await expect(async () => {
    await admin.getByRole('button', { name: 'Refresh' }).click();
    await expect(mail).toContainText('Sent', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  await agent.getByRole('button', { name: 'Away' }).click();
});
