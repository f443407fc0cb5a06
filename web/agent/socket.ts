/**
 * The agent's Socket.IO connection and its requests. Every request resolves
 * to a Result (never rejects): a missing acknowledgement becomes an error the
 * screen can show, because the socket buffers emits while it reconnects.
 */
import type { ChatNoteView } from '../../src/protocol/staffNotes.js';
import { io, type Socket } from 'socket.io-client';
import type { ErrorBody, Result } from '../../src/protocol/errors.js';
import { AGENT_NAMESPACE, type AgentClientEvents, type AgentServerEvents, type AgentSnapshot } from '../../src/protocol/events.js';
import type { AgentChatHeader, AgentChatView, AgentStateView, ChatEventView, OfflineItemView } from '../../src/protocol/views.js';
import type { TransferRequest, TransferTargetsView, TransferView } from '../../src/protocol/transfers.js';
import { CONSOLE_WORDS } from './consoleWords.js';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

const ACK_TIMEOUT_MS = 10_000;

export function connectAgentSocket(): AgentSocket {
  return io(AGENT_NAMESPACE, { withCredentials: true });
}

function request<T extends object>(send: (ack: (result: Result<T>) => void) => void): Promise<Result<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve({ ok: false, error: noResponse });
    }, ACK_TIMEOUT_MS);
    send((result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    });
  });
}

const noResponse: ErrorBody = { id: 'internal', message: CONSOLE_WORDS.noResponse };

export interface AgentApi {
  /** `held`: per chat on screen, the last seq held without a hole; those chats come back with what follows only. */
  snapshot(held: Record<string, number>): Promise<Result<{ snapshot: AgentSnapshot }>>;
  setStatus(status: 'available' | 'away'): Promise<Result<{ state: AgentStateView }>>;
  accept(chatId: string): Promise<Result<{ chat: AgentChatView }>>;
  decline(chatId: string): Promise<Result>;
  acceptOffline(id: string): Promise<Result<{ item: OfflineItemView }>>;
  declineOffline(id: string): Promise<Result>;
  /** `after`: the chat's previous message, still unacknowledged when this one goes (web/shared/outbox.ts). */
  send(chatId: string, clientMsgId: string, body: string, after?: string): Promise<Result<{ event: ChatEventView }>>;
  sync(chatId: string, afterSeq: number): Promise<Result<{ chat: AgentChatHeader; events: ChatEventView[]; hasOlder: boolean }>>;
  /** Older events of a chat, for "Show earlier messages". */
  history(chatId: string, beforeSeq: number, limit: number): Promise<Result<{ events: ChatEventView[]; hasOlder: boolean }>>;
  leave(chatId: string): Promise<Result>;
  /**
   * Receipt for an offer the console shows: an offer that times out unseen is not held against the
   * agent. Fire-and-forget: a lost receipt costs at worst an unfair "not responding".
   */
  offerSeen(offer: { chatId?: string; itemId?: string }): void;
  /** Fire-and-forget; dropped while disconnected since a stale indicator is worse than none. */
  typing(chatId: string, typing: boolean): void;
  transferTargets(chatId: string): Promise<Result<{ targets: TransferTargetsView }>>;
  requestTransfer(request: TransferRequest): Promise<Result<{ transfer: TransferView }>>;
  acceptTransfer(transferId: string): Promise<Result<{ chat: AgentChatView }>>;
  declineTransfer(transferId: string): Promise<Result>;
  cancelTransfer(transferId: string): Promise<Result<{ transfer: TransferView }>>;
  /** A staff-only note on the chat (never the customer's); stored once per clientMsgId. */
  addNote(chatId: string, clientMsgId: string, body: string): Promise<Result<{ note: ChatNoteView }>>;
}

export function agentApi(socket: AgentSocket): AgentApi {
  return {
    snapshot: (held) => request((ack) => socket.emit('console:snapshot', { held }, ack)),
    setStatus: (status) => request((ack) => socket.emit('status:set', { status }, ack)),
    accept: (chatId) => request((ack) => socket.emit('offer:accept', { chatId }, ack)),
    decline: (chatId) => request((ack) => socket.emit('offer:decline', { chatId }, ack)),
    acceptOffline: (id) => request((ack) => socket.emit('offline:accept', { id }, ack)),
    declineOffline: (id) => request((ack) => socket.emit('offline:decline', { id }, ack)),
    send: (chatId, clientMsgId, body, after) =>
      request((ack) => socket.emit('message:send', after ? { chatId, clientMsgId, body, after } : { chatId, clientMsgId, body }, ack)),
    sync: (chatId, afterSeq) => request((ack) => socket.emit('chat:sync', { chatId, afterSeq }, ack)),
    history: (chatId, beforeSeq, limit) => request((ack) => socket.emit('chat:history', { chatId, beforeSeq, limit }, ack)),
    leave: (chatId) => request((ack) => socket.emit('chat:leave', { chatId }, ack)),
    offerSeen: (offer) => {
      socket.emit('offer:seen', offer, () => undefined);
    },
    typing: (chatId, typing) => {
      // Not volatile: a volatile packet is dropped while another is being written, and a short burst of typing
      // sends one hint only. Skipped while disconnected: a stale hint is worth nothing after a reconnect.
      if (socket.connected) socket.emit('typing', { chatId, typing });
    },
    transferTargets: (chatId) => request((ack) => socket.emit('transfer:targets', { chatId }, ack)),
    requestTransfer: (input) => request((ack) => socket.emit('transfer:request', input, ack)),
    acceptTransfer: (transferId) => request((ack) => socket.emit('transfer:accept', { transferId }, ack)),
    declineTransfer: (transferId) => request((ack) => socket.emit('transfer:decline', { transferId }, ack)),
    cancelTransfer: (transferId) => request((ack) => socket.emit('transfer:cancel', { transferId }, ack)),
    addNote: (chatId, clientMsgId, body) => request((ack) => socket.emit('note:add', { chatId, clientMsgId, body }, ack)),
  };
}
