/**
 * The website widget (issue 11) on a client's site: a tiny host site served by this spec on
 * another origin (http://localhost:<E2E_PORT+1>, another site than the chat's 127.0.0.1) with the
 * one-line snippet from General Settings. The admin sets the launcher (bad colours refused at
 * the field); a visitor opens the launcher by keyboard, starts a chat, closes it with Escape
 * (focus back on the launcher), moves to another page of the site and finds the same chat, sees
 * the unread count when Sophie writes while it is closed, and meets the offline options of a
 * closed queue. Host CSS that styles every button does not reach the launcher. The chat page is
 * framable, the portal is not. axe on the portal and on the host page with the launcher.
 * Both storage paths: Playwright's contexts deny the third-party frame storage (the loader keeps
 * it in the host's localStorage, so the chat survives the host tab closed and opened again; one
 * context also blocks the frame's storage itself by an init script), a profile that allows
 * third-party storage keeps the token in the frame's own.
 * Screenshots: docs/screenshots/widget-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, expect, type Page, test } from '@playwright/test';
import { CSRF_COOKIE, CSRF_HEADER } from '../src/protocol/http.js';
import { agentAvailable, axeViolations, signIn } from './support/people.js';
import { endOpenChats } from './support/endOpenChats.js';

const shots = 'docs/screenshots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/${name}.png`, animations: 'disabled' });
const chatPort = Number(process.env.E2E_PORT ?? 3310);
const hostPort = chatPort + 1;
const hostUrl = `http://localhost:${hostPort}`;

/** A client's site: its own styles on every button (which must not reach the launcher), two pages with the Support widget and one with After Hours'. */
function hostPage(title: string, queue: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} — Acme Outdoor</title>
<style>body{font:16px/1.5 Georgia,serif;margin:0;color:#1f2937;background:#fafaf9}header{background:#14532d;color:#fff;padding:16px 32px}
header a{color:#fff;margin-right:16px}main{padding:32px;max-width:720px}button{background:#dc2626!important;font-size:30px!important;border-radius:0!important}</style></head>
<body><header><nav aria-label="Site"><a href="/">Home</a><a href="/products.html">Products</a><a href="/closed.html">Night desk</a></nav></header>
<main><h1>${title}</h1>${body}<p><button type="button">Add to basket</button></p></main>
<script src="http://127.0.0.1:${chatPort}/widget.js" data-queue="${queue}" async></script></body></html>`;
}
const pages: Record<string, string> = {
  '/': hostPage('Acme Outdoor', 'support', '<p>Tents, stoves and boots for every season.</p>'),
  '/products.html': hostPage('Products', 'support', '<p>Our tents: the Ridge 2 and the Summit 4.</p>'),
  '/closed.html': hostPage('Night desk', 'after-hours', '<p>Questions at night? Leave us a message.</p>'),
};

let host: Server;
let agentContext: BrowserContext;
let visitorContext: BrowserContext;
let agent: Page;
let visitor: Page;

const launcher = (page: Page, name: RegExp | string = /^Chat with Support/) => page.getByRole('button', { name });
const chatOrigin = `http://127.0.0.1:${chatPort}`;
/** The loader's keys on the host site: open/closed (sessionStorage, per tab), the frame's borrowed storage (localStorage). */
const stateKey = `rc-widget:${chatOrigin}/support`;
const storeKey = `${stateKey}:store`;
const frameOf = (page: Page) => page.frameLocator('iframe[title="Support — Chat"]');

/** The admin's API session (to put Support's widget back as it was for whoever runs next). */
async function adminRequest(browser: Browser, baseURL: string, run: (ctx: BrowserContext, csrf: string) => Promise<void>): Promise<void> {
  const ctx = await browser.newContext({ baseURL });
  try {
    await ctx.request.post('/api/auth/login', { data: { email: 'admin@demo.example', password: 'demo1234' } });
    await run(ctx, (await ctx.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '');
  } finally {
    await ctx.close();
  }
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  host = createServer((request, response) => {
    const page = pages[(request.url ?? '/').split('?')[0] ?? '/'];
    if (!page) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => host.listen(hostPort, 'localhost', resolve));
  agentContext = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  agent = await agentContext.newPage();
  visitor = await visitorContext.newPage();
});

test.afterAll(async ({ browser, baseURL }) => {
  await endOpenChats(browser, baseURL!);
  // Support's launcher back to the defaults.
  await adminRequest(browser, baseURL!, async (ctx, csrf) => {
    const list = (await (await ctx.request.get('/api/admin/queues')).json()) as { queues: { id: string; slug: string }[] };
    const support = list.queues.find((q) => q.slug === 'support')!;
    const q = (await (await ctx.request.get(`/api/admin/queues/${support.id}`)).json()) as Record<string, unknown>;
    const widget = { color: '#1d4ed8', position: 'bottom-right', label: 'Chat with us', headerColor: '#1d4ed8', logoUrl: '', allowedOrigins: [] };
    const body = { name: q.name, open: q.open, agentDisplay: q.agentDisplay, waitingMessages: q.waitingMessages, showEstimatedWait: q.showEstimatedWait, widget };
    await ctx.request.patch(`/api/admin/queues/${support.id}/general`, { data: body, headers: { [CSRF_HEADER]: csrf, origin: baseURL! } });
  });
  await agentContext?.close();
  await visitorContext?.close();
  await new Promise((resolve) => host?.close(resolve));
});

test('General Settings shows the snippet and the launcher options; a bad colour is refused at its field', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await context.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Support' }).click();
  await expect(admin.getByRole('heading', { name: 'Website widget' })).toBeVisible();
  await expect(admin.getByLabel('Snippet for your website')).toHaveValue(`<script src="http://127.0.0.1:${chatPort}/widget.js" data-queue="support" async></script>`);

  const colour = admin.getByLabel('Button colour');
  await colour.fill('yellow');
  await admin.getByLabel('Button text').fill('Chat with Support');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(colour).toHaveAttribute('aria-invalid', 'true');
  await expect(admin.locator('#gs-widget-color-error')).toHaveText(/Enter a colour like #1d4ed8/);
  await colour.fill('#fde047');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.locator('#gs-widget-color-error')).toHaveText(/Too light/);
  await expect(colour).toHaveAttribute('aria-invalid', 'true');
  await admin.locator('section[aria-labelledby="gs-widget-heading"] .field-pair').screenshot({ path: `${shots}/widget-06-portal-colour-refused.png`, animations: 'disabled' });
  await admin.getByLabel('Websites allowed to show the chat (optional)').fill('https://shop.example/tents');
  await colour.fill('#0F766E');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.locator('#gs-widget-sites-error')).toHaveText(/Line 1: Enter a site like/);
  // Nothing was saved by the refused attempts.
  await admin.reload();
  await expect(admin.getByLabel('Button text')).toHaveValue('Chat with us');

  await admin.getByLabel('Button text').fill('Chat with Support');
  await colour.fill('#0F766E');
  await admin.getByLabel('Chat header colour').fill('#0f766e');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText('Saved')).toBeVisible();
  await expect(colour).toHaveValue('#0f766e');
  expect(await axeViolations(admin)).toEqual([]);
  // The section itself, from the heading to the allowed sites, with the launcher's preview.
  await admin.locator('section[aria-labelledby="gs-widget-heading"]').screenshot({ path: `${shots}/widget-01-portal-settings.png`, animations: 'disabled' });
  await context.close();
});

