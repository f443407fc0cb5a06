/**
 * The wire format of the two baseline relays and their load clients. A relay
 * is pass-through only: it pairs a chat's customer and agent by chat id,
 * forwards a message or a typing signal to the other side and acknowledges a
 * message to its sender. No storage, no routing, no checks: the floor our
 * node is compared with.
 */
export type RelayRole = 'customer' | 'agent';

/** Raw ws frames (JSON text). The socket.io relay uses the same shapes as event payloads. */
export type RelayFrame =
  /** relay → both sides: the other side is connected, messages can flow. */
  | { t: 'paired' }
  /** sender → relay → peer */
  | { t: 'msg'; id: string; body: string }
  /** relay → sender: the message was handed to the peer's socket. */
  | { t: 'ack'; id: string }
  | { t: 'typing'; typing: boolean };

export interface RelayMessage {
  clientMsgId: string;
  body: string;
}

/** Query of a ws relay connection: ws://host:port/?chat=<id>&role=customer|agent */
export function relayQuery(chatId: string, role: RelayRole): string {
  return `?chat=${encodeURIComponent(chatId)}&role=${role}`;
}
