/**
 * Nothing typed is lost or reordered: the customer's outbox across a network
 * cut, a rate limit and a permanent refusal; the agent's draft and outbox
 * across a reload. Screenshots of "Sending…" and "Not sent — Retry" go to
 * test-results/screens/.
 */
import { endOpenChats } from './support/endOpenChats.js';
import { type BrowserContext, expect, type Page, test, type WebSocketRoute } from '@playwright/test';
import { io } from 'socket.io-client';
import { CUSTOMER_NAMESPACE } from '../src/protocol/events.js';
import { CHAT_TOKEN_STORAGE_PREFIX } from '../src/protocol/http.js';
import { MESSAGE_MAX_CHARS } from '../src/protocol/limits.js';

const shots = 'test-results/screens';
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `${shots}/${name}.png`, fullPage, animations: 'disabled' });

// Generous: the CI box may be busy; nothing here asserts speed.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let agentContext: BrowserContext;
let customerContext: BrowserContext;
let agent: Page;
let customer: Page;
/** Error ids seen in the customer's socket frames (acks included). */
const customerErrors: string[] = [];
/** The customer's chat, read from the frames the server sends. */
let customerChatId: string | null = null;
/** While true, the browsers cannot reach the server's Socket.IO endpoint (the page itself still loads). */
let socketBlocked = false;

const agentLog = () => agent.getByRole('log', { name: 'Transcript' });
const customerLog = () => customer.getByRole('log', { name: 'Conversation' });
const customerBox = () => customer.getByRole('textbox', { name: /message/i });

/**
 * The Socket.IO link of one browser context, passed through the test so it can be cut, can lose
 * server frames (to stand for an event lost between nodes) and can have frames injected.
 */
interface Link {
  ws: WebSocketRoute | null;
  /** Server frames matching this are not delivered to the page. */
  drop: RegExp | null;
  dropped: string[];
  /** Server frames matching this are not delivered either, nor counted (the server's own catch-up, while a test injects its own). */
  mute: RegExp | null;
}
const customerLink: Link = { ws: null, drop: null, dropped: [], mute: null };
const agentLink: Link = { ws: null, drop: null, dropped: [], mute: null };
/** The server announces chat heads by itself every few seconds: a page would catch up before the test's own signal. */
const SERVER_HEADS = /^42\/(customer|agent),\["chat:head"/;

async function blockSockets(context: BrowserContext, link: Link, onFrame?: (frame: string) => void) {
  await context.route(/\/socket\.io\//, (route) => (socketBlocked ? route.abort() : route.continue()));
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (socketBlocked) return ws.close();
    link.ws = ws;
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString();
      onFrame?.(text);
      if (link.drop?.test(text)) link.dropped.push(text);
      else if (!link.mute?.test(text)) ws.send(message);
    });
  });
}

/** The event payload of a Socket.IO frame such as `42/customer,["chat:event",{...}]`. */
function framePayload(frame: string): { chatId: string; seq: number } {
  const [, payload] = JSON.parse(frame.slice(frame.indexOf('['))) as [string, { chatId: string; seq: number }];
  return payload;
}

async function say(text: string) {
  await customerBox().fill(text);
  await customerBox().press('Enter');
}

/** Texts of the customer's own messages as shown, in page order (stored and pending). */
async function customerLines(): Promise<string[]> {
  return customerLog().locator('.msg--mine .msg-bubble').allInnerTexts();
}

async function agentLines(prefix: string): Promise<string[]> {
  const all = await agentLog().locator('.msg-bubble').allInnerTexts();
  return all.filter((t) => t.startsWith(prefix));
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  agentContext = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  customerContext = await browser.newContext({ viewport: { width: 480, height: 820 } });
  await blockSockets(agentContext, agentLink);
  await blockSockets(customerContext, customerLink, (frame) => {
    customerChatId ??= /"chatId":"([0-9a-f-]{36})"/.exec(frame)?.[1] ?? null;
    for (const match of frame.matchAll(/"id":"([a-z_]+)"/g)) if (match[1]) customerErrors.push(match[1]);
  });
  agent = await agentContext.newPage();
  customer = await customerContext.newPage();

  await agent.goto('/agent');
  await agent.getByLabel('Email').fill('sophie@demo.example');
  await agent.getByLabel('Password').fill('demo1234');
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.getByRole('button', { name: 'Available' }).click();
  await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');

  await customer.goto('/chat/support');
  await customer.getByLabel('First name').fill('Dora');
  await customer.getByLabel('Last name').fill('Lane');
  await customer.getByLabel('Email').fill('dora@example.com');
  await customer.getByLabel('Nature of inquiry').selectOption('Billing');
  await customer.getByRole('button', { name: 'Send' }).click();
  await agent.getByRole('article').filter({ hasText: 'Dora Lane' }).getByRole('button', { name: 'Accept' }).click();
  await agent.getByLabel('Message').fill('Hi Dora');
  await agent.getByLabel('Message').press('Enter');
  await expect(customerLog().getByText('Hi Dora')).toBeVisible();
});

