/**
 * The routing load (burst and many-nodes scenarios), in a process of its own:
 *  1. a gate agent (one seat) takes a first chat, so the queue stays staffed
 *     while the measured agents are still Away;
 *  2. drain: `customers` start chats and wait; then every agent goes Available
 *     at once and accepts each offer at once: routing decisions per second with
 *     a line waiting;
 *  3. wave: as many customers as there are seats left start at once, agents
 *     Available: chat start → offer latency, and decisions per second;
 *  4. free seat: every seat is full and customers wait; an agent ends a chat;
 *     time from the end's ack to the next offer reaching that agent;
 *  5. exchange (optional): customers and agents on different nodes send
 *     messages both ways at a rate: delivery percentiles, lost.
 * Agents and customers are spread round-robin over `urls` (one node, or two).
 * Double offers are counted from what the agents' sockets receive: a chat
 * offered to a second agent while still held by another, or an agent holding
 * more chats than its capacity.
 */
import type { Socket } from 'socket.io-client';
import type { ChatEventView, OfferView } from '../../src/protocol/views.js';
import type { Percentiles } from '../contract.js';
import { call, callRetrying, connectAgent, connectCustomer, httpClient, inParallel, signIn, startChat, type HttpClient } from './client.js';
import { AGENT_PASSWORD } from './fixtures.js';
import { latencyRecorder } from './histogram.js';
import type { JobChannel } from './loadProcess.js';

export interface RoutingInput {
  urls: string[];
  slug: string;
  gateEmail: string;
  agents: { email: string; capacity: number }[];
  /** Customers in the waiting line of the drain phase. */
  lineCustomers: number;
  /** Samples of "free seat → next offer". */
  freeSeatSamples: number;
  exchange?: { chats: number; perSecond: number; seconds: number };
}

export interface RoutingResult {
  /** firstOfferSeconds: from the first status:set sent to the first offer received (the rest is the line itself). */
  drain: { chats: number; offered: number; seconds: number; decisionsPerSecond: number; firstOfferSeconds: number };
  wave: { chats: number; offered: number; seconds: number; decisionsPerSecond: number; startToOffer: Percentiles };
  freeSeat: { samples: number; fromAck: Percentiles; fromRequest: Percentiles; offersBeforeAck: number };
  exchange?: {
    crossNodeChats: number;
    offeredPerSecond: number;
    deliveredPerSecond: number;
    sent: number;
    acknowledged: number;
    delivered: number;
    lost: number;
    customerToAgent: Percentiles;
    agentToCustomer: Percentiles;
  };
  doubleOffers: number;
  overCapacity: number;
  offers: number;
  errors: number;
  errorSamples: string[];
  customersConnected: number;
  agentsByNode: number[];
}

interface Agent {
  index: number;
  node: number;
  socket: Socket;
  capacity: number;
  /** Chats offered or accepted and not yet ended, as this socket saw them. */
  held: Set<string>;
  waitForOffer: ((chatId: string, at: number) => void) | null;
}

interface Customer {
  node: number;
  chatId: string;
  socket: Socket | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function routingLoad(input: RoutingInput, channel: JobChannel): Promise<RoutingResult> {
  const http = httpClient(64);
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (error: unknown) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
  };
  const nodeOf = (i: number) => i % input.urls.length;

  // Offers as the agents' sockets see them.
  const holder = new Map<string, Agent>();
  const offerAt = new Map<string, number>();
  let offers = 0;
  let doubleOffers = 0;
  let overCapacity = 0;
  let offersSeen: (() => void) | null = null;

  const release = (agent: Agent, chatId: string) => {
    if (agent.held.delete(chatId) && holder.get(chatId) === agent) holder.delete(chatId);
  };