test('the chat page may be framed by other sites; the portal and the console may not; the loader is tiny', async ({ request }) => {
  const chat = await request.get('/chat/support');
  expect(chat.headers()['x-frame-options']).toBeUndefined();
  expect(chat.headers()['content-security-policy']).toContain('frame-ancestors *');
  for (const path of ['/admin', '/agent']) {
    const page = await request.get(path);
    expect(page.headers()['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  }
  const loader = await request.get('/widget.js');
  expect(loader.headers()['content-type']).toContain('javascript');
  expect(loader.headers()['cross-origin-resource-policy']).toBe('cross-origin');
  const { gzipSync } = await import('node:zlib');
  expect(gzipSync(await loader.body()).length).toBeLessThanOrEqual(5 * 1024);
});

test('a visitor opens the launcher by keyboard and starts a chat; host styles do not reach it', async () => {
  await agentAvailable(agent, 'sophie@demo.example');
  await visitor.goto(`${hostUrl}/`);
  const button = launcher(visitor);
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // The host's `button { background: red !important }` stops at the shadow root.
  expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 118, 110)');
  expect(await button.evaluate((el) => getComputedStyle(el).fontSize)).toBe('15px');
  // And ours does not reach the page: its own button keeps the site's style.
  expect(await visitor.getByRole('button', { name: 'Add to basket' }).evaluate((el) => getComputedStyle(el).fontSize)).toBe('30px');
  expect(await axeViolations(visitor)).toEqual([]);
  await shot(visitor, 'widget-02-host-launcher');

  await button.focus();
  await visitor.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const frame = frameOf(visitor);
  await frame.getByLabel('First name').fill('Wen');
  await frame.getByLabel('Last name').fill('Li');
  await frame.getByLabel('Email').fill('wen.li@example.com');
  await frame.getByLabel('Nature of inquiry').selectOption('Sales');
  await frame.getByRole('button', { name: 'Send' }).click();
  await expect(frame.getByRole('list', { name: 'Waiting in queue' })).toBeVisible();

  const offer = agent.getByRole('article').filter({ hasText: 'Wen Li' });
  await offer.getByRole('button', { name: 'Accept' }).click();
  await agent.getByLabel('Message').fill('Hello Wen, which tent are you looking at?');
  await agent.getByLabel('Message').press('Enter');
  await expect(frame.getByText('Hello Wen, which tent are you looking at?')).toBeVisible();
  const box = frame.getByRole('textbox', { name: /message/i });
  await box.fill('The Ridge 2, is it waterproof?');
  await box.press('Enter');
  await expect(agent.getByRole('log', { name: 'Transcript' }).getByText('The Ridge 2, is it waterproof?')).toBeVisible();
  expect(await axeViolations(visitor)).toEqual([]);
  await shot(visitor, 'widget-03-host-chat-open');

  // Escape inside the chat closes it and focus returns to the launcher.
  await box.focus();
  await visitor.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toBeFocused();
  await expect(visitor.locator('iframe[title="Support — Chat"]')).toBeHidden();
});

test('on another page of the site the same chat is there; agent messages while closed show as unread', async () => {
  await visitor.getByRole('link', { name: 'Products' }).click();
  await expect(visitor.getByRole('heading', { name: 'Products' })).toBeVisible();
  const button = launcher(visitor);
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await agent.getByLabel('Message').fill('Yes, fully waterproof.');
  await agent.getByLabel('Message').press('Enter');
  await agent.getByLabel('Message').fill('It also comes in green.');
  await agent.getByLabel('Message').press('Enter');
  await expect(launcher(visitor, 'Chat with Support (Unread messages: 2)')).toBeVisible();
  await expect(button.locator('.b')).toHaveText('2');
  expect(await axeViolations(visitor)).toEqual([]);
  await shot(visitor, 'widget-04-host-unread');

  // This browser denies the third-party frame storage of its own: the loader keeps it in the host's localStorage.
  expect(await visitor.evaluate(() => Object.keys(sessionStorage))).toEqual([stateKey]);
  expect(await visitor.evaluate((key) => Object.keys(JSON.parse(localStorage.getItem(key) ?? '{}') as object), storeKey)).toContain('rc_chat_token:support');

  // Still unread on the next page (what was seen is kept with the frame's storage).
  await visitor.getByRole('link', { name: 'Home' }).click();
  await expect(launcher(visitor, 'Chat with Support (Unread messages: 2)')).toBeVisible();

  await button.click();
  const frame = frameOf(visitor);
  await expect(frame.getByText('The Ridge 2, is it waterproof?')).toBeVisible();
  await expect(frame.getByText('It also comes in green.')).toBeVisible();
  await expect(launcher(visitor, 'Chat with Support')).toHaveAttribute('aria-expanded', 'true');

  // Open stays open across pages (the host's sessionStorage), with the same chat.
  await visitor.getByRole('link', { name: 'Products' }).click();
  await expect(visitor.getByRole('heading', { name: 'Products' })).toBeVisible();
  await expect(launcher(visitor)).toHaveAttribute('aria-expanded', 'true');
  await expect(frameOf(visitor).getByText('Yes, fully waterproof.')).toBeVisible();
  await launcher(visitor).click();
  await expect(launcher(visitor)).toBeFocused();
});

test('a closed queue\'s widget opens on its offline options', async () => {
  await visitor.getByRole('link', { name: 'Night desk' }).click();
  const button = visitor.getByRole('button', { name: 'Chat with us' });
  await button.click();
  const frame = visitor.frameLocator('iframe[title="After Hours — Chat"]');
  await expect(frame.getByRole('heading', { name: 'This queue is closed' })).toBeVisible();
  await expect(frame.getByRole('heading', { name: 'Leave a message' })).toBeVisible();
  expect(await axeViolations(visitor)).toEqual([]);
  await shot(visitor, 'widget-05-host-closed-queue');
});

test('where the frame gets no storage at all, the chat survives the host tab closed and opened again', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Belt and braces over the browser's own third-party blocking: the chat frame's storage throws, as it does where blocked.
  await context.addInitScript((origin) => {
    if (location.origin !== origin || window === window.top) return;
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException('Third-party storage is blocked.', 'SecurityError');
        },
      });
    }
  }, chatOrigin);
  try {
    let page = await context.newPage();
    await page.goto(`${hostUrl}/`);
    await launcher(page).click();
    let frame = frameOf(page);
    await frame.getByLabel('First name').fill('Mia');
    await frame.getByLabel('Last name').fill('Park');
    await frame.getByLabel('Email').fill('mia.park@example.com');
    await frame.getByLabel('Nature of inquiry').selectOption('Sales');
    await frame.getByRole('button', { name: 'Send' }).click();
    await expect(frame.getByRole('list', { name: 'Waiting in queue' })).toBeVisible();
    await agent.getByRole('article').filter({ hasText: 'Mia Park' }).getByRole('button', { name: 'Accept' }).click();
    // Sophie holds Wen's chat too: write once Mia's is the one shown.
    await expect(agent.getByRole('heading', { name: 'Mia Park', level: 2 })).toBeVisible();
    await agent.getByLabel('Message').fill('Hi Mia, the Summit 4 is in stock.');
    await agent.getByLabel('Message').press('Enter');
    await expect(frame.getByText('Hi Mia, the Summit 4 is in stock.')).toBeVisible();

    // The frame runs on the loader's storage (the browser gave it none); the host keeps the token under our key,
    // handed over by postMessage: never in the frame's URL, never in the tab's sessionStorage.
    const chatFrame = page.frames().find((f) => f.url().includes('/chat/support'))!;
    expect(await chatFrame.evaluate(() => localStorage instanceof Storage)).toBe(false);
    const kept = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, string>, storeKey);
    const token = kept['rc_chat_token:support'];
    expect(token).toBeTruthy();
    expect(chatFrame.url()).not.toContain(token);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([stateKey]);

    // The visitor closes the tab, and comes back later in a new one.
    await page.close();
    page = await context.newPage();
    await page.goto(`${hostUrl}/products.html`);
    // Closed in a new tab, with nothing unread: what was seen came back too.
    await expect(launcher(page, 'Chat with Support')).toHaveAttribute('aria-expanded', 'false');
    await launcher(page).click();
    frame = frameOf(page);
    await expect(frame.getByText('Hi Mia, the Summit 4 is in stock.')).toBeVisible();
    await expect(frame.getByLabel('First name')).toHaveCount(0);
    const box = frame.getByRole('textbox', { name: /message/i });
    await box.fill('Great, I am back.');
    await box.press('Enter');
    await expect(agent.getByRole('log', { name: 'Transcript' }).getByText('Great, I am back.')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'widget-07-host-tab-reopened');
  } finally {
    await context.close();
  }
});

