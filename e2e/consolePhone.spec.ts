/**
 * The agent console on a phone (375×740, and every screen checked again at 360×640) and on a tablet
 * (768×1024), in a real browser with real customers on other pages. On a phone Sophie sees one pane at
 * a time: she signs in, takes Nadia's offer from the list, chats, opens Nadia's details, takes Omar's offer
 * shown over the open chat, ends his chat (focus goes to Nadia's row), goes Back and forth with the
 * keyboard, reads her history and the messages left for her, and ends Nadia's chat (focus goes to the
 * list's heading). On a tablet the list stays beside the chat and the details are behind a button.
 * Every screen: no horizontal scroll (document.documentElement.scrollWidth <= innerWidth), dialogs
 * inside the screen, axe without serious or critical violations.
 * Screenshots: docs/screenshots/console-phone-*.png, console-tablet-*.png.
 */
import { type APIRequestContext, type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { CSRF_COOKIE, CSRF_HEADER } from '../src/protocol/http.js';
import { endOpenChats } from './support/endOpenChats.js';
import { setOfferTimeout } from './support/offerTimeout.js';
import { agentAvailable, axeViolations, customerStarts } from './support/people.js';

const shots = 'docs/screenshots';
const PHONE = { width: 375, height: 740 };
const SMALL_PHONE = { width: 360, height: 640 };
const TABLET = { width: 768, height: 1024 };

test.describe.configure({ mode: 'serial' });
// axe on every screen, at two sizes: more than the default minute on a loaded machine.
test.setTimeout(240_000);

test.beforeAll(async ({ browser, baseURL }) => {
  await endOpenChats(browser, baseURL!);
  // Offers stay up while screenshots are taken and axe runs (the e2e server's default is 8 s).
  await setOfferTimeout(browser, baseURL!, 'support', 300);
  await asAdmin(browser, baseURL!, seed);
});
test.afterAll(async ({ browser, baseURL }) => {
  await setOfferTimeout(browser, baseURL!, 'support', null);
  await endOpenChats(browser, baseURL!);
  await asAdmin(browser, baseURL!, unseed);
});

type Admin = { request: APIRequestContext; headers: Record<string, string> };

/** Runs `work` with the admin's API session (and the CSRF header its writes need). */
async function asAdmin(browser: Browser, baseURL: string, work: (admin: Admin) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ baseURL });
  try {
    const login = await context.request.post('/api/auth/login', { data: { email: 'admin@demo.example', password: 'demo1234' } });
    expect(login.ok()).toBe(true);
    const csrf = (await context.cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    await work({ request: context.request, headers: { [CSRF_HEADER]: csrf, origin: baseURL } });
  } finally {
    await context.close();
  }
}

/** A canned reply (for the list over the composer) and a left message and callback request (for Messages & callbacks). */
async function seed({ request, headers }: Admin): Promise<void> {
  const reply = await request.post('/api/admin/canned-replies', { headers, data: { shortcut: 'welcome', body: 'Hello {customerFirstName}, I am {agentName}. How can I help you today?' } });
  expect(reply.status()).toBe(201);
  const message = await request.post('/api/public/queues/after-hours/messages', {
    data: { email: 'marta.lopez@example.com', message: 'My parcel 7781 never arrived; the tracking page has said "in transit" for two weeks.' },
  });
  expect(message.status()).toBe(201);
  const callback = await request.post('/api/public/queues/after-hours/callbacks', { data: { name: 'Tom Becker', phone: '+49 30 1234 5678', preferredTime: 'Weekdays after 5 pm' } });
  expect(callback.status()).toBe(201);
}

/** The canned reply goes again: e2e/canned.spec.ts counts the replies it finds. */
async function unseed({ request, headers }: Admin): Promise<void> {
  const { replies } = (await (await request.get('/api/admin/canned-replies')).json()) as { replies: { id: string; shortcut: string }[] };
  for (const reply of replies.filter((r) => r.shortcut === 'welcome')) await request.delete(`/api/admin/canned-replies/${reply.id}`, { headers });
}

