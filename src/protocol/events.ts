/**
 * Socket.IO event maps. Customers connect to the `/customer` namespace with
 * `auth: { token }` (the chat token returned when the chat was started).
 * Agents connect to `/agent`; the session cookie authenticates them.
 * Every client→server event takes an acknowledgement callback receiving a Result.
 */
import type { Result } from './errors.js';
import type {
  AgentChatHeader,
  AgentChatView,
  AgentStateView,
  ChatEventView,
  ChatStateView,
  ChatStatus,
  EndedBy,
  MeView,
  OfferView,
  OfflineItemView,
  OfflineOfferView,
} from './views.js';
import type { ChatNoteView } from './staffNotes.js';
import type { WhisperView } from './supervisor.js';
import type { TransferRequest, TransferTargetsView, TransferView } from './transfers.js';

export type Ack<T extends object = object> = (result: Result<T>) => void;

export const CUSTOMER_NAMESPACE = '/customer';
export const AGENT_NAMESPACE = '/agent';

export interface TypingPayload {
  chatId: string;
  from: 'customer' | 'agent';
  name: string;
  typing: boolean;
}

/**
 * The newest seq of a chat, announced by the server so that a receiver that
 * missed an event (its node died between storing and publishing it, or the
 * bus was down) notices the gap and calls `chat:sync`.
 */
export interface ChatHeadPayload {
  chatId: string;
  lastSeq: number;
}

export interface CustomerServerEvents {
  'chat:state': (state: ChatStateView) => void;
  'chat:event': (event: ChatEventView) => void;
  typing: (payload: TypingPayload) => void;
  'chat:head': (payload: ChatHeadPayload) => void;
  /** Events may have been missed (the bus between nodes was down): sync from the last seq held. */
  resync: () => void;
}

export interface CustomerClientEvents {
  /**
   * Store the message once per clientMsgId; the ack carries its sequence number. `after`: the
   * previous message still unacknowledged when this one went out; refused `out_of_order` until that one is stored.
   */
  'message:send': (input: { clientMsgId: string; body: string; after?: string }, ack: Ack<{ event: ChatEventView }>) => void;
  typing: (input: { typing: boolean }) => void;
  /** Everything after `afterSeq`, plus the current state. Call after every (re)connect. */
  'chat:sync': (input: { afterSeq: number }, ack: Ack<{ state: ChatStateView; events: ChatEventView[] }>) => void;
  'chat:end': (input: Record<string, never>, ack: Ack) => void;
}

export interface AgentServerEvents {
  'agent:state': (state: AgentStateView) => void;
  offer: (offer: OfferView) => void;
  /** `transferId`: the transfer offered to this agent goes (the chat itself may be offered to them apart). */
  /** `version`: the chat's state version after the change that withdrew it (OfferView.version). */
  'offer:withdrawn': (input: { chatId: string; transferId?: string; reason?: 'withdrawn'; version?: number }) => void;
  'chat:opened': (chat: AgentChatView) => void;
  'chat:event': (event: ChatEventView) => void;
  'chat:state': (input: { chatId: string; status: ChatStatus; endedBy: EndedBy | null }) => void;
  typing: (payload: TypingPayload) => void;
  'offline:new': (item: OfflineItemView) => void;
  /** An item was answered (by this or another agent of the client). */
  'offline:updated': (item: OfflineItemView) => void;
  /** A left message or callback request offered to this agent (queue open, a seat free, no chat waiting). */
  'offline:offer': (offer: OfflineOfferView) => void;
  'offline:withdrawn': (input: { id: string }) => void;
  'chat:head': (payload: ChatHeadPayload) => void;
  /** A supervisor's note on one of the agent's chats: for the agent only, never the customer. */
  'chat:whisper': (whisper: WhisperView) => void;
  /** A staff-only note on one of the agent's chats (by them, a supervisor or an admin): never the customer's. */
  'chat:note': (note: ChatNoteView) => void;
  /** An admin changed the client's canned replies: load them again (GET /api/agent/canned-replies). */
  'canned:changed': () => void;
  /** To the sender: their transfer was accepted or refused (src/protocol/transfers.ts). */
  'transfer:updated': (transfer: TransferView) => void;
  /** Events may have been missed (the bus between nodes was down): sync every open chat and the snapshot. */
  resync: () => void;
}

