/**
 * The console's store: one reducer over everything the server pushes and
 * everything the agent does. Chat events are kept sorted by seq without
 * duplicates, so snapshots, syncs, acks and pushes can arrive in any order.
 *
 * A chat holds a window of its log: from its first held event (older ones are
 * paged in on demand, `hasOlder`) to the newest, without holes except while a
 * sync is on its way. Applying the next event costs O(1): it is pushed onto
 * the chat's events array in place, because a chat's array belongs to its
 * newest entry. Entries are new objects on every change and stay the same
 * object otherwise, so compare entries (memo), never event arrays.
 */
import type { AgentSnapshot } from '../../src/protocol/events.js';
import type { ChatNoteView } from '../../src/protocol/staffNotes.js';
import type { WhisperView } from '../../src/protocol/supervisor.js';
import type {
  AgentChatHeader,
  AgentChatView,
  AgentStateView,
  ChatEventView,
  ChatStatus,
  EndedBy,
  LabelledValue,
  MeView,
  OfferView,
  OfflineOfferView,
  TransferNoteView,
} from '../../src/protocol/views.js';
import type { TransferView } from '../../src/protocol/transfers.js';
import { TRANSFER_WORDS } from './transferWords.js';
import { CONSOLE_WORDS } from './consoleWords.js';

/** A mirror of one entry of the agent's outbox (outbox.ts owns the list). */
export interface PendingMessage {
  clientMsgId: string;
  body: string;
  /** sending (or retrying by itself), failed (refused: the agent decides), waiting (behind a failed one). */
  status: 'sending' | 'failed' | 'waiting';
  error: string | null;
}

export interface ChatEntry {
  chatId: string;
  queueName: string;
  customerName: string;
  customerData: LabelledValue[];
  status: ChatStatus;
  endedBy: EndedBy | null;
  /** Ascending by seq, no duplicates: the held window of the log. */
  events: ChatEventView[];
  /** Events older than the first held exist on the server ("Show earlier messages"). */
  hasOlder: boolean;
  /** The agent's own messages not yet acknowledged (or refused). */
  pending: PendingMessage[];
  unread: number;
  /** The customer's name while they type, else null. */
  typingName: string | null;
  /** Who transferred this chat to us (or to our queue) and their note. */
  transferNote: TransferNoteView | null;
  /** A transfer we asked for: waiting for the answer, or refused (with the reason) until dismissed. */
  outgoing: TransferView | null;
  /** The chat's queue lets files be sent: the attach button shows only then. */
  filesAllowed: boolean;
}

export type ConsoleView = { kind: 'none' } | { kind: 'chat'; chatId: string } | { kind: 'offline' } | { kind: 'history' };

export interface ConsoleState {
  connection: 'connecting' | 'online' | 'reconnecting';
  me: MeView;
  agent: AgentStateView | null;
  offers: OfferView[];
  /**
   * Per chat, the state version of the last withdrawal of its offer: an offer no newer arrived late
   * (published by another node than its withdrawal) and is not shown (OfferView.version).
   */
  withdrawnAt: Record<string, number>;
  /** Left messages and callback requests offered to this agent. */
  offlineOffers: OfflineOfferView[];
  chats: ChatEntry[];
  view: ConsoleView;
  /** Ended chats the agent closed; a later snapshot must not bring them back. */
  dismissed: string[];
  /** Bumped on every 'offline:new' so the list reloads. */
  offlineRevision: number;
  /** Offline items that arrived since the agent last opened the list. */
  offlineUnseen: number;
  /** Supervisors' whispers per chat, oldest first: shown to the agent only, inside the transcript. */
  whispers: Record<string, WhisperView[]>;
  /** Staff-only notes per chat, oldest first: shown in the transcript, never sent to the customer. */
  notes: Record<string, ChatNoteView[]>;
  notice: string | null;
  /** How the notice reads: a problem (red, an alert) or good news (green, a status). */
  noticeTone: 'error' | 'success';
}