test.afterAll(async ({ browser, baseURL }) => {
  await agentContext?.close();
  await customerContext?.close();
  // Dora's chat would keep Sophie's seat until her grace ran out, under the next spec's feet.
  await endOpenChats(browser, baseURL!);
});

test('messages typed offline are shown as Sending…, then land once each, in order, when the network is back', async () => {
  await customerContext.setOffline(true);
  await say('Offline A');
  await say('Offline B');
  const pending = customerLog().locator('.msg--pending');
  await expect(pending).toHaveCount(2);
  await expect(pending.getByText('Sending…')).toHaveCount(2);
  await expect(customerLog().getByText('Not sent')).toHaveCount(0);
  await shot(customer, 'delivery-01-customer-sending-offline');

  // Past the first back-off steps: still sending, still in order.
  await customer.waitForTimeout(2_500);
  await expect(pending.getByText('Sending…')).toHaveCount(2);

  await customerContext.setOffline(false);
  await expect(agentLog().getByText('Offline B')).toBeVisible();
  expect(await agentLines('Offline ')).toEqual(['Offline A', 'Offline B']);
  await expect(customerLog().locator('.msg--pending')).toHaveCount(0);
  expect((await customerLines()).filter((t) => t.startsWith('Offline '))).toEqual(['Offline A', 'Offline B']);
});