  async function connectAgentAt(email: string, index: number, capacity: number): Promise<Agent> {
    const url = input.urls[nodeOf(index)]!;
    const socket = await connectAgent(url, await signIn(http, url, email, AGENT_PASSWORD));
    const agent: Agent = { index, node: nodeOf(index), socket, capacity, held: new Set(), waitForOffer: null };
    socket.on('offer', (offer: OfferView) => {
      const at = performance.now();
      offers++;
      const other = holder.get(offer.chatId);
      if (other && other !== agent) doubleOffers++;
      holder.set(offer.chatId, agent);
      agent.held.add(offer.chatId);
      if (agent.held.size > agent.capacity) overCapacity++;
      if (!offerAt.has(offer.chatId)) offerAt.set(offer.chatId, at);
      const waiter = agent.waitForOffer;
      agent.waitForOffer = null;
      waiter?.(offer.chatId, at);
      offersSeen?.();
      callRetrying(socket, 'offer:accept', { chatId: offer.chatId })
        .then((r) => {
          if (!r.ok) {
            release(agent, offer.chatId);
            fail(new Error(`offer:accept refused: ${JSON.stringify(r.error)}`));
          }
        })
        .catch(fail);
    });
    socket.on('offer:withdrawn', ({ chatId }: { chatId: string }) => release(agent, chatId));
    // The end of a chat reaches its agent before a freed seat's next offer (the server's promise).
    socket.on('chat:state', ({ chatId, status }: { chatId: string; status: string }) => {
      if (status === 'ended') release(agent, chatId);
    });
    const snapshot = await callRetrying(socket, 'console:snapshot', {});
    if (!snapshot.ok) throw new Error(`console:snapshot refused for ${email}`);
    return agent;
  }

  const goAvailable = async (agent: Agent) => {
    const r = await callRetrying(agent.socket, 'status:set', { status: 'available' });
    if (!r.ok) throw new Error(`status:set refused: ${JSON.stringify(r.error)}`);
  };

