/** Load client of the plain Socket.IO baseline (bench/baselines/socketioRelay.ts): one socket per side in the chat's room. */
import { randomUUID } from 'node:crypto';
import { type Socket, io } from 'socket.io-client';
import type { RelayMessage } from '../../baselines/relayProtocol.js';
import { type ChatPair, type OnDelivered, type SystemClient, inBatches } from './chatPair.js';

const ACK_TIMEOUT_MS = 10_000;

export function socketioRelayClient(url: string): SystemClient {
  const sockets: Socket[] = [];

  const connect = (chatId: string, role: 'customer' | 'agent') =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(url, { auth: { chatId, role }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

  async function openPair(onDelivered: OnDelivered): Promise<ChatPair> {
    const chatId = randomUUID();
    const customer = await connect(chatId, 'customer');
    const agentArrived = new Promise<void>((resolve) => customer.once('paired', () => resolve()));
    const agent = await connect(chatId, 'agent');
    await agentArrived;
    customer.on('chat:event', (message: RelayMessage) => onDelivered('agentToCustomer', message.clientMsgId));
    agent.on('chat:event', (message: RelayMessage) => onDelivered('customerToAgent', message.clientMsgId));
    return {
      chatId,
      async send(direction, clientMsgId, body) {
        const socket = direction === 'customerToAgent' ? customer : agent;
        const result = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { clientMsgId, body } satisfies RelayMessage)) as { ok: boolean };
        return result.ok;
      },
      typing(from, typing) {
        (from === 'customer' ? customer : agent).emit('typing', { typing });
      },
    };
  }

  return {
    open(count, onDelivered) {
      return inBatches(
        Array.from({ length: count }, (_, i) => i),
        20,
        () => openPair(onDelivered),
      );
    },
    async close() {
      sockets.forEach((s) => s.disconnect());
    },
  };
}
