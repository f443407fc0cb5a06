/**
 * The chat's states and the transitions between them, in one place. Every
 * writer of `chats.status` (chatRouter, offerResponder, lineReturns,
 * chatEnder, sweeper, personDeactivator, the admin's chat ender) names the
 * transition it makes and guards its UPDATE with `fromStatusSql`, so a
 * transition the table does not allow simply changes no row.
 *
 *   queued ──offer──► offered ──accept──► active
 *     ▲                 │                   │
 *     └─ decline, offer_timeout, offer_unseen, agent_away, agent_gone, deactivated (keeps queued_at), transfer_to_queue
 *   queued | offered | active ──end──► ended
 */

export const CHAT_STATUSES = ['queued', 'offered', 'active', 'ended'] as const;
export type ChatState = (typeof CHAT_STATUSES)[number];

export interface Transition {
  from: readonly ChatState[];
  to: ChatState;
  /** Back in line because the agent passed on it: the router tries the others first. */
  passed?: boolean;
}

export const CHAT_TRANSITIONS = {
  /** The router offers the oldest waiting chat to one agent. */
  offer: { from: ['queued'], to: 'offered' },
  /** The agent takes the offer. */
  accept: { from: ['offered'], to: 'active' },
  /** The agent says no: back to the head of the line. */
  decline: { from: ['offered'], to: 'queued', passed: true },
  /** The agent did not answer in time: back to the head of the line. */
  offer_timeout: { from: ['offered'], to: 'queued', passed: true },
  /** The offer timed out without ever reaching the agent's console (offer:seen): back in line, nobody passed. */
  offer_unseen: { from: ['offered'], to: 'queued' },
  /** The agent went Away while it was offered to them: withdrawn at once, nobody passed. */
  agent_away: { from: ['offered'], to: 'queued' },
  /** The agent's presence expired (browser or machine gone): offers and chats in hand go back. */
  agent_gone: { from: ['offered', 'active'], to: 'queued' },
  /** An admin deactivated the agent. */
  deactivated: { from: ['offered', 'active'], to: 'queued' },
  /**
   * The agent transfers the chat to another queue (src/app/transfers.ts): it joins that line at the
   * front; the sender passed on it, so the router offers it to the others first.
   */
  transfer_to_queue: { from: ['active'], to: 'queued', passed: true },
  /** Customer, agent, the system or an admin ends it, wherever it stands. */
  end: { from: ['queued', 'offered', 'active'], to: 'ended' },
} as const satisfies Record<string, Transition>;

export type ChatTransition = keyof typeof CHAT_TRANSITIONS;

/** The transitions that put a chat back in line. */
export type ReturnReason = { [K in ChatTransition]: (typeof CHAT_TRANSITIONS)[K]['to'] extends 'queued' ? K : never }[ChatTransition];

export function canTransition(transition: ChatTransition, from: ChatState): boolean {
  return (CHAT_TRANSITIONS[transition].from as readonly ChatState[]).includes(from);
}

export function targetOf(transition: ChatTransition): ChatState {
  return CHAT_TRANSITIONS[transition].to;
}

export function passedOn(transition: ChatTransition): boolean {
  const t: Transition = CHAT_TRANSITIONS[transition];
  return t.passed === true;
}

/** Open: waiting, offered or in progress (a queue with any cannot be deleted). */
export const OPEN_STATUSES: readonly ChatState[] = CHAT_TRANSITIONS.end.from;

/**
 * The SQL guard for a transition's "from" states, e.g. `c.status IN ('offered', 'active')`.
 * Built only from the constant table above (never from input), so it is safe to splice into SQL.
 */
export function fromStatusSql(transition: ChatTransition, column = 'status'): string {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(column)) throw new Error(`not a column name: ${column}`);
  return `${column} IN (${CHAT_TRANSITIONS[transition].from.map((s) => `'${s}'`).join(', ')})`;
}
