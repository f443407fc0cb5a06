/**
 * Data shapes sent over the wire (HTTP JSON bodies and Socket.IO payloads).
 * Times are ISO-8601 strings. Nothing here imports server code.
 */
import type { ServedLanguage } from './languages.js';
import type { ChatNoteView } from './staffNotes.js';
import type { SurveyView } from './afterChat.js';
import type { SystemLine } from './systemLines.js';
import type { AttachmentView } from './attachments.js';

export type FieldType = 'text' | 'email' | 'phone' | 'select' | 'textarea';

export interface FormFieldView {
  id: string;
  label: string;
  type: FieldType;
  required: boolean;
  options?: string[];
  /**
   * The options as shown in the reader's language (public queue view only), aligned with `options`:
   * the customer sees these and sends back the matching `options` value.
   */
  optionLabels?: string[];
}

export type AgentDisplay = 'picture' | 'default' | 'none';

/** Opening times of a day, "HH:MM" in the queue's zone; `end` is "24:00" for midnight and before `start` overnight. */
export interface TimeRangeView {
  start: string;
  end: string;
}

export interface HoursLineView {
  /** e.g. "Monday" (English; pages that speak other languages use `weekday`) */
  day: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** e.g. ["09:00–12:00", "13:00–17:00"], empty when closed all day */
  ranges: string[];
  /** The same ranges as times, for the reader's locale to format. */
  times: TimeRangeView[];
}

export interface WorkingHoursView {
  timeZone: string;
  lines: HoursLineView[];
  /** Holidays (ranges empty) and special days in the next 30 days, soonest first. */
  exceptions: Array<{ date: string; label: string; ranges: string[]; times: TimeRangeView[] }>;
  /** When the queue opens next, if known. */
  opensNextAt: string | null;
}

/** What the customer page needs to choose and draw its first screen. */
export interface PublicQueueView {
  slug: string;
  name: string;
  clientName: string;
  /** The first screen: form = Data Collection, waiting = join the line at once, closed = closed / no agents. */
  screen: 'form' | 'waiting' | 'closed';
  /** Why the first screen is the closed one: closed, nobody Available, or the line is full (maxWaiting). */
  closedReason: 'closed' | 'no_agents' | 'queue_full' | null;
  closedMessage: string;
  form: FormFieldView[] | null;
  waitingMessages: string[];
  showEstimatedWait: boolean;
  agentDisplay: AgentDisplay;
  offline: { leaveMessage: boolean; callback: boolean };
  hours: WorkingHoursView | null;
  /** After waiting this long, a waiting customer is offered the offline options too. */
  maxWaitSeconds: number;
  /** Launcher and branding (src/domain/widgetConfig.ts); allowedOrigins lets the embedded frame refuse another host. */
  widget: {
    color: string;
    position: 'bottom-right' | 'bottom-left';
    label: string;
    headerColor: string;
    logoUrl: string;
    allowedOrigins: string[];
  };
  /** Files in the chat: allowed or not, and the largest in bytes (the queue's limit within the server's). */
  attachments?: { enabled: boolean; maxBytes: number };
  /** The language of the queue's texts above ('en' = the default texts), chosen by `?lang=` or Accept-Language. */
  language: ServedLanguage;
  /**
   * When the queue next opens or closes by its working hours (within a week or so), else null: a page
   * that has not started a chat reads the view again then. Other changes are pushed (src/protocol/visitor.ts).
   */
  hoursChangeAt?: string | null;
}

export type ChatStatus = 'queued' | 'offered' | 'active' | 'ended';

/**
 * Who or what ended a chat. abandoned: the customer went away while waiting
 * (past the grace period); customer_gone: went away during the chat;
 * inactivity: nobody wrote for the queue's inactivity timeout.
 */
export type EndedBy = 'customer' | 'agent' | 'system' | 'abandoned' | 'customer_gone' | 'inactivity';

export interface AgentPublicView {
  name: string;
  /** Null when the queue shows no image. */
  pictureUrl: string | null;
}

/** The customer's view of their chat's state; sent on every change. */
export interface ChatStateView {
  chatId: string;
  queueSlug: string;
  status: ChatStatus;
  /**
   * Counts the chat's changes of status and agent. States reach the page from several writers and
   * nodes, not always in order: a state older than the one shown (a lower version) is stale and ignored.
   */
  version: number;
  /** 1-based place in line while waiting, else null. */
  position: number | null;
  /** Estimated wait in seconds while waiting (null if unknown or hidden). */
  estimatedWaitSeconds: number | null;
  agent: AgentPublicView | null;
  endedBy: EndedBy | null;
  /** While waiting: the queue has closed (switch or hours) since the customer joined; offer the offline options. */
  queueClosed: boolean;
  /**
   * While in line: no agent of the queue is Available (all Away, offline or gone), so no estimate
   * can be honest; the customer keeps their place and is told so (and offered the offline options).
   */
  nobodyAvailable: boolean;
  /** While waiting: when the customer joined the line (they keep their place when an offer returns). */
  waitingSince: string | null;
}

/**
 * agent_disconnected: the agent's browser or machine vanished (presence expired), the chat is back in line;
 * agent_removed: the agent was deactivated mid-chat, back in line; ended_by_admin: an admin ended a stuck chat;
 * inactivity_warning / inactivity_closed: the queue's inactivity timeout (src/app/inactivity.ts).
 */
