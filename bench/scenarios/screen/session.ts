/**
 * Two people in one Chromium: a customer on the Support queue's Reactive Chat
 * URL (Data Collection filled in) and Sophie in the agent console (signed
 * in, Available, offer accepted), each in a browser context of its own, as
 * e2e/journey.spec.ts does it. Both pages carry the stopwatch (probe.ts).
 */
import { type Browser, chromium, type Locator, type Page } from '@playwright/test';
import { probeSource, type ProbeConfig } from './probe.js';

/** The flags this closed network needs (playwright.config.ts, ../shared/docs/MACHINE.md). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;
const DEMO_PASSWORD = 'demo1234';
const AGENT_EMAIL = 'sophie@demo.example';
const CUSTOMER = { first: 'Ana', last: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

export interface ChatSession {
  browser: Browser;
  customer: Page;
  agent: Page;
  /** Where each side types its messages. */
  customerBox: Locator;
  agentBox: Locator;
  /** Uncaught page errors and console errors, with the page they came from. */
  pageErrors: string[];
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

async function openPage(browser: Browser, viewport: { width: number; height: number }, probe: ProbeConfig, who: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  await context.addInitScript({ content: probeSource(probe) });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${who} console: ${message.text()}`);
  });
  return page;
}

/** Opens both pages on `baseUrl` and brings them into one active chat. */
export async function startChatSession(browser: Browser, baseUrl: string, run: string): Promise<ChatSession> {
  const pageErrors: string[] = [];
  const agent = await openPage(browser, { width: 1360, height: 820 }, { run, outgoing: 'a2c', incoming: 'c2a' }, 'agent', pageErrors);
  const customer = await openPage(browser, { width: 480, height: 820 }, { run, outgoing: 'c2a', incoming: 'a2c' }, 'customer', pageErrors);

  await agent.goto(`${baseUrl}/agent`);
  await agent.getByLabel('Email').fill(AGENT_EMAIL);
  await agent.getByLabel('Password').fill(DEMO_PASSWORD);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  const available = agent.getByRole('button', { name: 'Available' });
  await available.click();
  await waitForAttribute(available, 'aria-pressed', 'true');

  await customer.goto(`${baseUrl}/chat/support`);
  await customer.getByLabel('First name').fill(CUSTOMER.first);
  await customer.getByLabel('Last name').fill(CUSTOMER.last);
  await customer.getByLabel('Email').fill(CUSTOMER.email);
  await customer.getByLabel('Nature of inquiry').selectOption(CUSTOMER.inquiry);
  await customer.getByRole('button', { name: 'Send' }).click();

  const offer = agent.getByRole('article').filter({ hasText: `${CUSTOMER.first} ${CUSTOMER.last}` });
  await offer.getByRole('button', { name: 'Accept' }).click();

  const customerBox = customer.getByRole('textbox', { name: /message/i });
  const agentBox = agent.getByLabel('Message');
  await customerBox.waitFor({ state: 'visible' });
  await customer.locator('header').filter({ hasText: 'Sophie' }).waitFor({ state: 'visible' });
  await agentBox.waitFor({ state: 'visible' });
  return { browser, customer, agent, customerBox, agentBox, pageErrors };
}

async function waitForAttribute(locator: Locator, name: string, value: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while ((await locator.getAttribute(name)) !== value) {
    if (Date.now() > deadline) throw new Error(`${name} did not become ${value}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
