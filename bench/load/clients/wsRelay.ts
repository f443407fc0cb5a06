/** Load client of the plain `ws` baseline (bench/baselines/wsRelay.ts): one socket per side, paired by chat id. */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { type RelayFrame, type RelayRole, relayQuery } from '../../baselines/relayProtocol.js';
import { type ChatPair, type Direction, type OnDelivered, type SystemClient, inBatches } from './chatPair.js';

const ACK_TIMEOUT_MS = 10_000;

export function wsRelayClient(url: string): SystemClient {
  const sockets: WebSocket[] = [];
  const base = url.replace(/^http/, 'ws');

  function openPair(onDelivered: OnDelivered): Promise<ChatPair> {
    const chatId = randomUUID();
    const acks = new Map<string, () => void>();
    let pairedSides = 0;
    return new Promise((resolve, reject) => {
      const connect = (role: RelayRole) => {
        const socket = new WebSocket(`${base}/${relayQuery(chatId, role)}`);
        sockets.push(socket);
        socket.on('error', reject);
        socket.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as RelayFrame;
          if (frame.t === 'msg') onDelivered(role === 'agent' ? 'customerToAgent' : 'agentToCustomer', frame.id);
          else if (frame.t === 'ack') acks.get(frame.id)?.();
          else if (frame.t === 'paired' && ++pairedSides === 2) resolve(pair);
        });
        return socket;
      };
      const customer = connect('customer');
      const agent = connect('agent');
      const pair: ChatPair = {
        chatId,
        send(direction: Direction, clientMsgId, body) {
          const socket = direction === 'customerToAgent' ? customer : agent;
          return new Promise<boolean>((done, fail) => {
            const timer = setTimeout(() => {
              acks.delete(clientMsgId);
              fail(new Error('ack timeout'));
            }, ACK_TIMEOUT_MS);
            acks.set(clientMsgId, () => {
              clearTimeout(timer);
              acks.delete(clientMsgId);
              done(true);
            });
            socket.send(JSON.stringify({ t: 'msg', id: clientMsgId, body } satisfies RelayFrame));
          });
        },
        typing(from, typing) {
          (from === 'customer' ? customer : agent).send(JSON.stringify({ t: 'typing', typing } satisfies RelayFrame));
        },
      };
    });
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
      sockets.forEach((s) => s.close());
    },
  };
}
