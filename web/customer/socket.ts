/**
 * The live connection of one chat: Socket.IO on the /customer namespace,
 * authenticated by the chat token, plus the outbox that guarantees no typed
 * message is lost.
 *
 * Guarantees, in order of importance:
 * - Every message the customer sends is written to localStorage first and
 *   removed only when the server acknowledged (or echoed) it, so a reload or
 *   a dropped network resends it; the server de-duplicates by clientMsgId.
 * - Messages go out in the order typed without waiting for each other's ack
 *   (up to outbox.SEND_WINDOW on their way), each naming the one before it,
 *   so the server never stores one ahead of an earlier one. A message that
 *   fails is never overtaken: a temporary failure (rate limited, unavailable,
 *   server error, no answer, offline) is retried with back-off and the later
 *   messages wait; a permanent refusal holds the line until the customer
 *   retries or removes it (rules in web/shared/outbox.ts).
 * - The server's `chat:head` (newest seq) and `resync` (events may have been
 *   missed) trigger a `chat:sync` from the highest seq held.
 * - After every (re)connect the thread is re-synced from the highest seq seen
 *   before anything is (re)sent, so gaps are filled and nothing is shown twice.
 *
 * The UI reads an immutable snapshot and subscribes to changes.
 */
import { io, type Socket } from 'socket.io-client';
import {
  CUSTOMER_NAMESPACE,
  type CustomerClientEvents,
  type CustomerServerEvents,
  type TypingPayload,
} from '../../src/protocol/events.js';
import type { ChatEventView, ChatStateView } from '../../src/protocol/views.js';
import * as outbox from '../shared/outbox.js';
import { newClientMsgId } from '../shared/ids.js';
import { loadOutbox, saveOutbox, type OutboxEntry } from './storage.js';
import { lastSeq, mergeEvents } from './transcript.js';
import { isCurrent } from './chatState.js';
import { type Refusal, refusalText } from './i18n/refusals.js';

/** An outbox entry with its delivery bookkeeping; `held` is set once the server refused it for good. */
export interface PendingMessage extends OutboxEntry, outbox.Delivery {}

export interface ChatSnapshot {
  state: ChatStateView | null;
  events: readonly ChatEventView[];
  /** Typed but not yet acknowledged, oldest first. */
  pending: readonly PendingMessage[];
  connected: boolean;
  /** True once a first sync succeeded, so "Reconnecting…" only shows after a real connection. */
  synced: boolean;
  /** The agent's name while they are typing. */
  agentTyping: string | null;
  /** The server no longer accepts this chat's token (e.g. it was purged). */
  lost: boolean;
}

/** How the first connection went: resumed, refused (token no good), or the server could not be reached. */
export type StartOutcome = 'ok' | 'refused' | 'unreachable';

const ACK_TIMEOUT_MS = 10_000;
const SYNC_RETRY_MS = 3_000;
const RETRY_CONNECT_MS = 3_000;
const TYPING_THROTTLE_MS = 2_000;
const TYPING_IDLE_MS = 3_000;
/** Hide "is typing" if the agent's "stopped" signal got lost. */
const AGENT_TYPING_TTL_MS = 10_000;
/** Connection attempts before a resume gives up and the page carries on without it. */
const RESUME_ATTEMPTS = 3;

type CustomerSocket = Socket<CustomerServerEvents, CustomerClientEvents>;

