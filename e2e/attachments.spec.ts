/**
 * Files in a chat, in the browser (issue 11): the customer sends an image and a PDF with the attach
 * button, reached and opened by keyboard; Sophie sees the image's preview and the PDF's link and
 * sends a GIF back; the customer opens it full size (Escape closes it). An SVG dressed as a PNG is
 * refused with the reason shown. With files turned off for the queue, neither the console nor the
 * customer page shows an attach button. Every screen passes axe. Screenshots: docs/screenshots/attach-*.png.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { endOpenChats } from './support/endOpenChats.js';
import { agentAvailable, axeViolations, customerStarts, signIn } from './support/people.js';

const shots = 'docs/screenshots';
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let sophie: Page;
let customer: Page;
const contexts: BrowserContext[] = [];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const customerLog = () => customer.getByRole('log', { name: 'Conversation' });
const agentLog = () => sophie.getByRole('log', { name: 'Transcript' });

/** A picture with something in it, so the screenshots show a real preview. */
function picture(width: number, height: number, format: 'png' | 'gif'): Promise<Buffer> {
  const drawing = `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#2563eb"/><rect x="${width / 8}" y="${height * 0.75}" width="${width * 0.75}" height="${height / 10}" fill="#f59e0b"/></svg>`;
  const image = sharp({ create: { width, height, channels: 3, background: '#dbeafe' } }).composite([{ input: Buffer.from(drawing) }]);
  return (format === 'png' ? image.png() : image.gif()).toBuffer();
}

/** Picks a file through the page's own picker, opened from a focused button with Enter. */
async function pickByKeyboard(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  await chooser.setFiles(file);
}

test.beforeAll(async ({ browser }) => {
  const agentContext = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  const customerContext = await browser.newContext({ viewport: { width: 480, height: 820 } });
  contexts.push(agentContext, customerContext);
  sophie = await agentContext.newPage();
  customer = await customerContext.newPage();
});

test.afterAll(async ({ browser, baseURL }) => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await endOpenChats(browser, baseURL!);
});

test('the admin sees the attachments switch and size limit in General Settings', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  contexts.push(context);
  const admin = await context.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Support' }).click();
  const toggle = admin.getByLabel('Customers and agents can send files');
  await expect(toggle).toBeChecked();
  await expect(admin.getByLabel('Largest file (MB)')).toHaveValue('5');
  await admin.getByLabel('Largest file (MB)').fill('0');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.locator('#gs-attachmentMaxMegabytes-error')).toHaveText('At least 1 MB.');
  await admin.getByLabel('Largest file (MB)').fill('5');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText('Saved')).toBeVisible();
  expect(await axeViolations(admin)).toEqual([]);
  await admin.getByLabel('Largest file (MB)').scrollIntoViewIfNeeded();
  await admin.screenshot({ path: `${shots}/attach-01-admin-settings.png`, animations: 'disabled' });
});

