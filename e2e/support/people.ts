/**
 * What the specs do over and over as the people of the demo would: check a
 * page with axe (serious and critical violations, WCAG 2.1 A/AA), sign in to
 * the console or the portal, and start a chat on Support as a customer.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Serious and critical axe violations of the page, as "rule: targets" lines (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Signs in on the console (`/agent`) or the portal (`/admin`) with the demo password. */
export async function signIn(page: Page, path: '/agent' | '/admin', email: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs an agent in and makes them Available. */
export async function agentAvailable(page: Page, email: string): Promise<void> {
  await signIn(page, '/agent', email);
  await page.getByRole('button', { name: 'Available' }).click();
  await expect(page.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
}

/** A customer fills Support's Data Collection form and sends it. */
export async function customerStarts(page: Page, first: string, last: string, inquiry = 'Sales'): Promise<void> {
  await page.goto('/chat/support');
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Email').fill(`${first.toLowerCase()}.${last.toLowerCase()}@example.com`);
  await page.getByLabel('Nature of inquiry').selectOption(inquiry);
  await page.getByRole('button', { name: 'Send' }).click();
}