export class ChatConnection {
  private readonly socket: CustomerSocket;
  private snap: ChatSnapshot = {
    state: null,
    events: [],
    pending: [],
    connected: false,
    synced: false,
    agentTyping: null,
    lost: false,
  };
  private readonly listeners = new Set<() => void>();
  private chatId: string | null = null;
  /** Bumped on every disconnect: acks that belong to an older connection are ignored. */
  private generation = 0;
  /** The generation whose sync has completed; sending waits for it. */
  private readyGeneration = -1;
  /** clientMsgIds sent on this connection whose answer is not in yet. */
  private readonly inFlight = new Set<string>();
  private failedAttempts = 0;
  /** Wakes the outbox when the head's back-off is over. */
  private pumpTimer: ReturnType<typeof setTimeout> | undefined;
  private startResolve: ((outcome: StartOutcome) => void) | null = null;
  private typingSent = false;
  private lastTypingAt = 0;
  private typingIdleTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private syncRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    /** The chat token: the after-chat calls (survey, transcript) and the chat's files (files.ts) send it too. */
    readonly token: string,
    initialState?: ChatStateView,
  ) {
    this.socket = io(CUSTOMER_NAMESPACE, { auth: { token }, autoConnect: false });
    if (initialState) this.applyState(initialState);
    this.wire();
  }

  get snapshot(): ChatSnapshot {
    return this.snap;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects a chat just created: a refusal from here on shows as `lost`. */
  connect(): void {
    this.socket.connect();
  }

  /** Connects a saved chat and resolves once the first sync tells whether it is still ours. */
  start(): Promise<StartOutcome> {
    return new Promise((resolve) => {
      this.startResolve = resolve;
      this.socket.connect();
    });
  }

  /** Queue a message: stored in the outbox at once, shown as "Sending…", sent in order. */
  send(body: string): void {
    const entry: PendingMessage = { ...outbox.fresh(newClientMsgId()), body, at: new Date().toISOString() };
    this.stopTyping();
    this.setPending([...this.snap.pending, entry]);
    this.pump();
  }

  /** An event the customer learned of by HTTP (their file's upload answer): merged like a pushed one. */
  received(event: ChatEventView): void {
    this.addEvents([event]);
  }

  /** The customer asks again for a message the server refused: it goes first, then the ones behind it. */
  retry(clientMsgId: string): void {
    this.setPending(outbox.retried(this.snap.pending, clientMsgId));
    this.pump();
  }

  /** The customer gives up on a refused message: the ones behind it go on. */
  remove(clientMsgId: string): void {
    this.setPending(outbox.delivered(this.snap.pending, [clientMsgId]));
    this.pump();
  }

  /** Ends the chat (also used to leave the line). Resolves with the refusal (id null: no answer came), or null. */
  end(): Promise<Refusal | null> {
    this.stopTyping();
    return new Promise((resolve) => {
      this.socket.timeout(ACK_TIMEOUT_MS).emit('chat:end', {}, (err, result) => {
        if (err) return resolve({ id: null });
        if (!result.ok) {
          // Ending an already-ended chat is what the customer wanted anyway.
          if (result.error.id !== 'chat_ended') return resolve(result.error);
        }
        const state = this.snap.state;
        if (state && state.status !== 'ended') this.applyState({ ...state, status: 'ended', endedBy: 'customer', position: null, estimatedWaitSeconds: null });
        this.sync();
        resolve(null);
      });
    });
  }

  /** Call on every keystroke in the composer: "typing" at most every 2 s, "stopped" after 3 s idle. */
  noteTyping(): void {
    const now = Date.now();
    if (!this.typingSent || now - this.lastTypingAt >= TYPING_THROTTLE_MS) {
      this.emitTyping(true);
      this.lastTypingAt = now;
    }
    clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping(): void {
    clearTimeout(this.typingIdleTimer);
    if (this.typingSent) this.emitTyping(false);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.typingIdleTimer);
    clearTimeout(this.agentTypingTimer);
    clearTimeout(this.syncRetryTimer);
    clearTimeout(this.pumpTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
    this.finishStart('unreachable');
  }

  // ---- internals ----------------------------------------------------------

  private wire(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.failedAttempts = 0;
      this.update({ connected: true, lost: false });
      this.sync();
    });
    s.on('disconnect', (reason) => {
      this.generation++;
      this.inFlight.clear();
      this.typingSent = false;
      clearTimeout(this.agentTypingTimer);
      this.update({ connected: false, agentTyping: null });
      // The server hung up on purpose; the client will not retry by itself. Try
      // once more unless the chat is over: a refusal then shows up as connect_error.
      if (reason === 'io server disconnect' && this.snap.state?.status !== 'ended') {
        setTimeout(() => !this.closed && s.connect(), 1_000);
      }
    });
    s.on('connect_error', (error) => {
      // Not "active" means the server's middleware answered: the client will not retry by itself.
      // It says "unauthorized" for a token it does not know; anything else (e.g. its database
      // is briefly unavailable) is worth another try rather than forgetting the chat.
      if (!s.active) {
        if (error.message === 'unauthorized') return this.refused();
        setTimeout(() => !this.closed && !s.connected && s.connect(), RETRY_CONNECT_MS);
      }
      this.failedAttempts++;
      if (this.startResolve && this.failedAttempts >= RESUME_ATTEMPTS) this.finishStart('unreachable');
    });
    s.on('chat:state', (state) => this.applyState(state));
    s.on('chat:event', (event) => {
      const gap = event.seq > lastSeq(this.snap.events) + 1;
      this.addEvents([event]);
      // A missing seq means an event was lost in transit: fetch what we skipped.
      if (gap) this.sync();
    });
    // The server's newest seq is ahead of ours: an event never reached us.
    s.on('chat:head', ({ chatId, lastSeq: head }) => {
      if ((!this.chatId || chatId === this.chatId) && head > lastSeq(this.snap.events)) this.sync();
    });
    // The bus between nodes was down: anything may have been missed.
    s.on('resync', () => this.sync());
    s.on('typing', (payload: TypingPayload) => {
      if (payload.from !== 'agent') return;
      clearTimeout(this.agentTypingTimer);
      if (payload.typing) {
        this.agentTypingTimer = setTimeout(() => this.update({ agentTyping: null }), AGENT_TYPING_TTL_MS);
      }
      this.update({ agentTyping: payload.typing ? payload.name : null });
    });
  }

  private sync(): void {
    if (!this.socket.connected) return;
    clearTimeout(this.syncRetryTimer);
    const generation = this.generation;
    this.socket.timeout(ACK_TIMEOUT_MS).emit('chat:sync', { afterSeq: lastSeq(this.snap.events) }, (err, result) => {
      if (this.closed || generation !== this.generation) return;
      if (err || !result.ok) {
        if (!err && !result.ok && (result.error.id === 'unauthorized' || result.error.id === 'not_found')) {
          return this.refused();
        }
        this.syncRetryTimer = setTimeout(() => this.sync(), SYNC_RETRY_MS);
        return;
      }
      this.applyState(result.state);
      this.addEvents(result.events);
      const firstOfConnection = this.readyGeneration !== generation;
      this.readyGeneration = generation;
      this.update({ synced: true });
      this.finishStart('ok');
      // A fresh connection: whatever was backing off goes at once.
      if (firstOfConnection) this.setPending(outbox.reconnected(this.snap.pending));
      this.pump();
    });
  }

  private refused(): void {
    if (this.startResolve) return this.finishStart('refused');
    this.update({ lost: true });
  }

  private finishStart(outcome: StartOutcome): void {
    const resolve = this.startResolve;
    this.startResolve = null;
    resolve?.(outcome);
  }

  /**
   * Sends every pending message that may go now (web/shared/outbox.ts: in
   * order, behind no failed one, a window at most), without waiting for the
   * acks of those before it. A failed one is retried after its back-off or
   * held; the messages behind it wait either way.
   */
  private pump(): void {
    clearTimeout(this.pumpTimer);
    if (this.closed || !this.socket.connected || this.readyGeneration !== this.generation) return;
    const plan = outbox.plan(this.snap.pending, this.inFlight, Date.now());
    if (plan.waitMs !== null) this.pumpTimer = setTimeout(() => this.pump(), plan.waitMs);
    for (const { entry, after } of plan.send) this.emitSend(entry, after);
  }

  private emitSend(entry: PendingMessage, after: string | undefined): void {
    const { clientMsgId, body } = entry;
    const generation = this.generation;
    this.inFlight.add(clientMsgId);
    this.socket.timeout(ACK_TIMEOUT_MS).emit('message:send', after ? { clientMsgId, body, after } : { clientMsgId, body }, (err, result) => {
      // A reconnect happened meanwhile: the message is still in the outbox and goes again, in order.
      if (this.closed || generation !== this.generation) return;
      this.inFlight.delete(clientMsgId);
      if (err) {
        // No answer: it may or may not be stored; resending the same clientMsgId is safe.
        this.markFailed(clientMsgId, { id: null });
      } else if (!result.ok) {
        this.markFailed(clientMsgId, result.error);
      } else {
        this.addEvents([result.event]);
      }
      this.pump();
    });
  }

  private markFailed(clientMsgId: string, error: Refusal): void {
    if (!this.snap.pending.some((p) => p.clientMsgId === clientMsgId)) return;
    // A held message shows why in the reader's words (the server's `message` is English).
    const pending = outbox.failed(this.snap.pending, clientMsgId, { id: error.id, message: refusalText(error) }, Date.now());
    if (pending !== this.snap.pending) this.setPending(pending);
  }

  private setPending(pending: PendingMessage[]): void {
    if (this.chatId) saveOutbox(this.chatId, pending);
    this.update({ pending });
  }

  private applyState(state: ChatStateView): void {
    if (!isCurrent(state, this.snap.state)) return;
    if (!this.chatId) {
      // First time we learn which chat this is: pick up what a previous page left unsent.
      this.chatId = state.chatId;
      const stored: PendingMessage[] = loadOutbox(state.chatId).map((e) => ({ ...e, ...outbox.fresh(e.clientMsgId) }));
      const known = new Set(this.snap.pending.map((p) => p.clientMsgId));
      this.setPending([...stored.filter((e) => !known.has(e.clientMsgId)), ...this.snap.pending]);
    }
    const patch: Partial<ChatSnapshot> = { state };
    if (state.status === 'ended') {
      clearTimeout(this.agentTypingTimer);
      clearTimeout(this.typingIdleTimer);
      patch.agentTyping = null;
    }
    this.update(patch);
  }

  private addEvents(incoming: readonly ChatEventView[]): void {
    if (!incoming.length) return;
    const events = mergeEvents(this.snap.events, incoming);
    const patch: Partial<ChatSnapshot> = { events };
    // The agent's message arrived: they are no longer typing it.
    if (incoming.some((e) => e.author === 'agent' && e.kind === 'message')) {
      clearTimeout(this.agentTypingTimer);
      patch.agentTyping = null;
    }
    // Our own message acknowledged or echoed back (e.g. its ack was lost): it is stored, stop
    // resending it. In the same update, so the thread never shows it both stored and pending.
    const mine = incoming.filter((e) => e.author === 'customer' && e.clientMsgId).map((e) => e.clientMsgId!);
    const pending = mine.length ? outbox.delivered(this.snap.pending, mine) : this.snap.pending;
    if (pending.length !== this.snap.pending.length) {
      patch.pending = pending;
      if (this.chatId) saveOutbox(this.chatId, pending);
    }
    this.update(patch);
  }

  private emitTyping(typing: boolean): void {
    this.typingSent = typing;
    // Typing is a hint: never queue it for later delivery.
    // Sent while connected (queued behind a write in flight, never dropped: a volatile hint was lost whenever
    // another packet was being written, so a short burst of typing never showed); skipped while disconnected.
    if (this.socket.connected) this.socket.emit('typing', { typing });
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const listener of this.listeners) listener();
  }
}