test('the customer sends an image and a PDF; Sophie sees the preview and the link', async () => {
  await agentAvailable(sophie, 'sophie@demo.example');
  await customerStarts(customer, 'Ann', 'Attach', 'Billing');
  await sophie.getByRole('article', { name: 'Chat offer from Ann Attach' }).getByRole('button', { name: 'Accept' }).click();
  await expect(customer.getByText('Sophie has joined the chat')).toBeVisible();

  // The attach button comes just before the message box: one Shift+Tab from it, named, and Enter opens the picker.
  await customer.getByRole('textbox', { name: 'Type your message' }).focus();
  await customer.keyboard.press('Shift+Tab');
  await expect(customer.getByRole('button', { name: 'Attach a file' })).toBeFocused();
  await pickByKeyboard(customer, { name: 'broken-screen.png', mimeType: 'image/png', buffer: await picture(900, 600, 'png') });
  const mine = customerLog().getByRole('button', { name: 'Open broken-screen.png full size' });
  await expect(mine.locator('img')).toHaveJSProperty('complete', true);
  await expect.poll(() => mine.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

  await customer.getByRole('button', { name: 'Attach a file' }).focus();
  await pickByKeyboard(customer, { name: 'invoice-1042.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(customerLog().getByRole('button', { name: 'Download invoice-1042.pdf' })).toBeVisible();

  const preview = agentLog().getByRole('link', { name: 'Open broken-screen.png full size (new tab)' });
  await expect(preview).toHaveAttribute('href', /^\/api\/attachments\/[0-9a-f-]{36}$/);
  await expect.poll(() => preview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  const pdfLink = agentLog().getByRole('link', { name: /^Download invoice-1042\.pdf, 1 KB$/ });
  await expect(pdfLink).toHaveAttribute('download', 'invoice-1042.pdf');
  // The full file, as the link serves it: sandboxed, never sniffed.
  const full = await sophie.request.get((await preview.getAttribute('href'))!);
  expect(full.headers()['content-type']).toBe('image/png');
  expect(full.headers()['x-content-type-options']).toBe('nosniff');
  expect(full.headers()['content-security-policy']).toMatch(/^sandbox;/);
  // Kept by the browser: a file never changes under its id.
  expect(full.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
  expect(full.headers()['etag']).toBeTruthy();
});

test('Sophie sends a GIF back; the customer opens it full size and closes it with Escape', async () => {
  await sophie.getByRole('button', { name: 'Attach a file' }).focus();
  await pickByKeyboard(sophie, { name: 'how-to-reset.gif', mimeType: 'image/gif', buffer: await picture(480, 320, 'gif') });
  await expect(agentLog().getByRole('link', { name: 'Open how-to-reset.gif full size (new tab)' })).toBeVisible();
  const theirs = customerLog().getByRole('button', { name: 'Open how-to-reset.gif full size' });
  await expect.poll(() => theirs.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await axeViolations(sophie)).toEqual([]);
  await sophie.screenshot({ path: `${shots}/attach-02-agent-files.png`, animations: 'disabled' });
  expect(await axeViolations(customer)).toEqual([]);
  await customer.screenshot({ path: `${shots}/attach-03-customer-files.png`, animations: 'disabled' });

  await theirs.focus();
  await customer.keyboard.press('Enter');
  const dialog = customer.getByRole('dialog', { name: 'how-to-reset.gif' });
  await expect(dialog.getByRole('img', { name: 'how-to-reset.gif' })).toBeVisible();
  await expect.poll(() => dialog.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  expect(await axeViolations(customer)).toEqual([]);
  await customer.screenshot({ path: `${shots}/attach-04-customer-full-size.png`, animations: 'disabled' });
  await customer.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(theirs).toBeFocused();
});

test('an SVG dressed as a PNG is refused with the reason shown', async () => {
  await customer.getByRole('button', { name: 'Attach a file' }).focus();
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await pickByKeyboard(customer, { name: 'cute-cat.png', mimeType: 'image/png', buffer: svg });
  const alert = customer.getByRole('alert').filter({ hasText: 'cute-cat.png' });
  await expect(alert).toHaveText(/cute-cat\.png was not sent: This file is a document \(SVG or HTML\), not an image, so it cannot be sent\./);
  await expect(customerLog().getByText('cute-cat.png')).toHaveCount(0);
  await expect(agentLog().getByText('cute-cat.png')).toHaveCount(0);
  expect(await axeViolations(customer)).toEqual([]);
  await customer.screenshot({ path: `${shots}/attach-05-customer-refused.png`, animations: 'disabled' });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});

test('with files turned off for the queue, neither Sophie nor the customer has an attach button', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  contexts.push(context);
  const admin = await context.newPage();
  await signIn(admin, '/admin', 'admin@demo.example');
  await admin.getByRole('link', { name: 'Support' }).click();
  const toggle = admin.getByLabel('Customers and agents can send files');
  /** Saves General Settings and waits for the server's answer. */
  const save = async () => {
    const saved = admin.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/general'));
    await admin.getByRole('button', { name: 'Save' }).click();
    expect((await saved).ok()).toBe(true);
  };
  await toggle.uncheck();
  await save();
  try {
    // The console learns the queue's switch with the chat (here on its next load).
    await sophie.reload();
    await expect(agentLog().getByRole('link', { name: 'Open how-to-reset.gif full size (new tab)' })).toBeVisible();
    await expect(sophie.getByLabel('Message')).toBeVisible();
    await expect(sophie.getByRole('button', { name: 'Attach a file' })).toHaveCount(0);
    expect(await axeViolations(sophie)).toEqual([]);
    await sophie.screenshot({ path: `${shots}/attach-06-agent-files-off.png`, animations: 'disabled' });

    await customer.reload();
    await expect(customer.getByRole('textbox', { name: 'Type your message' })).toBeVisible();
    await expect(customerLog().getByRole('button', { name: 'Open how-to-reset.gif full size' })).toBeVisible();
    await expect(customer.getByRole('button', { name: 'Attach a file' })).toHaveCount(0);
  } finally {
    await toggle.check();
    await save();
  }
  await sophie.reload();
  await expect(sophie.getByRole('button', { name: 'Attach a file' })).toBeVisible();
});