export type Action =
  | { type: 'connection'; connection: ConsoleState['connection'] }
  | { type: 'snapshot'; snapshot: AgentSnapshot }
  | { type: 'agentState'; state: AgentStateView }
  | { type: 'offer'; offer: OfferView }
  /** An offer goes: the chat's own offer, or with `transferId` that transfer offered to us. */
  | { type: 'offerGone'; chatId: string; transferId?: string; withdrawn?: boolean; version?: number }
  | { type: 'offlineOffer'; offer: OfflineOfferView }
  | { type: 'offlineOfferGone'; id: string }
  | { type: 'chatOpened'; chat: AgentChatView; select: boolean }
  | { type: 'chatSynced'; chat: AgentChatHeader; events: ChatEventView[]; hasOlder: boolean }
  | { type: 'olderLoaded'; chatId: string; events: ChatEventView[]; hasOlder: boolean }
  | { type: 'event'; event: ChatEventView }
  | { type: 'chatState'; chatId: string; status: ChatStatus; endedBy: ChatEntry['endedBy'] }
  | { type: 'typing'; chatId: string; name: string; typing: boolean }
  | { type: 'select'; view: ConsoleView }
  | { type: 'closeChat'; chatId: string }
  | { type: 'pending'; chatId: string; pending: PendingMessage[] }
  | { type: 'sent'; event: ChatEventView }
  | { type: 'offlineNew' }
  | { type: 'offlineUpdated' }
  | { type: 'notice'; notice: string | null }
  | { type: 'whisper'; whisper: WhisperView }
  | { type: 'notes'; notes: readonly ChatNoteView[] }
  /** A transfer we asked for changed (asked, accepted, refused); accepted: the chat leaves this console. */
  | { type: 'transferUpdated'; transfer: TransferView }
  | { type: 'transferDismissed'; chatId: string };

export function initialState(me: MeView, dismissed: string[]): ConsoleState {
  return {
    connection: 'connecting',
    me,
    agent: null,
    offers: [],
    withdrawnAt: {},
    offlineOffers: [],
    chats: [],
    view: { kind: 'none' },
    dismissed,
    offlineRevision: 0,
    offlineUnseen: 0,
    whispers: {},
    notes: {},
    notice: null,
    noticeTone: 'error',
  };
}

/**
 * The last seq of the chat held without a hole after the first held event: what to sync after
 * (an event missing from the middle is fetched too; see web/customer/transcript.ts). O(1) unless
 * the window has a hole.
 */
export function lastSeq(chat: Pick<ChatEntry, 'events'>): number {
  const { events } = chat;
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) return 0;
  if (last.seq - first.seq + 1 === events.length) return last.seq;
  let held = first.seq;
  for (let i = 1; i < events.length && events[i]!.seq === held + 1; i++) held = events[i]!.seq;
  return held;
}

/** Events of both lists, one per seq, ascending. */
export function mergeEvents(current: ChatEventView[], incoming: ChatEventView[]): ChatEventView[] {
  if (incoming.length === 0) return current;
  const bySeq = new Map<number, ChatEventView>();
  for (const event of current) bySeq.set(event.seq, event);
  for (const event of incoming) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Where `seq` is in an ascending list: its index, or the index it would be inserted at (found = false). */
function locate(events: readonly ChatEventView[], seq: number): { index: number; found: boolean } {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const at = events[mid]!.seq;
    if (at === seq) return { index: mid, found: true };
    if (at < seq) low = mid + 1;
    else high = mid;
  }
  return { index: low, found: false };
}

/** A server page as a thread: a copy (the entry will own it), sorted and de-duplicated if it is not already. */
function threadOf(events: readonly ChatEventView[]): ChatEventView[] {
  for (let i = 1; i < events.length; i++) if (events[i]!.seq <= events[i - 1]!.seq) return mergeEvents([], [...events]);
  return events.slice();
}