export type SystemEventType =
  | 'queued'
  | 'agent_joined'
  | 'agent_left'
  | 'agent_disconnected'
  | 'agent_removed'
  | 'customer_left'
  | 'inactivity_warning'
  | 'inactivity_closed'
  | 'ended_by_admin'
  /** An agent transferred the chat to another agent or queue ("Sophie transferred you to Billing"). */
  | 'transferred'
  | 'ended';

export interface ChatEventView {
  chatId: string;
  /** Per-chat sequence number, starting at 1, without gaps. */
  seq: number;
  kind: 'message' | 'system';
  author: 'customer' | 'agent' | 'system';
  authorName: string;
  body: string;
  system: SystemEventType | null;
  /**
   * A system line as an id and parameters, rendered in the reader's language
   * (src/protocol/systemLines.ts); `body` is then empty. Null for messages and
   * for system rows stored before the ids (their `body` holds English text).
   */
  line: SystemLine | null;
  /** A file sent in the chat (`body` then holds its name, for readers that show text only); null otherwise. */
  attachment?: AttachmentView | null;
  /** The sender's own id for a message (for de-duplication of retries). */
  clientMsgId: string | null;
  at: string;
}

export interface LabelledValue {
  label: string;
  value: string;
}

export interface OfferView {
  chatId: string;
  queueName: string;
  customerName: string;
  customerData: LabelledValue[];
  offeredAt: string;
  /** When the offer moves on to the next agent if not accepted. */
  expiresAt: string;
  /**
   * The chat's state version when it was offered (ChatStateView.version). An offer is published by the
   * node that routed it and its withdrawal by the node that ended or returned the chat, so they may
   * arrive out of order: a console ignores an offer no newer than a withdrawal it already has.
   */
  version?: number;
  /** The chat was transferred (to this agent, or to the queue it waited in): who sent it, and their note. */
  transfer?: TransferNoteView;
  /**
   * Set when this is a transfer straight to this agent: answer it with `transfer:accept` /
   * `transfer:decline` (the sender keeps the chat until then), not `offer:accept`.
   */
  transferId?: string;
}

/** Who transferred a chat, and what they wrote for the receiver (src/protocol/transfers.ts). */
export interface TransferNoteView {
  fromName: string;
  note: string;
}

/** A chat as the console lists it, without its events. */
export interface AgentChatHeader {
  chatId: string;
  queueName: string;
  customerName: string;
  customerData: LabelledValue[];
  status: ChatStatus;
  endedBy: EndedBy | null;
  /** The chat's latest transfer, when it was transferred: the note is for the agent who has it now. */
  transfer?: TransferNoteView;
  /** The chat's queue lets files be sent (General Settings): the console shows its attach button only then (the server refuses uploads otherwise). */
  filesAllowed: boolean;
}

/**
 * A chat with a page of its events, ascending: the newest page (up to
 * CHAT_PAGE_EVENTS), or in a snapshot that named the seq the console holds,
 * what came after it (up to CHAT_DELTA_EVENTS).
 */
export interface AgentChatView extends AgentChatHeader {
  events: ChatEventView[];
  /**
   * Events before the first one carried exist that the caller did not ask to skip:
   * fetch them with `chat:history` when the agent wants them.
   */
  hasOlder: boolean;
  /** Staff-only notes on the chat, oldest first (src/protocol/staffNotes.ts); absent: none loaded. */
  notes?: ChatNoteView[];
}

export type AgentStatus = 'available' | 'away' | 'offline';

export interface MeView {
  id: string;
  clientId: string;
  clientName: string;
  email: string;
  displayName: string;
  role: 'admin' | 'supervisor' | 'agent';
  pictureUrl: string | null;
  capacity: number;
}

export interface AgentStateView {
  status: AgentStatus;
  capacity: number;
  activeChats: number;
  /** Why the agent is Away when the system set it: an offer timed out on them. */
  awayReason: 'not_responding' | null;
}

export interface OfflineItemView {
  id: string;
  queueName: string;
  kind: 'message' | 'callback';
  email: string | null;
  message: string | null;
  name: string | null;
  phone: string | null;
  preferredTime: string | null;
  status: 'open' | 'done';
  createdAt: string;
  /** What the agent did: replied by email, or the callback's outcome. */
  outcome: 'replied' | 'reached' | 'no_answer' | 'rescheduled' | null;
  /** The emailed reply, or the agent's note on the callback. */
  response: string | null;
  handledBy: string | null;
  handledAt: string | null;
  /** The agent working on it now (accepted from an offer), if any. */
  assignedTo: { id: string; name: string } | null;
  /**
   * An emailed reply's mail: queued (not sent yet, or being retried), sent, failed (the admin can send it
   * again from the portal's Mail page) or kept (the server sends no mail); null without a reply.
   */
  replyMail?: 'queued' | 'sent' | 'failed' | 'kept' | null;
}

/** An offline item offered to one agent, like a chat: accept or decline before it expires. */
export interface OfflineOfferView {
  item: OfflineItemView;
  offeredAt: string;
  expiresAt: string;
}

/** One of the agent's past chats, for the history list. */
export interface ChatHistoryItem {
  chatId: string;
  queueName: string;
  customerName: string;
  customerEmail: string | null;
  startedAt: string;
  endedAt: string;
  endedBy: EndedBy | null;
  messageCount: number;
  /** Who had it last (null when nobody answered). */
  agentName: string | null;
  /** The customer's post-chat survey answer, if they gave one. */
  survey: SurveyView | null;
  /** When the search matched what was written: the first such message, shortened around the words found. */
  matchedText: string | null;
}

export interface AdminQueueSummary {
  id: string;
  slug: string;
  name: string;
  chatUrl: string;
  open: boolean;
}
