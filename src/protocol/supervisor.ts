/**
 * The supervisor live view's wire contract: the `/supervisor` Socket.IO
 * namespace (session cookie; supervisors and admins of the client only), the
 * board it pushes, and whispers (a supervisor's note to a chat's agent that
 * the customer never receives).
 */
import type { ChatNoteView } from './staffNotes.js';
import type { Ack, TypingPayload } from './events.js';
import type { AgentChatHeader, ChatEventView, ChatStatus, EndedBy } from './views.js';

export const SUPERVISOR_NAMESPACE = '/supervisor';

/** Whisper bodies, like messages, stay short. */
export const WHISPER_MAX_LENGTH = 2000;

export interface QueueFigures {
  queueId: string;
  name: string;
  /** Open now (switch and working hours). */
  open: boolean;
  /** Customers waiting for an agent (in line, or offered and not yet accepted). */
  waiting: number;
  /** When the customer waiting longest joined the line; null when nobody waits. */
  oldestWaitingSince: string | null;
  /** What a customer joining now would be told (seconds); null when closed or unknown. */
  newcomerEstimateSeconds: number | null;
  /** Chats being answered. */
  inProgress: number;
  /** Left messages and callback requests nobody has taken yet. */
  messagesWaiting: number;
  callbacksWaiting: number;
  /** The queue's target (General Settings). */
  serviceLevelSeconds: number;
  /** Today: customers who left the line, answered or gave up. */
  answeredToday: number;
  answeredInTargetToday: number;
  abandonedToday: number;
  /** answeredInTarget ÷ (answered + abandoned), 0–1; null before anyone left the line today. */
  serviceLevel: number | null;
  /** abandoned ÷ (answered + abandoned), 0–1; null before anyone left the line today. */
  abandonment: number | null;
  /**
   * How good today's wait estimates were (src/domain/estimateAccuracy.ts): customers who joined this
   * queue and were answered today with an estimate shown; of them, the median of |first estimate −
   * actual wait| and of (first estimate − actual wait) (positive: estimates ran long). Null when none.
   */
  estimatesCheckedToday: number;
  estimateMedianErrorSeconds: number | null;
  estimateMedianBiasSeconds: number | null;
}

export type LiveAgentState = 'available' | 'away' | 'not_responding' | 'offline';

export interface AgentFigures {
  userId: string;
  displayName: string;
  state: LiveAgentState;
  /** Since when (time in state). */
  stateSince: string;
  /** Seats in use: chats offered or in progress, plus left messages and callbacks in hand. */
  inHand: number;
  capacity: number;
  /** Chats answered and finished today. */
  handledToday: number;
}

export interface LiveChatView {
  chatId: string;
  queueName: string;
  customerName: string;
  agentName: string | null;
  status: Exclude<ChatStatus, 'ended'>;
  since: string;
}

export interface BoardView {
  /** The day "today" is counted in (IANA zone) and when it began. */
  timeZone: string;
  dayStartedAt: string;
  /** The server's clock when the board was read: the page ticks waits and times in state from it. */
  at: string;
  queues: QueueFigures[];
  agents: AgentFigures[];
  /** Chats waiting, offered or in progress, oldest first (at most LIVE_CHATS_MAX). */
  chats: LiveChatView[];
}

export const LIVE_CHATS_MAX = 200;

export interface WhisperView {
  id: string;
  chatId: string;
  authorName: string;
  body: string;
  /** The chat's last seq when it was written: the agent's transcript shows it after that event. */
  afterSeq: number;
  clientMsgId: string;
  at: string;
}

export interface WatchedChat {
  chat: AgentChatHeader & { agentName: string | null };
  /** Ascending; the newest page when the log is long (`hasOlder`). */
  events: ChatEventView[];
  hasOlder: boolean;
  whispers: WhisperView[];
  /** Staff-only notes on the chat, oldest first. */
  notes: ChatNoteView[];
}

export interface SupervisorServerEvents {
  /** The whole board, pushed when it changed (coalesced: a few per second at most). */
  board: (board: BoardView) => void;
  /** Live transcript of a watched chat. */
  'chat:event': (event: ChatEventView) => void;
  'chat:state': (input: { chatId: string; status: ChatStatus; endedBy: EndedBy | null }) => void;
  typing: (payload: TypingPayload) => void;
  /** A whisper written on a watched chat (by this or another supervisor). */
  'chat:whisper': (whisper: WhisperView) => void;
  /** A staff-only note written on a watched chat. */
  'chat:note': (note: ChatNoteView) => void;
  resync: () => void;
}

export interface SupervisorClientEvents {
  'board:get': (input: Record<string, never>, ack: Ack<{ board: BoardView }>) => void;
  /** Read-only: the chat's header, newest events and whispers; its live events follow until chat:unwatch. */
  'chat:watch': (input: { chatId: string }, ack: Ack<WatchedChat>) => void;
  'chat:unwatch': (input: { chatId: string }, ack: Ack) => void;
  /** Older events of a chat of the viewer's client ("Show earlier messages"), as the console's chat:history. */
  'chat:history': (input: { chatId: string; beforeSeq: number; limit?: number }, ack: Ack<{ events: ChatEventView[]; hasOlder: boolean }>) => void;
  /** A note only the chat's agent sees; stored once per clientMsgId. */
  'whisper:send': (input: { chatId: string; clientMsgId: string; body: string }, ack: Ack<{ whisper: WhisperView }>) => void;
  /** A staff-only note on the chat (its agent and every staff viewer see it, never the customer). */
  'note:add': (input: { chatId: string; clientMsgId: string; body: string }, ack: Ack<{ note: ChatNoteView }>) => void;
}