function isCustomerMessage(event: ChatEventView): boolean {
  return event.kind === 'message' && event.author === 'customer';
}

function isSelected(state: ConsoleState, chatId: string): boolean {
  return state.view.kind === 'chat' && state.view.chatId === chatId;
}

/**
 * Apply new events to one chat: drop acknowledged pendings, count unread, stop "typing".
 * `skipped`: the server left out events before the first incoming one (a bounded answer); unless
 * the thread already reaches them, the held events older than the gap are let go (paged in again on
 * demand) so the thread has no hole that would ask for a sync again and again.
 */
function withEvents(state: ConsoleState, chat: ChatEntry, incoming: readonly ChatEventView[], skipped = false): ChatEntry {
  let events = chat.events;
  let hasOlder = chat.hasOlder;
  // Does `events` still belong to the previous entry too (then only appending in place is allowed)?
  let shared = true;
  if (skipped) {
    let from = Infinity;
    for (const e of incoming) if (e.chatId === chat.chatId && e.seq < from) from = e.seq;
    if (from !== Infinity && from > 1 && !locate(events, from - 1).found) {
      const cut = locate(events, from).index;
      if (cut > 0) {
        events = events.slice(cut);
        shared = false;
      }
      hasOlder = true;
    }
  }
  const fresh: ChatEventView[] = [];
  for (const event of incoming) {
    if (event.chatId !== chat.chatId) continue;
    const last = events[events.length - 1];
    if (!last || event.seq > last.seq) {
      // The common case: the next event, in order. O(1).
      events.push(event);
      fresh.push(event);
      continue;
    }
    const { index, found } = locate(events, event.seq);
    if (found) continue;
    if (shared) {
      events = events.slice();
      shared = false;
    }
    events.splice(index, 0, event);
    fresh.push(event);
  }
  if (fresh.length === 0 && events === chat.events && hasOlder === chat.hasOlder) return chat;
  let pending = chat.pending;
  if (pending.length > 0) {
    const delivered = new Set<string>();
    for (const e of fresh) if (e.clientMsgId !== null) delivered.add(e.clientMsgId);
    if (delivered.size > 0) pending = pending.filter((p) => !delivered.has(p.clientMsgId));
  }
  let customerMessages = 0;
  for (const e of fresh) if (isCustomerMessage(e)) customerMessages++;
  return {
    ...chat,
    events,
    hasOlder,
    pending,
    unread: isSelected(state, chat.chatId) ? 0 : chat.unread + customerMessages,
    typingName: customerMessages > 0 ? null : chat.typingName,
  };
}

export function entryFrom(view: AgentChatView): ChatEntry {
  return {
    chatId: view.chatId,
    queueName: view.queueName,
    customerName: view.customerName,
    customerData: view.customerData,
    status: view.status,
    endedBy: view.endedBy,
    events: threadOf(view.events),
    hasOlder: view.hasOlder,
    pending: [],
    unread: 0,
    typingName: null,
    transferNote: view.transfer ?? null,
    outgoing: null,
    filesAllowed: view.filesAllowed,
  };
}

function sameData(a: readonly { label: string; value: string }[], b: readonly { label: string; value: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.label === b[i]!.label && x.value === b[i]!.value);
}

/** A held chat with the server's header and events, the same object when nothing changed. */
function refreshed(state: ConsoleState, existing: ChatEntry, view: AgentChatView): ChatEntry {
  const sameHeader =
    existing.queueName === view.queueName &&
    existing.customerName === view.customerName &&
    existing.status === view.status &&
    existing.endedBy === view.endedBy &&
    existing.filesAllowed === view.filesAllowed &&
    existing.transferNote?.note === view.transfer?.note &&
    existing.transferNote?.fromName === view.transfer?.fromName &&
    sameData(existing.customerData, view.customerData);
  const header: ChatEntry = sameHeader
    ? existing
    : {
        ...existing,
        queueName: view.queueName,
        customerName: view.customerName,
        customerData: view.customerData,
        status: view.status,
        endedBy: view.endedBy,
        typingName: view.status === 'ended' ? null : existing.typingName,
        transferNote: view.transfer ?? null,
        filesAllowed: view.filesAllowed,
      };
  return withEvents(state, header, view.events, view.hasOlder);
}

