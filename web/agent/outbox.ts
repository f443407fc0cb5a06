/**
 * The agent's outbox: per chat, the messages sent but not yet acknowledged,
 * kept in localStorage (per agent) so a reload or a dropped connection never
 * loses one. They are resent with the same clientMsgId (the server drops
 * duplicates), per chat in the order typed without waiting for each ack (a
 * window at most, each naming the one before it), with the rules of
 * web/shared/outbox.ts: temporary failures back off and retry, a permanent
 * refusal holds that chat's line until the agent retries or discards it.
 * Different chats do not wait for each other.
 */
import type { AgentApi } from './socket.js';
import type { ChatEventView } from '../../src/protocol/views.js';
import * as rules from '../shared/outbox.js';
import type { PendingMessage } from './state.js';

interface Entry extends rules.Delivery {
  body: string;
}

const PREFIX = 'rc_agent_outbox:';

export interface AgentOutboxDeps {
  agentId: string;
  api: () => AgentApi | null;
  /** The chat's pending list changed: mirror it into the store for display. */
  publish: (chatId: string, pending: PendingMessage[]) => void;
  /** The server stored a message: its event goes into the thread. */
  onSent: (event: ChatEventView) => void;
}

export class AgentOutbox {
  private boxes = new Map<string, Entry[]>();
  /** Per chat, the clientMsgIds sent on this connection whose answer is not in yet. */
  private inFlight = new Map<string, Set<string>>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Sending waits until the console has caught up after each (re)connect. */
  private ready = false;
  /** Bumped on every disconnect: answers to an older connection's sends are ignored. */
  private generation = 0;

  constructor(private readonly deps: AgentOutboxDeps) {
    for (const [chatId, entries] of Object.entries(load(deps.agentId))) {
      this.boxes.set(chatId, entries.map((e) => ({ ...rules.fresh(e.clientMsgId), body: e.body })));
    }
  }

  add(chatId: string, clientMsgId: string, body: string): void {
    this.set(chatId, [...this.box(chatId), { ...rules.fresh(clientMsgId), body }]);
    this.pump(chatId);
  }

  retry(chatId: string, clientMsgId: string): void {
    this.set(chatId, rules.retried(this.box(chatId), clientMsgId));
    this.pump(chatId);
  }

  discard(chatId: string, clientMsgId: string): void {
    this.set(chatId, rules.delivered(this.box(chatId), [clientMsgId]));
    this.pump(chatId);
  }

  /** Events seen in any way (push, sync, snapshot): our own echoed messages are stored, stop resending. */
  confirm(events: readonly ChatEventView[]): void {
    const byChat = new Map<string, string[]>();
    for (const e of events) if (e.clientMsgId) byChat.set(e.chatId, [...(byChat.get(e.chatId) ?? []), e.clientMsgId]);
    for (const [chatId, ids] of byChat) {
      const box = this.box(chatId);
      const rest = rules.delivered(box, ids);
      if (rest.length !== box.length) this.set(chatId, rest);
    }
  }

  /** Connected and caught up: everything backing off goes at once, then in order. */
  online(): void {
    this.ready = true;
    for (const chatId of [...this.boxes.keys()]) {
      this.set(chatId, rules.reconnected(this.box(chatId)));
      this.pump(chatId);
    }
  }

  offline(): void {
    this.ready = false;
    this.generation++;
    this.inFlight.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Show every chat's pending list again (the store's chats were just rebuilt from a snapshot). */
  publishAll(): void {
    for (const [chatId, box] of this.boxes) this.deps.publish(chatId, view(box));
  }

  /** Forget outboxes of chats the console no longer holds (closed or gone). */
  keepOnly(chatIds: ReadonlySet<string>): void {
    for (const chatId of [...this.boxes.keys()]) if (!chatIds.has(chatId)) this.set(chatId, []);
  }

  close(): void {
    this.offline();
  }

  private box(chatId: string): Entry[] {
    return this.boxes.get(chatId) ?? [];
  }

  private set(chatId: string, entries: Entry[]): void {
    if (entries === this.boxes.get(chatId)) return;
    if (entries.length) this.boxes.set(chatId, entries);
    else this.boxes.delete(chatId);
    save(this.deps.agentId, this.boxes);
    this.deps.publish(chatId, view(entries));
  }

  private pump(chatId: string): void {
    clearTimeout(this.timers.get(chatId));
    this.timers.delete(chatId);
    const api = this.deps.api();
    if (!this.ready || !api) return;
    const going = this.inFlight.get(chatId) ?? new Set<string>();
    const plan = rules.plan(this.box(chatId), going, Date.now());
    if (plan.waitMs !== null) {
      this.timers.set(
        chatId,
        setTimeout(() => this.pump(chatId), plan.waitMs),
      );
    }
    if (!plan.send.length) return;
    this.inFlight.set(chatId, going);
    const generation = this.generation;
    for (const { entry, after } of plan.send) {
      const { clientMsgId, body } = entry;
      going.add(clientMsgId);
      void api.send(chatId, clientMsgId, body, after).then((result) => {
        // The connection dropped meanwhile: the entry is still in the outbox and goes again, in order, on reconnect.
        if (generation !== this.generation) return;
        going.delete(clientMsgId);
        if (!going.size && this.inFlight.get(chatId) === going) this.inFlight.delete(chatId);
        if (result.ok) {
          this.set(chatId, rules.delivered(this.box(chatId), [clientMsgId]));
          this.deps.onSent(result.event);
        } else if (this.box(chatId).some((e) => e.clientMsgId === clientMsgId)) {
          // socket.ts turns a missing answer into `internal`: temporary, like any server error.
          this.set(chatId, rules.failed(this.box(chatId), clientMsgId, result.error, Date.now()));
        }
        this.pump(chatId);
      });
    }
  }
}

/** The store's view: "sending" (or retrying), "failed" (refused, waiting for the agent) or "waiting" behind it. */
function view(entries: readonly Entry[]): PendingMessage[] {
  return entries.map((e, i) => {
    const label = rules.pendingLabel(entries, i);
    return {
      clientMsgId: e.clientMsgId,
      body: e.body,
      status: label === 'held' ? 'failed' : label === 'blocked' ? 'waiting' : 'sending',
      error: e.held,
    };
  });
}

function load(agentId: string): Record<string, { clientMsgId: string; body: string }[]> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFIX + agentId) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: Record<string, { clientMsgId: string; body: string }[]> = {};
    // Storage is user-editable: keep well-formed entries only.
    for (const [chatId, list] of Object.entries(parsed)) {
      if (!Array.isArray(list)) continue;
      const ok = list.filter(
        (e): e is { clientMsgId: string; body: string } =>
          typeof e === 'object' && e !== null && typeof e.clientMsgId === 'string' && typeof e.body === 'string',
      );
      if (ok.length) out[chatId] = ok.map(({ clientMsgId, body }) => ({ clientMsgId, body }));
    }
    return out;
  } catch {
    return {};
  }
}

function save(agentId: string, boxes: ReadonlyMap<string, readonly Entry[]>): void {
  const slim: Record<string, { clientMsgId: string; body: string }[]> = {};
  for (const [chatId, entries] of boxes) slim[chatId] = entries.map(({ clientMsgId, body }) => ({ clientMsgId, body }));
  try {
    if (boxes.size) localStorage.setItem(PREFIX + agentId, JSON.stringify(slim));
    else localStorage.removeItem(PREFIX + agentId);
  } catch {
    // Storage unavailable or full: the outbox still works for this page's life.
  }
}
