/**
 * The console's store: one reducer over everything the server pushes and
 * everything the agent does. Chat events are kept sorted by seq without
 * duplicates, so snapshots, syncs, acks and pushes can arrive in any order.
 */
import type { AgentSnapshot } from '../../src/protocol/events.js';
import type {
  AgentChatView,
  AgentStateView,
  ChatEventView,
  ChatStatus,
  EndedBy,
  LabelledValue,
  MeView,
  OfferView,
  OfflineOfferView,
} from '../../src/protocol/views.js';

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
  events: ChatEventView[];
  /** The agent's own messages not yet acknowledged (or refused). */
  pending: PendingMessage[];
  unread: number;
  /** The customer's name while they type, else null. */
  typingName: string | null;
}

export type ConsoleView = { kind: 'none' } | { kind: 'chat'; chatId: string } | { kind: 'offline' } | { kind: 'history' };

export interface ConsoleState {
  connection: 'connecting' | 'online' | 'reconnecting';
  me: MeView;
  agent: AgentStateView | null;
  offers: OfferView[];
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
  notice: string | null;
}

export type Action =
  | { type: 'connection'; connection: ConsoleState['connection'] }
  | { type: 'snapshot'; snapshot: AgentSnapshot }
  | { type: 'agentState'; state: AgentStateView }
  | { type: 'offer'; offer: OfferView }
  | { type: 'offerGone'; chatId: string }
  | { type: 'offlineOffer'; offer: OfflineOfferView }
  | { type: 'offlineOfferGone'; id: string }
  | { type: 'chatOpened'; chat: AgentChatView; select: boolean }
  | { type: 'chatSynced'; chat: AgentChatView; events: ChatEventView[] }
  | { type: 'event'; event: ChatEventView }
  | { type: 'chatState'; chatId: string; status: ChatStatus; endedBy: ChatEntry['endedBy'] }
  | { type: 'typing'; chatId: string; name: string; typing: boolean }
  | { type: 'select'; view: ConsoleView }
  | { type: 'closeChat'; chatId: string }
  | { type: 'pending'; chatId: string; pending: PendingMessage[] }
  | { type: 'sent'; event: ChatEventView }
  | { type: 'offlineNew' }
  | { type: 'offlineUpdated' }
  | { type: 'notice'; notice: string | null };

export function initialState(me: MeView, dismissed: string[]): ConsoleState {
  return {
    connection: 'connecting',
    me,
    agent: null,
    offers: [],
    offlineOffers: [],
    chats: [],
    view: { kind: 'none' },
    dismissed,
    offlineRevision: 0,
    offlineUnseen: 0,
    notice: null,
  };
}

/**
 * The last seq of the chat held without a hole before it: what to sync after
 * (an event missing from the middle is fetched too; see web/customer/transcript.ts).
 */