test('messages sent while the chat is rate limited all arrive, once, in order', async ({ baseURL }) => {
  // The limit is per chat (20 in a burst, then 2 per second, config.ts): a second connection with the
  // same chat token keeps the bucket empty for a few seconds while the page sends, so the page's
  // sends are refused as too fast whatever the speed of this machine.
  const token = await customer.evaluate((prefix) => localStorage.getItem(`${prefix}support`), CHAT_TOKEN_STORAGE_PREFIX);
  expect(token).toBeTruthy();
  const side = io(`${baseURL}${CUSTOMER_NAMESPACE}`, { auth: { token }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    side.once('connect', resolve);
    side.once('connect_error', reject);
  });
  let drained = 0;
  let drainRefused = 0;
  const drain = setInterval(() => {
    drained++;
    side.emit('message:send', { clientMsgId: `drain-${drained}-${Date.now()}`, body: `Drain ${drained}` }, (ack: unknown) => {
      if (JSON.stringify(ack).includes('"rate_limited"')) drainRefused++;
    });
  }, 100);
  try {
    // Only once the bucket is empty (the side connection itself is refused) does the page send:
    // on a fast machine the page's burst would otherwise fit in the bucket's first 20.
    await expect.poll(() => drainRefused, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = customerErrors.filter((id) => id === 'rate_limited').length;
    const count = 8;
    for (let i = 1; i <= count; i++) await say(`Burst ${i}`);
    await expect.poll(() => customerErrors.filter((id) => id === 'rate_limited').length, { timeout: 30_000 }).toBeGreaterThan(before);
    await expect(customerLog().getByText('Sending…').first()).toBeVisible();
    await expect(customerLog().getByText('Not sent')).toHaveCount(0);
    clearInterval(drain);

    await expect(agentLog().getByText(`Burst ${count}`, { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(customerLog().locator('.msg--pending')).toHaveCount(0, { timeout: 15_000 });
    const expected = Array.from({ length: count }, (_, i) => `Burst ${i + 1}`);
    expect(await agentLines('Burst ')).toEqual(expected);
    expect((await customerLines()).filter((t) => t.startsWith('Burst '))).toEqual(expected);
    await expect(customerLog().getByText('Not sent')).toHaveCount(0);
  } finally {
    clearInterval(drain);
    side.close();
  }
});

test('a message the server refuses for good is held as "Not sent — Retry", and the next one waits behind it', async () => {
  // Plant an over-long message (the composer itself cannot produce one) at the head of the outbox,
  // "After refused" behind it, from another page of the site, then come back to the chat.
  expect(customerChatId).toBeTruthy();
  await customer.goto('/healthz');
  await customer.evaluate(
    ([chatId, tooLong]) => {
      const at = new Date().toISOString();
      const entries = [
        { clientMsgId: 'planted-too-long', body: tooLong, at },
        { clientMsgId: 'planted-after-refused', body: 'After refused', at },
      ];
      localStorage.setItem(`rc_outbox:${chatId}`, JSON.stringify(entries));
    },
    [customerChatId, 'x'.repeat(MESSAGE_MAX_CHARS + 1)],
  );
  await customer.goto('/chat/support');

  const held = customerLog().locator('.msg--held');
  await expect(held).toHaveCount(1);
  await expect(held.getByText(/Not sent —/)).toBeVisible();
  await expect(held.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(customerLog().getByText('Waiting for the message above')).toBeVisible();
  // Retrying a message the server will always refuse just refuses it again; it is not overtaken.
  await held.getByRole('button', { name: 'Retry' }).click();
  await expect(customerLog().locator('.msg--held')).toHaveCount(1);
  await customerLog().evaluate((el) => (el.scrollTop = el.scrollHeight));
  // The planted message is 4001 characters long: the window, not the whole page.
  await shot(customer, 'delivery-02-customer-not-sent-retry', false);
  await expect(agentLog().getByText('After refused')).toHaveCount(0);

  await customerLog().locator('.msg--held').getByRole('button', { name: 'Remove' }).click();
  await expect(agentLog().getByText('After refused')).toHaveCount(1);
  await expect(customerLog().locator('.msg--pending')).toHaveCount(0);
  await expect(agentLog().getByText('xxxxxxxxxx')).toHaveCount(0);
});

test('the agent\'s draft survives a reload, and a message sent while cut off is delivered once after reload', async () => {
  const composer = agent.getByLabel('Message');
  await composer.fill('Half-written reply');
  await agent.reload();
  await expect(agent.getByLabel('Message')).toHaveValue('Half-written reply');

  await agentContext.setOffline(true);
  await agent.getByLabel('Message').fill('Sent while offline');
  await agent.getByLabel('Message').press('Enter');
  await expect(agentLog().locator('.msg-pending').getByText('Sending…')).toBeVisible();
  await expect(agent.getByLabel('Message')).toHaveValue('');
  await shot(agent, 'delivery-03-agent-sending-offline');

  // Reload with the server still out of reach, then let the socket through.
  socketBlocked = true;
  await agentContext.setOffline(false);
  await agent.reload();
  await agent.waitForLoadState('load');
  await agent.waitForTimeout(1_000);
  socketBlocked = false;

  await expect(agentLog().getByText('Sent while offline')).toHaveCount(1);
  await expect(agentLog().locator('.msg-pending')).toHaveCount(0);
  await expect(customerLog().getByText('Sent while offline')).toHaveCount(1);
  // Reload again: nothing left to resend, nothing doubled.
  await agent.reload();
  await expect(agentLog().getByText('Sent while offline')).toHaveCount(1);
  await expect(agent.getByLabel('Message')).toHaveValue('');
});

test('an event lost on the way is fetched when the server announces a newer chat:head, or says resync', async () => {
  // The customer's link loses the agent's next messages, as if the node had died before publishing.
  // Pushed events only: the answer to the page's chat:sync carries the same text and must get through.
  customerLink.drop = /^42\/customer,\["chat:event".*Lost on the way/;
  customerLink.mute = SERVER_HEADS;
  await agent.getByLabel('Message').fill('Lost on the way 1');
  await agent.getByLabel('Message').press('Enter');
  await expect.poll(() => customerLink.dropped.length, { timeout: 30_000 }).toBe(1);
  await expect(customerLog().getByText('Lost on the way 1')).toHaveCount(0);
  const { chatId, seq } = framePayload(customerLink.dropped[0]!);
  customerLink.ws!.send(`42/customer,${JSON.stringify(['chat:head', { chatId, lastSeq: seq }])}`);
  await expect(customerLog().getByText('Lost on the way 1')).toHaveCount(1);

  await agent.getByLabel('Message').fill('Lost on the way 2');
  await agent.getByLabel('Message').press('Enter');
  await expect.poll(() => customerLink.dropped.length, { timeout: 30_000 }).toBe(2);
  await expect(customerLog().getByText('Lost on the way 2')).toHaveCount(0);
  customerLink.ws!.send('42/customer,["resync"]');
  await expect(customerLog().getByText('Lost on the way 2')).toHaveCount(1);
  customerLink.drop = null;
  customerLink.mute = null;

  // The same for the agent console.
  agentLink.drop = /^42\/agent,\["chat:event".*Missed by the agent/;
  agentLink.mute = SERVER_HEADS;
  await say('Missed by the agent 1');
  await expect.poll(() => agentLink.dropped.length, { timeout: 30_000 }).toBe(1);
  await expect(agentLog().getByText('Missed by the agent 1')).toHaveCount(0);
  const head = framePayload(agentLink.dropped[0]!);
  agentLink.ws!.send(`42/agent,${JSON.stringify(['chat:head', { chatId: head.chatId, lastSeq: head.seq }])}`);
  await expect(agentLog().getByText('Missed by the agent 1')).toHaveCount(1);

  await say('Missed by the agent 2');
  await expect.poll(() => agentLink.dropped.length, { timeout: 30_000 }).toBe(2);
  await expect(agentLog().getByText('Missed by the agent 2')).toHaveCount(0);
  agentLink.ws!.send('42/agent,["resync"]');
  await expect(agentLog().getByText('Missed by the agent 2')).toHaveCount(1);
  agentLink.drop = null;
  agentLink.mute = null;
});