export interface AgentSnapshot {
  me: MeView;
  state: AgentStateView;
  offers: OfferView[];
  chats: AgentChatView[];
  offlineOffers: OfflineOfferView[];
  /** Supervisors' whispers on the chats listed, oldest first (absent: none). */
  whispers?: WhisperView[];
  /** Staff-only notes on the chats listed, oldest first (absent: none). */
  notes?: ChatNoteView[];
  /** Transfers this agent asked for that wait for an answer. */
  transfers?: TransferView[];
}

export interface AgentClientEvents {
  /**
   * Offers, state and chats, each chat with its newest page of events; `held` names, per chat the console
   * already shows, the last seq it holds without a hole: those chats carry only the events after it.
   */
  'console:snapshot': (input: { held?: Record<string, number> }, ack: Ack<{ snapshot: AgentSnapshot }>) => void;
  'status:set': (input: { status: 'available' | 'away' }, ack: Ack<{ state: AgentStateView }>) => void;
  'offer:accept': (input: { chatId: string }, ack: Ack<{ chat: AgentChatView }>) => void;
  'offer:decline': (input: { chatId: string }, ack: Ack) => void;
  'message:send': (
    input: { chatId: string; clientMsgId: string; body: string; after?: string },
    ack: Ack<{ event: ChatEventView }>,
  ) => void;
  typing: (input: { chatId: string; typing: boolean }) => void;
  /**
   * The chat's header and the events after `afterSeq` (at most CHAT_DELTA_EVENTS: when more came,
   * the newest ones, and `hasOlder` says the ones between were skipped: page them with chat:history).
   */
  'chat:sync': (
    input: { chatId: string; afterSeq: number },
    ack: Ack<{ chat: AgentChatHeader; events: ChatEventView[]; hasOlder: boolean }>,
  ) => void;
  /**
   * Older events of one of the agent's chats (open, or ended and still theirs): up to `limit` events
   * before `beforeSeq`, ascending; `hasOlder` when there are more before those.
   */
  'chat:history': (
    input: { chatId: string; beforeSeq: number; limit?: number },
    ack: Ack<{ events: ChatEventView[]; hasOlder: boolean }>,
  ) => void;
  /** The agent leaves (ends) the chat; the customer reads "<name> has left the chat". */
  'chat:leave': (input: { chatId: string }, ack: Ack) => void;
  /** Takes an offered offline item: it stays in the agent's hands (a seat) until answered. */
  'offline:accept': (input: { id: string }, ack: Ack<{ item: OfflineItemView }>) => void;
  'offline:decline': (input: { id: string }, ack: Ack) => void;
  /**
   * The console shows this offer (chat or offline item): an offer that times out unseen never reached
   * the agent (the bus between nodes was down), so it goes back in line without setting them Away.
   */
  'offer:seen': (input: { chatId?: string; itemId?: string }, ack: Ack) => void;
  /** Agents and queues the chat can be transferred to (src/protocol/transfers.ts). */
  'transfer:targets': (input: { chatId: string }, ack: Ack<{ targets: TransferTargetsView }>) => void;
  'transfer:request': (input: TransferRequest, ack: Ack<{ transfer: TransferView }>) => void;
  'transfer:accept': (input: { transferId: string }, ack: Ack<{ chat: AgentChatView }>) => void;
  'transfer:decline': (input: { transferId: string }, ack: Ack) => void;
  'transfer:cancel': (input: { transferId: string }, ack: Ack<{ transfer: TransferView }>) => void;
  /** A staff-only note on one of the agent's chats; stored once per clientMsgId. */
  'note:add': (input: { chatId: string; clientMsgId: string; body: string }, ack: Ack<{ note: ChatNoteView }>) => void;
}