test('where the browser gives the frame storage of its own, the chat token stays there, never on the host page', async () => {
  // A browser profile that allows third-party cookies and storage (the contexts above, like this Chromium's
  // default, deny a third-party frame its storage: the frame borrows the loader's there).
  const profile = mkdtempSync(join(tmpdir(), 'rc-widget-profile-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${hostUrl}/`);
    await launcher(page, /^Chat with/).click();
    const frame = frameOf(page);
    await frame.getByLabel('First name').fill('Kai');
    await frame.getByLabel('Last name').fill('Berg');
    await frame.getByLabel('Email').fill('kai.berg@example.com');
    await frame.getByLabel('Nature of inquiry').selectOption('Sales');
    await frame.getByRole('button', { name: 'Send' }).click();
    await expect(frame.getByRole('list', { name: 'Waiting in queue' })).toBeVisible();

    await page.getByRole('link', { name: 'Products' }).click();
    await expect(page.getByRole('heading', { name: 'Products' })).toBeVisible();
    // Open as it was left, in the same chat (no form again).
    await expect(launcher(page, /^Chat with/)).toHaveAttribute('aria-expanded', 'true');
    await expect(frameOf(page).getByRole('list', { name: 'Waiting in queue' })).toBeVisible();
    const chatFrame = page.frames().find((f) => f.url().includes('/chat/support'))!;
    expect(await chatFrame.evaluate(() => localStorage instanceof Storage && Object.keys(localStorage).includes('rc_chat_token:support'))).toBe(true);
    // The host keeps only open/closed, not the frame's storage.
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([stateKey]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
