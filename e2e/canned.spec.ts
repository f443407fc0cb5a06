/**
 * In a real browser: an admin adds a canned reply on the portal's Canned replies page; Sophie types
 * "/ref" in her composer, picks /refund with the keyboard, edits the text (her and the customer's names
 * filled in) and sends it; then she adds an internal note, shown yellow with her name in her console,
 * which the customer's page never shows, not even after a reload. axe on the portal page and on the
 * console with the list open. Screenshots: docs/screenshots/canned-*.png.
 */
import { expect, test } from '@playwright/test';
import { endOpenChats } from './support/endOpenChats.js';
import { axeViolations, agentAvailable, customerStarts, signIn } from './support/people.js';

const shots = 'docs/screenshots';

test('an admin adds a canned reply; the agent inserts it with /ref and the keyboard, and adds a note the customer never sees', async ({ browser, baseURL }) => {
  await endOpenChats(browser, baseURL!);
  const viewport = { width: 1280, height: 860 };
  const admin = await (await browser.newContext({ viewport })).newPage();
  const agent = await (await browser.newContext({ viewport })).newPage();
  const customer = await (await browser.newContext({ viewport: { width: 480, height: 800 } })).newPage();

  // The admin: Canned replies page, add one by keyboard-friendly form; a taken shortcut is refused at its field.
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Canned replies' }).click();
  await expect(admin.getByRole('heading', { name: 'Canned replies', level: 1 })).toBeVisible();
  for (const [shortcut, body] of [
    ['refund', 'Hi {customerFirstName}, I am {agentName}. I have issued a full refund; you will see it within 5 working days.'],
    ['hello', 'Hello {customerFirstName}, how can I help you today?'],
  ] as const) {
    const table = admin.getByRole('table');
    if (await table.getByText(`/${shortcut}`, { exact: true }).count()) continue; // the specs share one server
    await admin.getByRole('button', { name: 'Add a canned reply' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Shortcut').fill(shortcut);
    await dialog.getByLabel('Text').fill(body);
    if (shortcut === 'refund') await admin.screenshot({ path: `${shots}/canned-01-add-reply.png`, animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Add canned reply' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(admin.getByRole('row', { name: /\/refund/ })).toContainText('All queues');
  await admin.getByRole('button', { name: 'Add a canned reply' }).click();
  await admin.getByRole('dialog').getByLabel('Shortcut').fill('Refund');
  await admin.getByRole('dialog').getByLabel('Text').fill('Duplicate');
  await admin.getByRole('dialog').getByRole('button', { name: 'Add canned reply' }).click();
  await expect(admin.getByRole('dialog').getByText('Another canned reply already has this shortcut.')).toBeVisible();
  await admin.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await axeViolations(admin)).toEqual([]);
  await admin.screenshot({ path: `${shots}/canned-02-portal-list.png`, animations: 'disabled', fullPage: true });

  // Sophie takes Ana's chat.
  await agentAvailable(agent, 'sophie@demo.example');
  await customerStarts(customer, 'Ana', 'Silva', 'Billing');
  await agent.getByRole('article').filter({ hasText: 'Ana Silva' }).getByRole('button', { name: 'Accept' }).click();
  await customer.getByRole('textbox', { name: /message/i }).fill('I was charged twice for order 1042');
  await customer.getByRole('textbox', { name: /message/i }).press('Enter');
  const agentLog = agent.getByRole('log', { name: 'Transcript' });
  await expect(agentLog.getByText('I was charged twice for order 1042')).toBeVisible();

  // "/ref": the list opens, filtered; arrows and Enter insert the reply with the names filled in.
  const box = agent.getByRole('combobox', { name: 'Message' });
  await box.focus();
  await agent.keyboard.type('/');
  const list = agent.getByRole('listbox', { name: 'Canned replies' });
  await expect(list.getByRole('option')).toHaveCount(2);
  await agent.keyboard.type('ref');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('/refund');
  await expect(box).toHaveAttribute('aria-activedescendant', /canned-option-/);
  expect(await axeViolations(agent)).toEqual([]);
  await agent.screenshot({ path: `${shots}/canned-03-console-suggestions.png`, animations: 'disabled' });
  // Escape closes it; typing again opens it; Enter inserts.
  await agent.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue('/ref');
  await agent.keyboard.press('Backspace');
  await agent.keyboard.type('f');
  await expect(list.getByRole('option')).toHaveCount(1);
  await agent.keyboard.press('ArrowDown');
  await agent.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue('Hi Ana, I am Sophie. I have issued a full refund; you will see it within 5 working days.');
  // Edited before sending.
  await agent.keyboard.press('End');
  await agent.keyboard.type(' Sorry for the trouble!');
  await agent.screenshot({ path: `${shots}/canned-04-inserted-edited.png`, animations: 'disabled' });
  await agent.keyboard.press('Enter');
  const sent = 'Hi Ana, I am Sophie. I have issued a full refund; you will see it within 5 working days. Sorry for the trouble!';
  await expect(customer.getByRole('log').getByText(sent)).toBeVisible();

  // The internal note: by keyboard, shown yellow with Sophie's name, never on the customer's page.
  await agent.getByRole('button', { name: 'Internal note' }).focus();
  await agent.keyboard.press('Enter');
  await expect(agent.getByRole('button', { name: 'Internal note' })).toHaveAttribute('aria-pressed', 'true');
  const noteBox = agent.getByRole('textbox', { name: 'Internal note' });
  await noteBox.focus();
  await agent.keyboard.type('Double charge confirmed in billing; refund ref R-77');
  await agent.keyboard.press('Enter');
  const note = agentLog.getByRole('listitem').filter({ hasText: 'Double charge confirmed' });
  await expect(note).toContainText('Note');
  await expect(note).toContainText('Sophie');
  await expect(note).toContainText('Staff only — the customer does not see this.');
  await expect(noteBox).toHaveValue('');
  expect(await axeViolations(agent)).toEqual([]);
  await agent.screenshot({ path: `${shots}/canned-05-internal-note.png`, animations: 'disabled' });

  // The customer: the reply yes, the note never (live, then after a reload, i.e. a reconnect and sync).
  await agent.getByRole('button', { name: 'Reply' }).click();
  await agent.getByRole('combobox', { name: 'Message' }).fill('Anything else?');
  await agent.getByRole('combobox', { name: 'Message' }).press('Enter');
  await expect(customer.getByRole('log').getByText('Anything else?')).toBeVisible();
  await expect(customer.getByRole('log')).not.toContainText('Double charge');
  await customer.reload();
  await expect(customer.getByRole('log').getByText('Anything else?')).toBeVisible();
  await expect(customer.getByRole('log')).not.toContainText('Double charge');
  expect(await customer.content()).not.toContain('R-77');
  await customer.screenshot({ path: `${shots}/canned-06-customer-without-note.png`, animations: 'disabled' });

  // The note stays in Sophie's console across a reload.
  await agent.reload();
  await expect(agent.getByRole('log', { name: 'Transcript' }).getByText('Double charge confirmed in billing; refund ref R-77')).toBeVisible();

  await agent.getByRole('button', { name: 'End chat' }).click();
  await agent.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
  // Signed out (Offline) and gone, as the specs after this one expect Sophie.
  await agent.getByRole('button', { name: 'Sign out' }).click();
  await expect(agent.getByRole('button', { name: 'Sign in' })).toBeVisible();
  for (const page of [admin, agent, customer]) await page.context().close();
});
