/**
 * The customer page speaks the browser's language (context `locale`):
 * French and Spanish on every screen of the journey (form, waiting, chat,
 * ended, closed with the hours), English by default. Queue texts set by
 * admins and not translated (queueTranslations.spec.ts gives some) stay as configured; system lines come as ids and read in the
 * reader's language, while the agent console reads the same lines in
 * English. Every screen passes axe. Screenshots: docs/screenshots/i18n-fr-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';

const docs = 'docs/screenshots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${docs}/${name}.png`, fullPage: true, animations: 'disabled' });

async function accessible(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe.configure({ mode: 'serial' });

let agentContext: BrowserContext;
let agent: Page;
const agentLog = () => agent.getByRole('log', { name: 'Transcript' });

async function customerIn(browser: Browser, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 480, height: 860 } });
  return { context, page: await context.newPage() };
}

async function fillForm(page: Page, first: string, last: string) {
  // Labels are the queue's own (set by its admins in English, no French given): they stay as configured.
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Email').fill(`${first.toLowerCase()}@example.com`);
  await page.getByLabel('Nature of inquiry').selectOption('Billing');
}

test.beforeAll(async ({ browser }) => {
  agentContext = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  agent = await agentContext.newPage();
  await agent.goto('/agent');
  await agent.getByLabel('Email').fill('sophie@demo.example');
  await agent.getByLabel('Password').fill('demo1234');
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.getByRole('button', { name: 'Available' }).click();
  await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
});
test.afterAll(async () => {
  await agent.getByRole('button', { name: 'Away' }).click().catch(() => undefined);
  await agentContext.close();
});

test('English is the default: a browser in a language the page does not speak reads English', async ({ browser }) => {
  const { context, page } = await customerIn(browser, 'de-DE');
  await page.goto('/chat/support');
  await expect(page.getByText('Tell us a little about yourself')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await accessible(page);
  await context.close();
});

test('in French: form, waiting, chat and its end, system lines in French, the console in English', async ({ browser }) => {
  const { context, page } = await customerIn(browser, 'fr-FR');
  await page.goto('/chat/support');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByText('Présentez-vous en quelques mots')).toBeVisible();
  await expect(page.getByText(/Les champs marqués d’un\s*\*\s*astérisque\s*sont obligatoires\./)).toBeVisible();

  await page.getByLabel('First name').fill('Amélie');
  await page.getByLabel('Email').fill('amelie@');
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByText('Le champ « Last name » est obligatoire.')).toBeVisible();
  await expect(page.getByText(/Saisissez une adresse e-mail valide/)).toBeVisible();
  await expect(page.getByLabel('Nature of inquiry').locator('option').first()).toHaveText('Choisir…');
  await accessible(page);
  await shot(page, 'i18n-fr-form');

  await fillForm(page, 'Amelie', 'Durand');
  await page.getByRole('button', { name: 'Envoyer' }).click();
  const waiting = page.getByRole('list', { name: 'File d’attente' });
  await expect(page.getByRole('heading', { name: 'Mise en relation avec un conseiller' })).toBeVisible();
  // The queue's own waiting messages stay as its admins wrote them.
  await expect(waiting).toContainText('Thank you for contacting us.');
  await expect(waiting).toContainText(/Vous êtes (en tête de la file|en position 1 dans la file)\./);
  await expect(waiting).toContainText(/Temps d’attente estimé/);
  await expect(page.getByRole('button', { name: 'Terminer' })).toBeVisible();
  await accessible(page);
  await shot(page, 'i18n-fr-waiting');

  const offer = agent.getByRole('article').filter({ hasText: 'Amelie Durand' });
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByText('Sophie a rejoint la discussion')).toBeVisible();
  await expect(agentLog().getByText('Sophie has joined the chat')).toBeVisible();
  await expect(agentLog().getByText('Amelie Durand joined the queue')).toBeVisible();

  const composer = agent.getByLabel('Message');
  await composer.click();
  await composer.pressSequentially('Bonjour', { delay: 30 });
  await expect(page.getByText('Sophie est en train d’écrire')).toBeVisible();
  await composer.press('Enter');
  const box = page.getByRole('textbox', { name: 'Votre message' });
  await expect(box).toHaveAttribute('placeholder', 'Écrivez votre message…');
  await box.fill('Ma facture est fausse.');
  await box.press('Enter');
  await expect(agentLog().getByText('Ma facture est fausse.')).toBeVisible();
  // Times on the French clock (24-hour), like the hours table.
  await expect(page.getByRole('log', { name: 'Conversation' }).locator('time').first()).toHaveText(/^\d{2}:\d{2}$/);
  await accessible(page);
  await shot(page, 'i18n-fr-chat');

  await agent.getByRole('button', { name: 'End chat' }).click();
  await agent.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
  await expect(page.getByText('Sophie a quitté la discussion')).toBeVisible();
  await expect(page.getByText('Cette discussion est terminée.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Démarrer une nouvelle discussion' })).toBeVisible();
  await expect(agentLog().getByText('Sophie has left the chat')).toBeVisible();
  await accessible(page);
  await shot(page, 'i18n-fr-ended');

  // A reload reads the whole thread again in French (the lines are ids, not sentences).
  await page.reload();
  await expect(page.getByText('Sophie a rejoint la discussion')).toBeVisible();
  await expect(page.getByText('Sophie a quitté la discussion')).toBeVisible();
  await context.close();
});

test('in French, a closed queue gives its hours and "opens next" on one 24-hour clock, days in French', async ({ browser }) => {
  const { context, page } = await customerIn(browser, 'fr-FR');
  await page.goto('/chat/after-hours');
  await expect(page.getByRole('heading', { name: 'Cette file d’attente est fermée' })).toBeVisible();
  await expect(page.getByText('Heures du fuseau Europe/Paris')).toBeVisible();
  await expect(page.getByRole('row', { name: /lundi/ })).toContainText('09:00–17:00');
  await expect(page.getByRole('row', { name: /dimanche/ })).toContainText('Fermé');
  const opensNext = page.locator('.opens-next');
  if (await opensNext.count()) {
    await expect(opensNext).toContainText('Prochaine ouverture');
    await expect(opensNext.locator('strong')).toHaveText(/\d{2}:\d{2}$/);
    await expect(opensNext).not.toContainText(/AM|PM/);
  }
  await expect(page.getByRole('heading', { name: 'Laisser un message' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Demander à être rappelé' })).toBeVisible();
  await page.getByRole('button', { name: 'Envoyer le message' }).click();
  await expect(page.getByText('Le champ « Adresse e-mail » est obligatoire.')).toBeVisible();
  await accessible(page);
  await shot(page, 'i18n-fr-closed');
  await context.close();
});

test('in Spanish: form, waiting and the customer ending the chat', async ({ browser }) => {
  const { context, page } = await customerIn(browser, 'es-ES');
  await page.goto('/chat/support');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByText('Cuéntenos un poco sobre usted')).toBeVisible();
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByText('El campo «First name» es obligatorio.')).toBeVisible();
  await accessible(page);

  await fillForm(page, 'Lucia', 'Garcia');
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: 'Le estamos conectando con un agente' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'En la cola de espera' })).toContainText(/(Le atenderemos a continuación|Está en el puesto 1 de la cola)\./);
  await accessible(page);

  await agent.getByRole('article').filter({ hasText: 'Lucia Garcia' }).getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByText('Sophie se ha unido al chat')).toBeVisible();
  await page.getByRole('textbox', { name: 'Escriba su mensaje' }).fill('Hola');
  await page.getByRole('textbox', { name: 'Escriba su mensaje' }).press('Enter');
  await expect(agentLog().getByText('Hola', { exact: true })).toBeVisible();
  await accessible(page);
  await page.getByRole('button', { name: 'Finalizar chat' }).click();
  // The confirmation speaks Spanish too.
  const confirm = page.getByRole('dialog', { name: '¿Finalizar este chat?' });
  await expect(confirm.getByRole('button', { name: 'Seguir chateando' })).toBeVisible();
  await accessible(page);
  await confirm.getByRole('button', { name: 'Finalizar chat' }).click();
  await expect(page.getByText('Este chat ha finalizado.')).toBeVisible();
  await expect(page.getByText('Usted finalizó el chat.')).toBeVisible();
  await expect(agentLog().getByText('Lucia Garcia has left the chat')).toBeVisible();
  await accessible(page);
  await context.close();
});