/** The page does not scroll sideways: nothing is wider than the window. */
async function noSideScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where}: page wider than the window`).toBeLessThanOrEqual(innerWidth);
}

/** The element lies wholly inside the window (a dialog, the composer). */
async function insideWindow(page: Page, element: Locator, where: string): Promise<void> {
  const box = await element.boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${where}: not shown`).not.toBeNull();
  expect(box!.x, `${where}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${where}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${where}: right edge`).toBeLessThanOrEqual(size.width + 0.5);
  expect(box!.y + box!.height, `${where}: bottom edge`).toBeLessThanOrEqual(size.height + 0.5);
}

/** No sideways scroll here and at the smaller phone size (a screenshot there too when named), axe clean, and a screenshot when named. */
async function check(page: Page, where: string, shot?: string, alsoAt?: { width: number; height: number }, alsoShot?: string): Promise<void> {
  await noSideScroll(page, where);
  if (alsoAt) {
    const size = page.viewportSize()!;
    await page.setViewportSize(alsoAt);
    await noSideScroll(page, `${where} at ${alsoAt.width}×${alsoAt.height}`);
    if (alsoShot) await page.screenshot({ path: `${shots}/${alsoShot}.png`, animations: 'disabled' });
    await page.setViewportSize(size);
  }
  expect(await axeViolations(page), where).toEqual([]);
  if (shot) await page.screenshot({ path: `${shots}/${shot}.png`, animations: 'disabled' });
}

const phoneContext = (browser: Browser) => browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });

