/**
 * Transfers: an agent hands a chat in progress to another agent or to another queue, with a note the
 * receiver reads. The wire contract of the `/agent` events below (the server validates every input
 * with these zod schemas; the console imports the types only).
 *
 *   transfer:targets  { chatId }                         -> { targets: TransferTargetsView }
 *   transfer:request  { chatId, to, note }               -> { transfer: TransferView }   (state offered, accepted or refused)
 *   transfer:accept   { transferId }                     -> { chat: AgentChatView }       (the receiver)
 *   transfer:decline  { transferId }                     -> {}                            (the receiver)
 *   transfer:cancel   { transferId }                     -> { transfer: TransferView }   (the sender withdraws it while offered)
 * Server → sender: `transfer:updated` TransferView when the receiver answers, the offer times out or is
 * withdrawn. Server → receiver: `offer` with `transferId` and `transfer` set; `offer:withdrawn` when it
 * goes. A refusal on the spot (receiver offline or full, queue closed…) stores nothing and answers
 * `state: 'refused'` with its reason; errors (`validation`, `forbidden`, `conflict`: a transfer of this
 * chat already waits) are errors.
 */
import { z } from 'zod';

/** Longest note, in characters. */
export const TRANSFER_NOTE_MAX = 500;

export const TransferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: z.uuid('Choose an agent.') }),
  z.object({ kind: z.literal('queue'), queueId: z.uuid('Choose a queue.') }),
]);
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

export const TransferRequestSchema = z.object({
  chatId: z.uuid('Unknown chat.'),
  to: TransferTargetSchema,
  note: z.string('The note must be text.').trim().max(TRANSFER_NOTE_MAX, `The note can be at most ${TRANSFER_NOTE_MAX} characters.`).default(''),
});
export type TransferRequest = z.input<typeof TransferRequestSchema>;

export const TransferAnswerSchema = z.object({ transferId: z.uuid('Unknown transfer.') });
export const TransferTargetsSchema = z.object({ chatId: z.uuid('Unknown chat.') });

/**
 * Why a transfer did not happen. On the spot: unknown_agent / unknown_queue (not of this client,
 * deactivated, deleted), yourself / same_queue, offline (the agent is not Available or their console is
 * gone), at_capacity, queue_closed, no_agents (nobody else Available in that queue), chat_ended.
 * Later: declined, timeout, offline (the receiver's console went away), chat_ended (the chat ended or
 * left the sender meanwhile), withdrawn (the sender cancelled it before the answer).
 */
export type TransferRefusal =
  | 'unknown_agent'
  | 'unknown_queue'
  | 'yourself'
  | 'same_queue'
  | 'offline'
  | 'at_capacity'
  | 'queue_closed'
  | 'no_agents'
  | 'declined'
  | 'timeout'
  | 'chat_ended'
  | 'withdrawn';

export type TransferState = 'offered' | 'accepted' | 'refused';

export interface TransferView {
  /** Null for a refusal on the spot (nothing was stored). */
  id: string | null;
  chatId: string;
  to: { kind: 'agent' | 'queue'; id: string; name: string };
  note: string;
  state: TransferState;
  reason: TransferRefusal | null;
  /** While offered to an agent: when it times out. */
  expiresAt: string | null;
}

export interface TransferAgentOption {
  id: string;
  name: string;
  pictureUrl: string | null;
  status: 'available' | 'away' | 'offline';
  /** Seats in use (chats, offers, offline work, transfers offered to them) and their capacity. */
  activeChats: number;
  capacity: number;
}

export interface TransferQueueOption {
  id: string;
  name: string;
  open: boolean;
  /** Agents of the queue, other than the sender, who are Available and present. */
  availableAgents: number;
}

export interface TransferTargetsView {
  agents: TransferAgentOption[];
  queues: TransferQueueOption[];
}