/** Add a chat, or refresh one we already hold without losing local state. */
function upsertChat(state: ConsoleState, view: AgentChatView): ChatEntry[] {
  const index = state.chats.findIndex((c) => c.chatId === view.chatId);
  if (index < 0) return [...state.chats, entryFrom(view)];
  const existing = state.chats[index]!;
  const next = refreshed(state, existing, view);
  if (next === existing) return state.chats;
  const chats = state.chats.slice();
  chats[index] = next;
  return chats;
}

/** Changes one chat; the state (and every other chat) stays the same object when the update changes nothing. */
function updateChat(state: ConsoleState, chatId: string, update: (chat: ChatEntry) => ChatEntry): ConsoleState {
  const index = state.chats.findIndex((c) => c.chatId === chatId);
  if (index < 0) return state;
  const chat = state.chats[index]!;
  const next = update(chat);
  if (next === chat) return state;
  const chats = state.chats.slice();
  chats[index] = next;
  return { ...state, chats };
}

const read = (chat: ChatEntry): ChatEntry => (chat.unread === 0 ? chat : { ...chat, unread: 0 });

/** Whispers (or notes) added per chat, one per id, in the order they were written; the same object when nothing is new. */
export function withWhispers<T extends { id: string; chatId: string; at: string }>(current: Record<string, T[]>, incoming: readonly T[]): Record<string, T[]> {
  let next = current;
  for (const whisper of incoming) {
    const list = next[whisper.chatId] ?? [];
    if (list.some((w) => w.id === whisper.id)) continue;
    const merged = [...list, whisper].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    next = { ...next, [whisper.chatId]: merged };
  }
  return next;
}

