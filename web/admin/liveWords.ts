/** The words of the Live view (English), kept apart from its code so they can be translated as a whole. */
import type { LiveAgentState, LiveChatView } from '../../src/protocol/supervisor.js';

export const LIVE_WORDS = {
  nav: 'Live view',
  title: 'Live view',
  intro: 'Your queues and agents as they are now. Figures update by themselves.',
  today: (zone: string, since: string) => `Service level, abandonment and chats handled count today, from ${since} (${zone}).`,
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… the figures below may be out of date.',
  noResponse: 'No response from the server. Check your connection.',
  loadFailed: 'Could not load the live view.',
  queuesTitle: 'Queues',
  noQueues: 'There are no queues yet.',
  queueColumns: {
    queue: 'Queue',
    waiting: 'Waiting',
    longest: 'Longest wait',
    estimate: 'Wait if joining now',
    inProgress: 'In progress',
    offline: 'Messages / callbacks',
    serviceLevel: 'Service level',
    abandoned: 'Abandoned',
    accuracy: 'Estimates today',
  },
  /** Wait-estimate accuracy (src/domain/estimateAccuracy.ts): the figure, its detail and what it means. */
  accuracyOff: (seconds: number) => `off by ${duration(seconds)}`,
  accuracyCount: (count: number) => `median of ${count} answered`,
  accuracyBias: (bias: number) => (bias === 0 ? 'neither long nor short' : bias > 0 ? `ran ${duration(bias)} long` : `ran ${duration(-bias)} short`),
  accuracyExplained:
    'Estimates today: for each customer answered today, the wait they were first shown against the wait they had; the median gap, and whether estimates ran long (answered sooner than told) or short.',
  closed: 'Closed',
  open: 'Open',
  none: '—',
  offlineCounts: (messages: number, callbacks: number) => `${messages} / ${callbacks}`,
  offlineLabel: (messages: number, callbacks: number) => `${messages} left ${messages === 1 ? 'message' : 'messages'}, ${callbacks} ${callbacks === 1 ? 'callback' : 'callbacks'}`,
  serviceLevelDetail: (inTarget: number, total: number, target: number) => `${inTarget} of ${total} within ${target} s`,
  targetOnly: (target: number) => `target ${target} s`,
  abandonedDetail: (count: number) => `${count} gave up`,
  agentsTitle: 'Agents',
  noAgents: 'No agents yet. Add them on the People page.',
  agentColumns: { agent: 'Agent', state: 'State', since: 'Time in state', load: 'Chats in hand', handled: 'Handled today' },
  load: (inHand: number, capacity: number) => `${inHand} of ${capacity}`,
  chatsTitle: 'Chats',
  noChats: 'No chats are waiting or in progress.',
  chatColumns: { customer: 'Customer', queue: 'Queue', agent: 'Agent', status: 'Status', since: 'For', actions: 'Actions' },
  open_chat: 'Open',
  openChatLabel: (customer: string) => `Open the chat with ${customer}`,
  moreChats: (shown: number) => `Showing the ${shown} oldest chats.`,
  // The watched chat
  back: 'Back to the live view',
  chatWith: (customer: string) => `Chat with ${customer}`,
  chatMeta: (queue: string, agent: string | null) => (agent ? `${queue} · answered by ${agent}` : `${queue} · not answered yet`),
  readOnly: 'Read-only: you see the conversation as it happens; the customer does not know you are here.',
  transcript: 'Transcript',
  noMessages: 'No messages yet.',
  typing: (name: string) => `${name} is typing…`,
  chatEnded: 'This chat has ended.',
  chatLoadFailed: 'Could not open the chat.',
  earlier: 'Earlier messages are not shown.',
  showEarlier: 'Show earlier messages',
  loadingEarlier: 'Loading earlier messages…',
  earlierFailed: 'Could not load earlier messages.',
  whisperTitle: (agent: string) => `Whisper to ${agent}`,
  whisperLabel: (agent: string) => `Note for ${agent}`,
  whisperHint: (agent: string) => `Only ${agent} sees it, in the console, marked as a whisper. It is never sent to the customer.`,
  whisperSend: 'Send whisper',
  whisperSending: 'Sending…',
  whisperSent: 'Whisper sent.',
  whisperFailed: 'Could not send the whisper.',
  whisperNotAnswered: 'Whispers go to the agent of a chat in progress; this chat has no agent yet.',
  whisperFrom: (name: string) => `Whisper from ${name}`,
  whisperNote: 'Agent only',
  /** Internal notes: every staff member who views the chat sees them, the customer never. */
  noteTitle: 'Internal note',
  noteLabel: 'Note on this chat',
  noteHint: 'Staff only: the agent, supervisors and admins see it with the chat, also after a transfer and in history. It is never sent to the customer.',
  noteAdd: 'Add note',
  noteAdding: 'Adding…',
  noteAdded: 'Note added.',
  noteFailed: 'Could not add the note.',
  noteBadge: 'Note',
  noteFrom: (name: string) => `Note by ${name}`,
  customerSide: 'Customer',
  agentSide: 'Agent',
} as const;

export const STATE_WORDS: Record<LiveAgentState, { label: string; badge: string }> = {
  available: { label: 'Available', badge: 'rc-badge-success' },
  away: { label: 'Away', badge: 'rc-badge-warning' },
  not_responding: { label: 'Not responding', badge: 'rc-badge-danger' },
  offline: { label: 'Offline', badge: '' },
};

export const CHAT_STATUS_WORDS: Record<LiveChatView['status'], { label: string; badge: string }> = {
  queued: { label: 'Waiting', badge: 'rc-badge-warning' },
  offered: { label: 'Offered', badge: 'rc-badge-brand' },
  active: { label: 'In progress', badge: 'rc-badge-success' },
};

/** "45 s", "3 min 20 s", "2 h 5 min": durations on the board. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export const percent = (share: number): string => `${Math.round(share * 100)} %`;