  /**
   * Resolves when `count` offers have reached the agents since `since` (the offer count when the
   * phase began: offers can arrive before the call that started them returns), or after `timeoutMs`;
   * the number that did.
   */
  const untilOffers = async (count: number, timeoutMs: number, since = offers) => {
    const target = since + count;
    const deadline = performance.now() + timeoutMs;
    while (offers < target && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        offersSeen = resolve;
        setTimeout(resolve, 200);
      });
    }
    offersSeen = null;
    return offers - since;
  };

  const customers: Customer[] = [];
  let customerNumber = 0;
  /** A customer starts a chat through the form and connects at once, as the customer page does. */
  const arrive = async (client: HttpClient, onStarted?: (chatId: string) => void): Promise<Customer | null> => {
    const node = nodeOf(customerNumber++);
    const url = input.urls[node]!;
    try {
      const started = await startChat(client, url, input.slug);
      onStarted?.(started.chatId);
      const customer: Customer = { node, chatId: started.chatId, socket: null };
      customers.push(customer);
      customer.socket = await connectCustomer(url, started.token);
      return customer;
    } catch (error) {
      fail(error);
      return null;
    }
  };

  // 1. The gate: one seat, taken, keeps the queue staffed.
  const gate = await connectAgentAt(input.gateEmail, 0, 1);
  await goAvailable(gate);
  const beforeGate = offers;
  await arrive(http);
  await untilOffers(1, 10_000, beforeGate);
  const agents = await Promise.all(input.agents.map((a, i) => connectAgentAt(a.email, i + 1, a.capacity)));
  channel.report('progress', `${agents.length} agents signed in`);

  // 2. Drain: a line waits, then every agent goes Available at once.
  await inParallel(Array.from({ length: input.lineCustomers }), 50, async () => void (await arrive(http)));
  channel.report('progress', `${input.lineCustomers} customers in line`);
  const drainStart = performance.now();
  const drainOffersBefore = offers;
  let lastOfferAt = drainStart;
  let firstOfferAt = 0;
  const stamp = () => {
    lastOfferAt = performance.now();
    if (!firstOfferAt) firstOfferAt = lastOfferAt;
  };
  for (const agent of agents) agent.socket.on('offer', stamp);
  await Promise.all(agents.map((a) => goAvailable(a).catch(fail)));
  // Progress every 10 s while the line drains: a stall shows in the log with how far it got.
  const drainWatch = setInterval(() => channel.report('progress', `line: ${offers - drainOffersBefore} of ${input.lineCustomers} offered so far, ${errors} errors`), 10_000);
  // Counted from before the status changes: under load every offer can land before their acks do
  // (CI saw "0 of 20" and "4 of 20" offered while the progress line said 20 of 20).
  const drained = await untilOffers(input.lineCustomers, 120_000, drainOffersBefore).finally(() => clearInterval(drainWatch));
  for (const agent of agents) agent.socket.off('offer', stamp);
  const drainSeconds = (lastOfferAt - drainStart) / 1000;
  await sleep(500);

  // 3. Wave: the seats left, filled by customers arriving at once.
  const seats = agents.reduce((n, a) => n + a.capacity, 0);
  const waveSize = Math.max(0, seats - input.lineCustomers);
  const sentAt = new Map<string, number>();
  const waveStart = performance.now();
  const waveClient = httpClient(64);
  const offeredBefore = offers;
  await Promise.all(
    Array.from({ length: waveSize }, async () => {
      const t = performance.now();
      await arrive(waveClient, (chatId) => sentAt.set(chatId, t));
    }),
  );
  await untilOffers(waveSize, 60_000, offeredBefore);
  waveClient.destroy();
  const startToOffer = latencyRecorder();
  let waveLast = waveStart;
  let waveOffered = 0;
  for (const [chatId, t] of sentAt) {
    const at = offerAt.get(chatId);
    if (at === undefined) continue;
    waveOffered++;
    waveLast = Math.max(waveLast, at);
    startToOffer.record(at - t);
  }
  const waveSeconds = (waveLast - waveStart) / 1000;
  await sleep(500);

  // 4. Free seat → next offer: every seat full, customers waiting; one agent ends one chat at a time.
  await inParallel(Array.from({ length: input.freeSeatSamples + 2 }), 50, async () => void (await arrive(http)));
  await sleep(300);
  const fromAck = latencyRecorder();
  const fromRequest = latencyRecorder();
  let offersBeforeAck = 0;
  let samples = 0;
  let missedInARow = 0;
  for (let s = 0; s < input.freeSeatSamples; s++) {
    const agent = agents[s % agents.length]!;
    const chatId = [...agent.held][0];
    if (!chatId) continue;
    const nextOffer = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 10_000);
      agent.waitForOffer = (_chat, at) => {
        clearTimeout(timer);
        resolve(at);
      };
    });
    const requested = performance.now();
    const ended = await call<{ ok: boolean; error?: unknown }>(agent.socket, 'chat:leave', { chatId }).catch((e: unknown) => ({ ok: false, error: String(e) }));
    const acked = performance.now();
    if (!ended.ok) {
      agent.waitForOffer = null;
      fail(new Error(`chat:leave refused: ${JSON.stringify(ended.error)}`));
      continue;
    }
    release(agent, chatId);
    const at = await nextOffer;
    if (at === null) {
      fail(new Error('no offer within 10 s of a freed seat'));
      // Nobody is left waiting (customers whose start failed never joined): more samples would each wait 10 s for nothing.
      if (++missedInARow >= 3) break;
      continue;
    }
    missedInARow = 0;
    samples++;
    if (at < acked) offersBeforeAck++;
    fromAck.record(at - acked);
    fromRequest.record(at - requested);
  }

  // 5. Exchange across nodes.
  const exchange = input.exchange ? await exchangeMessages(input.exchange, customers, holder, fail) : undefined;

  const customersConnected = customers.filter((c) => c.socket?.connected).length;
  for (const c of customers) c.socket?.disconnect();
  for (const a of [gate, ...agents]) a.socket.disconnect();
  http.destroy();
  const agentsByNode = input.urls.map((_, n) => [gate, ...agents].filter((a) => a.node === n).length);
  return {
    drain: { chats: input.lineCustomers, offered: drained, seconds: drainSeconds, decisionsPerSecond: drainSeconds > 0 ? drained / drainSeconds : 0, firstOfferSeconds: firstOfferAt ? (firstOfferAt - drainStart) / 1000 : 0 },
    wave: { chats: waveSize, offered: waveOffered, seconds: waveSeconds, decisionsPerSecond: waveSeconds > 0 ? waveOffered / waveSeconds : 0, startToOffer: startToOffer.percentiles() },
    freeSeat: { samples, fromAck: fromAck.percentiles(), fromRequest: fromRequest.percentiles(), offersBeforeAck },
    exchange,
    doubleOffers,
    overCapacity,
    offers,
    errors,
    errorSamples,
    customersConnected,
    agentsByNode,
  };
}