export function reducer(state: ConsoleState, action: Action): ConsoleState {
  switch (action.type) {
    case 'connection':
      return { ...state, connection: action.connection };

    case 'snapshot': {
      const { snapshot } = action;
      // A chat we held open that the snapshot no longer lists was taken back while we were away
      // (presence expired, it went back in line for another agent): it is not ours any more.
      const listed = new Set(snapshot.chats.map((c) => c.chatId));
      const kept = state.chats.filter((c) => c.status === 'ended' || listed.has(c.chatId));
      const view = state.view.kind === 'chat' && !kept.some((c) => isSelected(state, c.chatId)) ? nextView(kept) : state.view;
      const lost = state.chats.length - kept.length;
      let next: ConsoleState = {
        ...state,
        me: snapshot.me,
        agent: snapshot.state,
        offers: snapshot.offers,
        offlineOffers: snapshot.offlineOffers,
        chats: kept,
        whispers: withWhispers(state.whispers, snapshot.whispers ?? []),
        notes: withWhispers(state.notes, snapshot.notes ?? []),
        view,
        notice: lost ? CONSOLE_WORDS.takenBack(lost) : state.notice,
        noticeTone: lost ? 'error' : state.noticeTone,
      };
      const dismissed = new Set(state.dismissed);
      const chats = kept.slice();
      const indexOf = new Map(chats.map((c, i) => [c.chatId, i]));
      for (const chat of snapshot.chats) {
        if (chat.status === 'ended' && dismissed.has(chat.chatId)) continue;
        const index = indexOf.get(chat.chatId);
        if (index === undefined) {
          indexOf.set(chat.chatId, chats.length);
          chats.push(entryFrom(chat));
        } else {
          chats[index] = refreshed(next, chats[index]!, chat);
        }
      }
      // Transfers we asked for that still wait for an answer show on their chats again.
      const waiting = new Map((snapshot.transfers ?? []).map((t) => [t.chatId, t]));
      for (let i = 0; i < chats.length; i++) {
        const chat = chats[i]!;
        const outgoing = waiting.get(chat.chatId) ?? (chat.outgoing?.state === 'refused' ? chat.outgoing : null);
        if (outgoing !== chat.outgoing) chats[i] = { ...chat, outgoing };
      }
      next = { ...next, chats };
      // After a reload, land on the chat that most likely needs an answer.
      const first = next.chats.find((c) => c.status !== 'ended');
      if (next.view.kind === 'none' && first) next = { ...next, view: { kind: 'chat', chatId: first.chatId } };
      return { ...next, chats: markShownRead(next.chats, next.view) };
    }

    case 'agentState':
      return { ...state, agent: action.state };

    case 'offer': {
      if (state.chats.some((c) => c.chatId === action.offer.chatId)) return state;
      const { chatId, version } = action.offer;
      const withdrawn = state.withdrawnAt[chatId];
      if (version !== undefined && withdrawn !== undefined && version <= withdrawn) return state;
      return {
        ...state,
        offers: [...state.offers.filter((o) => o.chatId !== action.offer.chatId), action.offer],
      };
    }

    case 'offerGone': {
      const gone = state.offers.find((o) => o.chatId === action.chatId && o.transferId === action.transferId);
      const offers = state.offers.filter((o) => o !== gone);
      // The newest withdrawal counts: an older one may come late too (the timeout's, after the end's).
      if (action.version !== undefined && action.version > (state.withdrawnAt[action.chatId] ?? -1)) {
        state = { ...state, withdrawnAt: { ...state.withdrawnAt, [action.chatId]: action.version } };
      }
      // The sender took back a transfer offered to us: say so, rather than let the offer just vanish.
      if (action.withdrawn && gone?.transfer) return { ...state, offers, notice: TRANSFER_WORDS.withdrawnBy(gone.transfer.fromName, gone.customerName), noticeTone: 'error' };
      return { ...state, offers };
    }

    case 'offlineOffer':
      return { ...state, offlineOffers: [...state.offlineOffers.filter((o) => o.item.id !== action.offer.item.id), action.offer] };

    case 'offlineOfferGone':
      return { ...state, offlineOffers: state.offlineOffers.filter((o) => o.item.id !== action.id) };

    case 'chatOpened': {
      const chats = upsertChat(state, action.chat);
      const offers = state.offers.filter((o) => o.chatId !== action.chat.chatId);
      const dismissed = state.dismissed.filter((id) => id !== action.chat.chatId);
      const shouldSelect = action.select || state.view.kind === 'none';
      const view: ConsoleView = shouldSelect ? { kind: 'chat', chatId: action.chat.chatId } : state.view;
      // A chat accepted (an offer, a transfer) brings the notes staff wrote on it before.
      const opened = { ...state, chats, offers, dismissed, view, notes: withWhispers(state.notes, action.chat.notes ?? []) };
      return shouldSelect ? updateChat(opened, action.chat.chatId, read) : opened;
    }

    case 'chatSynced': {
      const chats = upsertChat(state, { ...action.chat, events: action.events, hasOlder: action.hasOlder });
      return chats === state.chats ? state : { ...state, chats };
    }

    case 'olderLoaded':
      return updateChat(state, action.chatId, (c) => {
        const first = c.events[0];
        const older = action.events.filter((e) => e.chatId === c.chatId && (!first || e.seq < first.seq));
        if (older.length === 0) return c.hasOlder === action.hasOlder ? c : { ...c, hasOlder: action.hasOlder };
        return { ...c, events: mergeEvents(older, c.events), hasOlder: action.hasOlder };
      });

    case 'event':
      return updateChat(state, action.event.chatId, (c) => withEvents(state, c, [action.event]));

    case 'chatState': {
      // Back in line (we were disconnected too long): the chat leaves this console for another agent.
      if (action.status === 'queued' || action.status === 'offered') {
        if (!state.chats.some((c) => c.chatId === action.chatId)) return state;
        const chats = state.chats.filter((c) => c.chatId !== action.chatId);
        const view = isSelected(state, action.chatId) ? nextView(chats) : state.view;
        return { ...state, chats: markShownRead(chats, view), view, notice: CONSOLE_WORDS.takenBack(1), noticeTone: 'error' };
      }
      return updateChat(state, action.chatId, (c) => ({
        ...c,
        status: action.status,
        endedBy: action.endedBy,
        typingName: action.status === 'ended' ? null : c.typingName,
      }));
    }

    case 'typing':
      return updateChat(state, action.chatId, (c) => {
        const typingName = action.typing && c.status !== 'ended' ? action.name : null;
        return typingName === c.typingName ? c : { ...c, typingName };
      });

    case 'select': {
      const selected = { ...state, view: action.view };
      if (action.view.kind === 'offline') return { ...selected, offlineUnseen: 0 };
      if (action.view.kind === 'chat') return updateChat(selected, action.view.chatId, read);
      return selected;
    }

    case 'closeChat': {
      const chats = state.chats.filter((c) => c.chatId !== action.chatId);
      const view = isSelected(state, action.chatId) ? nextView(chats) : state.view;
      return { ...state, chats: markShownRead(chats, view), view, dismissed: [...state.dismissed, action.chatId] };
    }

    case 'pending':
      return updateChat(state, action.chatId, (c) => ({ ...c, pending: action.pending }));

    case 'sent':
      return updateChat(state, action.event.chatId, (c) => {
        const delivered = withEvents(state, c, [action.event]);
        const { clientMsgId } = action.event;
        if (!delivered.pending.some((p) => p.clientMsgId === clientMsgId)) return delivered;
        return { ...delivered, pending: delivered.pending.filter((p) => p.clientMsgId !== clientMsgId) };
      });

    case 'offlineNew':
      return {
        ...state,
        offlineRevision: state.offlineRevision + 1,
        offlineUnseen: state.view.kind === 'offline' ? 0 : state.offlineUnseen + 1,
      };

    case 'offlineUpdated':
      return { ...state, offlineRevision: state.offlineRevision + 1 };

    case 'whisper': {
      const whispers = withWhispers(state.whispers, [action.whisper]);
      return whispers === state.whispers ? state : { ...state, whispers };
    }

    case 'notes': {
      const notes = withWhispers(state.notes, action.notes);
      return notes === state.notes ? state : { ...state, notes };
    }

    case 'notice':
      return { ...state, notice: action.notice, noticeTone: 'error' };

    case 'transferUpdated': {
      const { transfer } = action;
      if (transfer.state !== 'accepted') return updateChat(state, transfer.chatId, (c) => ({ ...c, outgoing: transfer }));
      // Handed over: the chat is the receiver's now (or waits in the other queue's line).
      if (!state.chats.some((c) => c.chatId === transfer.chatId)) return state;
      const chats = state.chats.filter((c) => c.chatId !== transfer.chatId);
      const view = isSelected(state, transfer.chatId) ? nextView(chats) : state.view;
      return { ...state, chats: markShownRead(chats, view), view, notice: TRANSFER_WORDS.handedOver(transfer.to.name), noticeTone: 'success' };
    }

    case 'transferDismissed':
      return updateChat(state, action.chatId, (c) => (c.outgoing ? { ...c, outgoing: null } : c));
  }
}

/** The chat on screen is read: one opened because the open one left must not keep its unread badge. */
function markShownRead(chats: ChatEntry[], view: ConsoleView): ChatEntry[] {
  return view.kind === 'chat' ? chats.map((c) => (c.chatId === view.chatId ? read(c) : c)) : chats;
}

function nextView(chats: ChatEntry[]): ConsoleView {
  const next = chats.find((c) => c.status !== 'ended') ?? chats[0];
  return next ? { kind: 'chat', chatId: next.chatId } : { kind: 'none' };
}
