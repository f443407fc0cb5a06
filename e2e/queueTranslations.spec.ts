/**
 * Issue 11 "Languages": an admin gives Support's texts in French on the
 * portal's Translations tab (a refused text is named at its input, keyboard
 * switches the language); a French browser then reads the French labels,
 * name, option and waiting message, with the texts left empty in their
 * default words; the server's refusal of a bad email reaches a French
 * customer in French. Every screen passes axe. Screenshots:
 * docs/screenshots/lang-NN-*.png. The translations are removed at the end so
 * later specs meet Support as configured.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { agentAvailable, axeViolations, signIn } from './support/people.js';

const docs = 'docs/screenshots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${docs}/${name}.png`, fullPage: true, animations: 'disabled' });

test.describe.configure({ mode: 'serial' });

let admin: Page;
let agent: Page;
const contexts: BrowserContext[] = [];

test.beforeAll(async ({ browser }) => {
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(adminContext, agentContext);
  admin = await adminContext.newPage();
  agent = await agentContext.newPage();
  // Someone must be Available for Support to show its form.
  await agentAvailable(agent, 'sophie@demo.example');
});

test.afterAll(async () => {
  // Later specs read Support in its default texts: the translations go.
  const csrf = (await admin.context().cookies()).find((c) => c.name === 'rc_csrf')?.value ?? '';
  const queues = (await (await admin.request.get('/api/admin/queues')).json()) as { queues: Array<{ id: string; slug: string }> };
  const support = queues.queues.find((q) => q.slug === 'support');
  const reset = await admin.request.put(`/api/admin/queues/${support?.id}/translations`, { data: { translations: {} }, headers: { 'x-csrf-token': csrf } });
  expect(reset.status()).toBe(200);
  expect(((await reset.json()) as { translations: object }).translations).toEqual({});
  await agent.getByRole('button', { name: 'Away' }).click().catch(() => undefined);
  await agent.getByRole('button', { name: 'Sign out' }).click().catch(() => undefined);
  for (const context of contexts) await context.close();
});

test('an admin gives Support’s texts in French on the Translations tab; a refused text is named at its input', async () => {
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Support', exact: true }).click();
  await admin.getByRole('tab', { name: 'Translations' }).click();
  await expect(admin.getByRole('radio', { name: 'French' })).toBeChecked();
  const progress = admin.locator('#tr-lang-fr-hint');
  await expect(progress).toHaveText(/^0 of \d+ texts translated$/);
  const all = Number(/of (\d+)/.exec((await progress.textContent()) ?? '')?.[1]);

  // Each input shows the default text it translates.
  const name = admin.getByLabel('Queue name in French');
  await expect(name).toHaveAccessibleDescription(/Default: Support/);
  await name.fill('A'.repeat(81));
  await admin.getByLabel('“First name” label in French').fill('Prénom');
  await admin.getByRole('button', { name: 'Save translations' }).click();
  await expect(admin.getByText('At most 80 characters.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(admin.getByText('Nothing was saved. Please correct the highlighted fields.')).toBeVisible();
  await shot(admin, 'lang-02-portal-refused-text');

  await name.fill('Assistance');
  await admin.getByLabel('“Last name” label in French').fill('Nom');
  await admin.getByLabel('“Email” label in French').fill('Adresse e-mail');
  await admin.getByLabel('“Nature of inquiry” label in French').fill('Objet de la demande');
  await admin.getByLabel('“Nature of inquiry” option 1 in French').fill('Facturation');
  await admin.getByLabel('Waiting message 1 in French').fill('Merci de nous avoir contactés.');
  await admin.getByLabel('Waiting message 2 in French').fill('Un conseiller va vous répondre.');
  await admin.getByRole('button', { name: 'Save translations' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(progress).toHaveText(`8 of ${all} texts translated`);
  expect(await axeViolations(admin)).toEqual([]);
  await admin.getByLabel('Queue name in French').focus();
  await shot(admin, 'lang-01-portal-translations');

  // By keyboard: the arrow keys move between the languages; Spanish has its own, empty, inputs.
  await admin.getByRole('radio', { name: 'French' }).focus();
  await admin.keyboard.press('ArrowRight');
  await expect(admin.getByRole('radio', { name: 'Spanish' })).toBeChecked();
  await expect(admin.getByLabel('Queue name in Spanish')).toHaveValue('');
  await admin.keyboard.press('ArrowLeft');
  await expect(admin.getByLabel('Queue name in French')).toHaveValue('Assistance');
});

test('a French browser reads Support in French, with each text left empty in its default words', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 480, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/chat/support');
  await expect(page.getByRole('heading', { name: 'Assistance' })).toBeVisible();
  await expect(page.getByLabel('Prénom')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Nom', exact: true })).toBeVisible();
  await expect(page.getByLabel('Objet de la demande')).toBeVisible();
  const options = page.getByLabel('Objet de la demande').locator('option');
  await expect(options).toHaveText(['Choisir…', 'Facturation', 'Technical support', 'Sales', 'Other']);
  expect(await axeViolations(page)).toEqual([]);

  // The page checks the email itself; here the request carries a bad one anyway, as a stale page
  // or another check might let through: the server's refusal comes back as a code, worded in French.
  await page.route('**/api/public/queues/support/chats', async (route) => {
    const body = route.request().postDataJSON() as { fields: Record<string, string> };
    await route.continue({ postData: JSON.stringify({ fields: { ...body.fields, email: 'amelie@exemple' } }) });
  });
  await page.getByLabel('Prénom').fill('Amélie');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Durand');
  await page.getByLabel('Adresse e-mail').fill('amelie@exemple.fr');
  await page.getByLabel('Objet de la demande').selectOption({ label: 'Facturation' });
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByText('Saisissez une adresse e-mail valide, par exemple nom@exemple.com.')).toBeVisible();
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Adresse e-mail')).toBeFocused();
  await expect(page.getByText(/Enter a valid email/)).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'lang-03-customer-fr-form-refused');
  await page.unroute('**/api/public/queues/support/chats');

  // Sent as it is, the option's value is the default one: the chat starts, the waiting message is French.
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByText('Merci de nous avoir contactés.')).toBeVisible();
  await expect(page.getByText('Un conseiller va vous répondre.')).toBeVisible();
  await shot(page, 'lang-04-customer-fr-waiting');
  await expect(agent.getByText('Amélie Durand')).toBeVisible();
  await expect(agent.getByText('Billing').first()).toBeVisible();
  // The customer leaves, so that later specs find Support's line empty.
  await page.getByRole('button', { name: 'Terminer' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Terminer' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a Spanish browser, with no Spanish texts, reads Support’s default texts around its own words', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 480, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/chat/support');
  await expect(page.getByRole('heading', { name: 'Support' })).toBeVisible();
  await expect(page.getByLabel('First name')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enviar' })).toBeVisible();
});
