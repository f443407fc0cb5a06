/**
 * One measured window inside a load worker: messages offered at a fixed rate,
 * spread round-robin over the worker's chats, half from customers and half
 * from agents. Each message goes as a person's browser sends it: "typing",
 * the message, "stopped typing". Its latency is taken when the OTHER side
 * receives it (never from the sender's echo), on this process's clock, since
 * a chat's two sides live in the same worker.
 */
import { type ChatPair, type Direction, SendRefused } from './clients/chatPair.js';
import { type Histogram, encodeHistogram, newHistogram, recordMillis } from './histogram.js';
import type { WindowRequest, WindowResult } from './messages.js';

const epochNow = () => performance.timeOrigin + performance.now();
const BODY_PADDING = 'Hello, I would like to know where my order is, thanks';

interface InFlight {
  direction: Direction;
  sentAt: number;
  acked: boolean;
  delivered: boolean;
}

/** Receives deliveries for every window of the worker's life; only the running window's messages count. */
export class DeliveryBook {
  private inFlight = new Map<string, InFlight>();
  private histograms: Record<Direction, Histogram> = { customerToAgent: newHistogram(), agentToCustomer: newHistogram() };
  delivered = 0;
  lastDeliveryAt = 0;
  /** Epoch ms of each delivery in this window, in order (a few numbers per message). */
  private deliveryTimes: number[] = [];

  reset(): void {
    this.inFlight.clear();
    this.histograms = { customerToAgent: newHistogram(), agentToCustomer: newHistogram() };
    this.delivered = 0;
    this.lastDeliveryAt = 0;
    this.deliveryTimes = [];
  }

  /** When 99 % of this window's deliveries had arrived: one straggler does not stretch the sustained rate. */
  mostDeliveredAt(): number {
    return this.deliveryTimes[Math.max(0, Math.ceil(this.deliveryTimes.length * 0.99) - 1)] ?? 0;
  }

  sending(clientMsgId: string, direction: Direction): void {
    this.inFlight.set(clientMsgId, { direction, sentAt: performance.now(), acked: false, delivered: false });
  }

  /** Called by the receiving side; a duplicate delivery counts once. */
  deliveredNow = (direction: Direction, clientMsgId: string): void => {
    const entry = this.inFlight.get(clientMsgId);
    if (!entry || entry.delivered || entry.direction !== direction) return;
    recordMillis(this.histograms[direction], performance.now() - entry.sentAt);
    entry.delivered = true;
    this.delivered++;
    this.lastDeliveryAt = epochNow();
    this.deliveryTimes.push(this.lastDeliveryAt);
    if (entry.acked) this.inFlight.delete(clientMsgId);
  };

  acknowledged(clientMsgId: string): void {
    const entry = this.inFlight.get(clientMsgId);
    if (!entry) return;
    entry.acked = true;
    if (entry.delivered) this.inFlight.delete(clientMsgId);
  }

  failed(clientMsgId: string): void {
    this.inFlight.delete(clientMsgId);
  }

  /** Acknowledged and still not delivered. */
  missing(): number {
    let count = 0;
    for (const entry of this.inFlight.values()) if (entry.acked && !entry.delivered) count++;
    return count;
  }

  unsettled(): number {
    let count = 0;
    for (const entry of this.inFlight.values()) if (!entry.acked || !entry.delivered) count++;
    return count;
  }

  encoded(): { customerToAgent: string; agentToCustomer: string } {
    return { customerToAgent: encodeHistogram(this.histograms.customerToAgent), agentToCustomer: encodeHistogram(this.histograms.agentToCustomer) };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runWindow(pairs: ChatPair[], book: DeliveryBook, request: WindowRequest, worker: number, windowNumber: number): Promise<WindowResult> {
  book.reset();
  const total = Math.round(request.ratePerSecond * request.seconds);
  let sent = 0;
  let acknowledged = 0;
  let errors = 0;
  let refused = 0;
  const errorSamples: string[] = [];
  let lastSendAt = 0;
  const startedAt = epochNow();
  const start = performance.now();

  const sendOne = (index: number) => {
    const pair = pairs[index % pairs.length]!;
    // Alternate directions per chat round, so every chat sends both ways.
    const direction: Direction = (index + Math.floor(index / pairs.length)) % 2 === 0 ? 'customerToAgent' : 'agentToCustomer';
    const from = direction === 'customerToAgent' ? 'customer' : 'agent';
    const clientMsgId = `w${worker}-${windowNumber}-${index}`;
    book.sending(clientMsgId, direction);
    pair.typing(from, true);
    pair
      .send(direction, clientMsgId, `${BODY_PADDING} #${index}`)
      .then((ok) => {
        if (!ok) throw new Error('refused');
        acknowledged++;
        book.acknowledged(clientMsgId);
      })
      .catch((error: unknown) => {
        book.failed(clientMsgId);
        if (error instanceof SendRefused && error.shed) return void refused++;
        errors++;
        if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
      });
    pair.typing(from, false);
  };

  // Pacing: every millisecond, send what is due by now, so the offered rate holds even if a tick is late.
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * request.ratePerSecond) + 1);
    while (sent < due) sendOne(sent++);
    lastSendAt = epochNow();
    if (sent < total) await sleep(1);
  }
  const drainUntil = performance.now() + request.drainSeconds * 1000;
  while (performance.now() < drainUntil && (book.unsettled() > 0 || acknowledged + errors + refused < sent)) await sleep(5);
  // A message neither acknowledged nor refused by the end of the drain is an error (its ack may still come, too late).
  const unanswered = sent - acknowledged - errors - refused;
  if (unanswered > 0) {
    errors += unanswered;
    errorSamples.push(`${unanswered} not acknowledged within ${request.drainSeconds} s after the last send`);
  }

  return {
    sent,
    acknowledged,
    delivered: book.delivered,
    lost: book.missing(),
    errors,
    refused,
    errorSamples,
    ...book.encoded(),
    startedAt,
    lastSendAt,
    lastDeliveryAt: book.lastDeliveryAt,
    mostDeliveredAt: book.mostDeliveredAt(),
  };
}