export function lastSeq(chat: ChatEntry): number {
  const last = chat.events.at(-1);
  if (!last) return 0;
  if (last.seq === chat.events.length) return last.seq;
  let held = 0;
  for (const e of chat.events) {
    if (e.seq !== held + 1) break;
    held = e.seq;
  }
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

function isCustomerMessage(event: ChatEventView): boolean {
  return event.kind === 'message' && event.author === 'customer';
}

function isSelected(state: ConsoleState, chatId: string): boolean {
  return state.view.kind === 'chat' && state.view.chatId === chatId;
}

/** Apply new events to one chat: drop acknowledged pendings, count unread, stop "typing". */
function withEvents(state: ConsoleState, chat: ChatEntry, incoming: ChatEventView[]): ChatEntry {
  const known = new Set(chat.events.map((e) => e.seq));
  const fresh = incoming.filter((e) => e.chatId === chat.chatId && !known.has(e.seq));
  if (fresh.length === 0) return chat;
  const delivered = new Set(fresh.map((e) => e.clientMsgId).filter((id): id is string => id !== null));
  const customerSpoke = fresh.some(isCustomerMessage);
  return {
    ...chat,
    events: mergeEvents(chat.events, fresh),
    pending: chat.pending.filter((p) => !delivered.has(p.clientMsgId)),
    unread: isSelected(state, chat.chatId) ? 0 : chat.unread + fresh.filter(isCustomerMessage).length,
    typingName: customerSpoke ? null : chat.typingName,
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
    events: mergeEvents([], view.events),
    pending: [],
    unread: 0,
    typingName: null,
  };
}

/** Add a chat, or refresh one we already hold without losing local state. */
function upsertChat(state: ConsoleState, view: AgentChatView, extraEvents: ChatEventView[] = []): ChatEntry[] {
  const existing = state.chats.find((c) => c.chatId === view.chatId);
  if (!existing) return [...state.chats, entryFrom({ ...view, events: mergeEvents(view.events, extraEvents) })];
  const refreshed: ChatEntry = {
    ...existing,
    queueName: view.queueName,
    customerName: view.customerName,
    customerData: view.customerData,
    status: view.status,
    endedBy: view.endedBy,
    typingName: view.status === 'ended' ? null : existing.typingName,
  };
  const merged = withEvents(state, refreshed, [...view.events, ...extraEvents]);
  return state.chats.map((c) => (c.chatId === view.chatId ? merged : c));
}

function updateChat(state: ConsoleState, chatId: string, update: (chat: ChatEntry) => ChatEntry): ConsoleState {
  if (!state.chats.some((c) => c.chatId === chatId)) return state;
  return { ...state, chats: state.chats.map((c) => (c.chatId === chatId ? update(c) : c)) };
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
        view,
        notice: lost ? takenBackNotice(lost) : state.notice,
      };
      for (const chat of snapshot.chats) {
        if (chat.status === 'ended' && state.dismissed.includes(chat.chatId)) continue;
        next = { ...next, chats: upsertChat(next, chat) };
      }
      // After a reload, land on the chat that most likely needs an answer.
      const first = next.chats.find((c) => c.status !== 'ended');
      if (next.view.kind === 'none' && first) next = { ...next, view: { kind: 'chat', chatId: first.chatId } };
      return next;
    }

    case 'agentState':
      return { ...state, agent: action.state };

    case 'offer':
      if (state.chats.some((c) => c.chatId === action.offer.chatId)) return state;
      return {
        ...state,
        offers: [...state.offers.filter((o) => o.chatId !== action.offer.chatId), action.offer],
      };

    case 'offerGone':
      return { ...state, offers: state.offers.filter((o) => o.chatId !== action.chatId) };

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
      const opened = { ...state, chats, offers, dismissed, view };
      return shouldSelect ? updateChat(opened, action.chat.chatId, (c) => ({ ...c, unread: 0 })) : opened;
    }

    case 'chatSynced':
      return { ...state, chats: upsertChat(state, action.chat, action.events) };

    case 'event':
      return updateChat(state, action.event.chatId, (c) => withEvents(state, c, [action.event]));

    case 'chatState': {
      // Back in line (we were disconnected too long): the chat leaves this console for another agent.
      if (action.status === 'queued' || action.status === 'offered') {
        if (!state.chats.some((c) => c.chatId === action.chatId)) return state;
        const chats = state.chats.filter((c) => c.chatId !== action.chatId);
        const view = isSelected(state, action.chatId) ? nextView(chats) : state.view;
        return { ...state, chats, view, notice: takenBackNotice(1) };
      }
      return updateChat(state, action.chatId, (c) => ({
        ...c,
        status: action.status,
        endedBy: action.endedBy,
        typingName: action.status === 'ended' ? null : c.typingName,
      }));
    }

    case 'typing':
      return updateChat(state, action.chatId, (c) => ({
        ...c,
        typingName: action.typing && c.status !== 'ended' ? action.name : null,
      }));

    case 'select': {
      const selected = { ...state, view: action.view };
      if (action.view.kind === 'offline') return { ...selected, offlineUnseen: 0 };
      if (action.view.kind === 'chat') return updateChat(selected, action.view.chatId, (c) => ({ ...c, unread: 0 }));
      return selected;
    }

    case 'closeChat': {
      const chats = state.chats.filter((c) => c.chatId !== action.chatId);
      const view = isSelected(state, action.chatId) ? nextView(chats) : state.view;
      return { ...state, chats, view, dismissed: [...state.dismissed, action.chatId] };
    }

    case 'pending':
      return updateChat(state, action.chatId, (c) => ({ ...c, pending: action.pending }));

    case 'sent':
      return updateChat(state, action.event.chatId, (c) => {
        const delivered = withEvents(state, c, [action.event]);
        return { ...delivered, pending: delivered.pending.filter((p) => p.clientMsgId !== action.event.clientMsgId) };
      });

    case 'offlineNew':
      return {
        ...state,
        offlineRevision: state.offlineRevision + 1,
        offlineUnseen: state.view.kind === 'offline' ? 0 : state.offlineUnseen + 1,
      };

    case 'offlineUpdated':
      return { ...state, offlineRevision: state.offlineRevision + 1 };

    case 'notice':
      return { ...state, notice: action.notice };
  }
}

function takenBackNotice(count: number): string {
  return count === 1
    ? 'A chat went back in line for another agent: your console lost its connection for too long.'
    : `${count} chats went back in line for other agents: your console lost its connection for too long.`;
}

function nextView(chats: ChatEntry[]): ConsoleView {
  const next = chats.find((c) => c.status !== 'ended') ?? chats[0];
  return next ? { kind: 'chat', chatId: next.chatId } : { kind: 'none' };
}