/**
 * Messages both ways between customers and agents on different nodes, at a fixed total rate.
 * The body carries nothing the measure needs: send times are kept here by clientMsgId.
 */
async function exchangeMessages(
  options: NonNullable<RoutingInput['exchange']>,
  customers: Customer[],
  holder: Map<string, Agent>,
  fail: (error: unknown) => void,
): Promise<RoutingResult['exchange']> {
  const pairs = customers
    .map((c) => ({ customer: c, agent: holder.get(c.chatId) }))
    .filter((p): p is { customer: Customer; agent: Agent } => Boolean(p.agent && p.customer.socket?.connected && p.agent.node !== p.customer.node))
    .slice(0, options.chats);
  const customerToAgent = latencyRecorder();
  const agentToCustomer = latencyRecorder();
  const pending = new Map<string, number>();
  let delivered = 0;
  let acknowledged = 0;
  let settled = 0;
  const acked = new Set<string>();
  const arrived = (recorder: typeof customerToAgent) => (event: ChatEventView) => {
    if (event.kind !== 'message' || !event.clientMsgId) return;
    const t = pending.get(event.clientMsgId);
    if (t === undefined) return;
    pending.delete(event.clientMsgId);
    delivered++;
    recorder.record(performance.now() - t);
  };
  const listeners: Array<() => void> = [];
  for (const { customer, agent } of pairs) {
    const toAgent = (event: ChatEventView) => event.author === 'customer' && event.chatId === customer.chatId && arrived(customerToAgent)(event);
    const toCustomer = (event: ChatEventView) => event.author === 'agent' && arrived(agentToCustomer)(event);
    agent.socket.on('chat:event', toAgent);
    customer.socket!.on('chat:event', toCustomer);
    listeners.push(() => {
      agent.socket.off('chat:event', toAgent);
      customer.socket!.off('chat:event', toCustomer);
    });
  }
  const total = pairs.length ? Math.round(options.perSecond * options.seconds) : 0;
  let sent = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    if (!total) return resolve();
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * options.perSecond));
      while (sent < due) {
        const pair = pairs[sent % pairs.length]!;
        const fromCustomer = Math.floor(sent / pairs.length) % 2 === 0;
        const clientMsgId = `x${sent}`;
        sent++;
        pending.set(clientMsgId, performance.now());
        // A send the node sheds (unavailable, rate_limited) is sent again with the same clientMsgId, as
        // the customer page's and the console's outboxes do; only a real refusal or no answer is an error.
        const reply = fromCustomer
          ? callRetrying(pair.customer.socket!, 'message:send', { clientMsgId, body: 'How can I change my plan?' })
          : callRetrying(pair.agent.socket, 'message:send', { chatId: pair.customer.chatId, clientMsgId, body: 'Open Settings, then Plan.' });
        reply
          .then((r) => {
            if (r.ok) {
              acknowledged++;
              acked.add(clientMsgId);
            } else fail(new Error(`message:send refused: ${JSON.stringify(r)}`));
          })
          .catch(fail)
          .finally(() => settled++);
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const sendSeconds = (performance.now() - start) / 1000;
  // Every send answered (a call gives up after 30 s), and every acknowledged message arrived; what
  // has not arrived 30 s after its acknowledgement is lost.
  const deadline = performance.now() + 60_000;
  while ((settled < sent || [...acked].some((id) => pending.has(id))) && performance.now() < deadline) await sleep(50);
  for (const off of listeners) off();
  const lost = [...acked].filter((id) => pending.has(id)).length;
  const unanswered = sent - settled;
  if (unanswered) fail(new Error(`${unanswered} message:send calls still unanswered 60 s after the last send`));
  return {
    crossNodeChats: pairs.length,
    offeredPerSecond: sendSeconds > 0 ? sent / sendSeconds : 0,
    deliveredPerSecond: sendSeconds > 0 ? delivered / sendSeconds : 0,
    sent,
    acknowledged,
    delivered,
    lost,
    customerToAgent: customerToAgent.percentiles(),
    agentToCustomer: agentToCustomer.percentiles(),
  };
}