test('on a phone: one pane at a time, offers always in sight, details behind a button, Back by keyboard, focus where it belongs', async ({ browser }) => {
  const context = await phoneContext(browser);
  const sophie = await context.newPage();
  const customers = await browser.newContext({ viewport: { width: 420, height: 800 } });
  const nadia = await customers.newPage();
  const omar = await (await browser.newContext({ viewport: { width: 420, height: 800 } })).newPage();
  const heading = (name: string) => sophie.getByRole('heading', { name, level: 2 });
  const myChats = heading('My chats');
  const back = sophie.getByRole('button', { name: 'Back to chats' });
  const composer = sophie.getByRole('combobox', { name: 'Message' });

  // Sign-in fits.
  await sophie.goto('/agent');
  await expect(sophie.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await check(sophie, 'sign-in', 'console-phone-01-sign-in', SMALL_PHONE);

  // The list pane; the top bar's status and Sign out fit on one line.
  await agentAvailable(sophie, 'sophie@demo.example');
  await expect(myChats).toBeVisible();
  const topbar = sophie.getByRole('banner');
  await insideWindow(sophie, topbar.getByRole('button', { name: 'Sign out' }), 'Sign out');
  await insideWindow(sophie, topbar.getByRole('button', { name: 'Away' }), 'Away');
  await sophie.setViewportSize(SMALL_PHONE);
  const line = async (name: string) => (await topbar.getByRole('button', { name }).boundingBox())!.y;
  expect(await line('Sign out'), 'Sign out on the status line at 360 px').toBeCloseTo(await line('Away'), -1);
  await sophie.setViewportSize(PHONE);
  await check(sophie, 'chat list', undefined, SMALL_PHONE);

  // Nadia's offer in the list, with its countdown, Accept and Decline.
  await customerStarts(nadia, 'Nadia', 'Haddad', 'Billing');
  const nadiaOffer = sophie.getByRole('article', { name: 'Chat offer from Nadia Haddad' });
  await expect(nadiaOffer).toBeVisible();
  await expect(nadiaOffer.getByLabel(/seconds left to accept/)).toBeVisible();
  await insideWindow(sophie, nadiaOffer.getByRole('button', { name: 'Decline' }), 'Decline');
  await check(sophie, 'offer in the list', 'console-phone-02-offer', SMALL_PHONE);

  // Accept: the chat takes the screen, its heading takes focus (not the message box: no keyboard popping up).
  await nadiaOffer.getByRole('button', { name: 'Accept' }).click();
  await expect(heading('Nadia Haddad')).toBeFocused();
  await expect(myChats).toBeHidden();
  await expect(back).toBeVisible();
  await nadia.getByRole('textbox', { name: /message/i }).fill('I was charged twice for order 1042');
  await nadia.getByRole('textbox', { name: /message/i }).press('Enter');
  const log = sophie.getByRole('log', { name: 'Transcript' });
  await expect(log.getByText('I was charged twice for order 1042')).toBeVisible();
  // Send by tapping the button: the message goes, focus stays in the message box for the next one.
  await composer.fill('Sorry about that, Nadia. Let me look at order 1042.');
  await sophie.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(nadia.getByText('Sorry about that, Nadia. Let me look at order 1042.')).toBeVisible();
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue('');
  await check(sophie, 'chat', 'console-phone-03-chat', SMALL_PHONE, 'console-phone-03-chat-360x640');

  // The on-screen keyboard takes half the screen (the page is resized for it): the composer stays in sight, at the bottom.
  await sophie.setViewportSize({ width: PHONE.width, height: 360 });
  await composer.fill('Still typing with the keyboard up');
  await insideWindow(sophie, sophie.locator('form.composer'), 'composer with the keyboard up');
  await insideWindow(sophie, sophie.getByRole('button', { name: 'Send', exact: true }), 'Send with the keyboard up');
  await noSideScroll(sophie, 'keyboard up');
  await sophie.screenshot({ path: `${shots}/console-phone-04-keyboard-up.png`, animations: 'disabled' });
  await composer.fill('');
  await sophie.setViewportSize(PHONE);

  // Details: a disclosure under the header with what Nadia entered.
  const details = sophie.getByRole('button', { name: 'Customer details' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const panel = sophie.getByRole('region', { name: 'Customer details' });
  await expect(panel).toContainText('nadia.haddad@example.com');
  await expect(panel).toContainText('Billing');
  await check(sophie, 'details', 'console-phone-05-details', SMALL_PHONE);
  await details.click();
  await expect(panel).toBeHidden();
  // By keyboard: Enter opens it, Escape folds it away and leaves focus on the button.
  await details.focus();
  await sophie.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await sophie.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(details).toBeFocused();

  // Canned replies: the list over the composer stays inside the screen.
  await composer.focus();
  await sophie.keyboard.type('/');
  const canned = sophie.getByRole('listbox', { name: 'Canned replies' });
  await expect(canned.getByRole('option', { name: /\/welcome/ })).toBeVisible();
  await insideWindow(sophie, canned, 'canned replies');
  await check(sophie, 'canned replies', 'console-phone-06-canned-replies', SMALL_PHONE);
  await sophie.keyboard.press('Escape');
  await composer.fill('');

  // An internal note: the composer's other mode fits too.
  await sophie.getByRole('button', { name: 'Internal note' }).click();
  await sophie.getByRole('textbox', { name: 'Internal note' }).fill('Refund already asked for by phone last week.');
  await check(sophie, 'note mode', undefined, SMALL_PHONE);
  await sophie.getByRole('button', { name: 'Add note' }).click();
  await expect(log.getByText('Refund already asked for by phone last week.')).toBeVisible();
  await sophie.getByRole('button', { name: 'Reply', exact: true }).click();

  // Transfer: the dialog fits, Escape closes it and gives focus back to Transfer.
  const transfer = sophie.getByRole('button', { name: 'Transfer the chat with Nadia Haddad' });
  await transfer.click();
  const transferDialog = sophie.getByRole('dialog', { name: 'Transfer chat' });
  await expect(transferDialog.getByRole('group', { name: 'Queues' })).toBeVisible();
  await insideWindow(sophie, transferDialog, 'transfer dialog');
  await check(sophie, 'transfer dialog', 'console-phone-07-transfer', SMALL_PHONE);
  await sophie.setViewportSize(SMALL_PHONE);
  await insideWindow(sophie, transferDialog, 'transfer dialog at 360×640');
  await sophie.setViewportSize(PHONE);
  await sophie.keyboard.press('Escape');
  await expect(transferDialog).toBeHidden();
  await expect(transfer).toBeFocused();

  // Omar's offer comes while Nadia's chat is open: shown over it, countdown and buttons in sight.
  await customerStarts(omar, 'Omar', 'Farouk', 'Sales');
  const omarOffer = sophie.getByRole('article', { name: 'Chat offer from Omar Farouk' });
  await expect(omarOffer).toBeVisible();
  await expect(heading('Nadia Haddad')).toBeVisible();
  await expect(omarOffer.getByLabel(/seconds left to accept/)).toBeVisible();
  await insideWindow(sophie, omarOffer.getByRole('button', { name: 'Accept' }), 'Accept over the chat');
  await check(sophie, 'offer over the chat', 'console-phone-08-offer-over-chat', SMALL_PHONE, 'console-phone-08-offer-over-chat-360x640');
  await omarOffer.getByRole('button', { name: 'Accept' }).click();
  await expect(heading('Omar Farouk')).toBeFocused();
  await expect(omarOffer).toBeHidden();

  // End Omar's chat: the confirmation fits; once ended the list comes back with focus on the next chat, Nadia's.
  await sophie.getByRole('button', { name: 'End chat' }).click();
  const confirm = sophie.getByRole('dialog', { name: 'End the chat with Omar Farouk?' });
  await expect(confirm.getByRole('button', { name: 'Keep chatting' })).toBeFocused();
  await insideWindow(sophie, confirm, 'End chat confirmation');
  await check(sophie, 'End chat confirmation', 'console-phone-09-end-chat-confirm', SMALL_PHONE);
  await confirm.getByRole('button', { name: 'End chat' }).click();
  await expect(omar.getByText(/Sophie has left the chat|left the chat/).first()).toBeVisible();
  await expect(myChats).toBeVisible();
  const nadiaRow = sophie.locator('.sidebar').getByRole('button', { name: /Nadia Haddad/ });
  await expect(nadiaRow).toBeFocused();
  await check(sophie, 'list after End chat', 'console-phone-10-list-after-end', SMALL_PHONE);

  // Keyboard: Enter opens Nadia's chat (its heading focused); Shift+Tab reaches Back; Enter goes back to her row.
  await sophie.keyboard.press('Enter');
  await expect(heading('Nadia Haddad')).toBeFocused();
  await sophie.keyboard.press('Shift+Tab');
  await expect(back).toBeFocused();
  await sophie.keyboard.press('Enter');
  await expect(myChats).toBeVisible();
  await expect(nadiaRow).toBeFocused();

  // Chat history: the list, then a transcript in its place with its own Back.
  await sophie.getByRole('button', { name: 'Chat history' }).click();
  await expect(heading('Chat history')).toBeVisible();
  const past = sophie.getByRole('list', { name: 'Past chats' });
  const omarPast = past.getByRole('button', { name: /Omar Farouk/ });
  await expect(omarPast).toBeVisible();
  await check(sophie, 'history', 'console-phone-11-history', SMALL_PHONE);
  await omarPast.click();
  await expect(sophie.getByRole('heading', { name: 'Omar Farouk', level: 3 })).toBeFocused();
  await expect(past).toBeHidden();
  await check(sophie, 'history transcript', 'console-phone-12-history-transcript', SMALL_PHONE);
  await sophie.getByRole('button', { name: 'Back to past chats' }).click();
  await expect(omarPast).toBeFocused();
  await back.click();
  await expect(sophie.getByRole('button', { name: 'Chat history' })).toBeFocused();

  // Messages & callbacks: each one a card, no table wider than the screen.
  await sophie.getByRole('button', { name: /Messages & callbacks/ }).click();
  await expect(sophie.getByText(/My parcel 7781 never arrived/)).toBeVisible();
  await expect(sophie.getByText('Weekdays after 5 pm')).toBeVisible();
  await check(sophie, 'messages and callbacks', 'console-phone-13-messages-callbacks', SMALL_PHONE);
  await back.click();
  await expect(sophie.getByRole('button', { name: /Messages & callbacks/ })).toBeFocused();

  // End Nadia's chat, the last one in progress: focus goes to the "My chats" heading.
  await nadiaRow.click();
  await sophie.getByRole('button', { name: 'End chat' }).click();
  await sophie.getByRole('dialog', { name: 'End the chat with Nadia Haddad?' }).getByRole('button', { name: 'End chat' }).click();
  await expect(myChats).toBeFocused();
  await check(sophie, 'list with no chat in progress', undefined, SMALL_PHONE);

  await context.close();
  await customers.close();
  await omar.context().close();
});

test('on a tablet: the list beside the chat, the details behind a button, dialogs and every screen fit', async ({ browser }) => {
  const context = await browser.newContext({ viewport: TABLET, isMobile: true, hasTouch: true });
  const sophie = await context.newPage();
  const chloe = await (await browser.newContext({ viewport: { width: 420, height: 800 } })).newPage();
  const heading = (name: string) => sophie.getByRole('heading', { name, level: 2 });

  await sophie.goto('/agent');
  await check(sophie, 'sign-in (tablet)');
  await agentAvailable(sophie, 'sophie@demo.example');
  await customerStarts(chloe, 'Chloe', 'Martin', 'Technical support');
  const offer = sophie.getByRole('article', { name: 'Chat offer from Chloe Martin' });
  await expect(offer.getByLabel(/seconds left to accept/)).toBeVisible();
  await check(sophie, 'offer (tablet)', 'console-tablet-01-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();

  // List and chat side by side; the message box has focus as on a desktop.
  await expect(heading('Chloe Martin')).toBeVisible();
  await expect(heading('My chats')).toBeVisible();
  await expect(sophie.getByRole('combobox', { name: 'Message' })).toBeFocused();
  await expect(sophie.getByRole('button', { name: 'Back to chats' })).toHaveCount(0);
  const details = sophie.getByRole('button', { name: 'Customer details' });
  await details.click();
  await expect(sophie.getByRole('region', { name: 'Customer details' })).toContainText('chloe.martin@example.com');
  await check(sophie, 'chat with details (tablet)', 'console-tablet-02-chat-details');

  await sophie.getByRole('button', { name: 'Transfer the chat with Chloe Martin' }).click();
  const transferDialog = sophie.getByRole('dialog', { name: 'Transfer chat' });
  await expect(transferDialog.getByRole('group', { name: 'Queues' })).toBeVisible();
  await insideWindow(sophie, transferDialog, 'transfer dialog (tablet)');
  await check(sophie, 'transfer dialog (tablet)');
  await sophie.keyboard.press('Escape');

  await sophie.getByRole('button', { name: 'Chat history' }).click();
  await expect(sophie.getByRole('list', { name: 'Past chats' }).getByRole('button', { name: /Nadia Haddad/ })).toBeVisible();
  await sophie.getByRole('list', { name: 'Past chats' }).getByRole('button', { name: /Nadia Haddad/ }).click();
  await expect(sophie.getByRole('heading', { name: 'Nadia Haddad', level: 3 })).toBeVisible();
  await check(sophie, 'history (tablet)', 'console-tablet-03-history');
  await sophie.getByRole('button', { name: /Messages & callbacks/ }).click();
  await expect(sophie.getByText('Weekdays after 5 pm')).toBeVisible();
  await check(sophie, 'messages and callbacks (tablet)', 'console-tablet-04-messages-callbacks');

  // End chat: focus goes to the list's heading (no other chat in progress); the ended chat stays on screen.
  await sophie.locator('.sidebar').getByRole('button', { name: /Chloe Martin/ }).click();
  await sophie.getByRole('button', { name: 'End chat' }).click();
  const confirm = sophie.getByRole('dialog', { name: 'End the chat with Chloe Martin?' });
  await insideWindow(sophie, confirm, 'End chat confirmation (tablet)');
  await confirm.getByRole('button', { name: 'End chat' }).click();
  await expect(heading('My chats')).toBeFocused();
  await expect(sophie.getByText('Chat ended', { exact: true })).toBeVisible();

  // Wider (a desktop): the details are a column again, no button for them.
  await sophie.setViewportSize({ width: 1280, height: 860 });
  await expect(sophie.getByRole('complementary', { name: 'Customer details' })).toContainText('chloe.martin@example.com');
  await expect(details).toHaveCount(0);

  await context.close();
  await chloe.context().close();
});
