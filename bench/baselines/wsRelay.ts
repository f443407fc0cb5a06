/**
 * Baseline 1: the thinnest relay a contact center could write with plain
 * `ws`. Customer and agent sockets are paired by chat id; a message is
 * forwarded to the peer and acknowledged to the sender. No persistence.
 * Run by the benchmark through bench/systems/serverProcess.ts.
 */
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { announceAndServeStats } from '../systems/statsResponder.js';
import type { RelayFrame, RelayRole } from './relayProtocol.js';

const chats = new Map<string, Partial<Record<RelayRole, WebSocket>>>();
const server = createServer();
const relay = new WebSocketServer({ server });

relay.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://relay').searchParams;
  const chatId = query.get('chat');
  const role = query.get('role');
  if (!chatId || (role !== 'customer' && role !== 'agent')) {
    socket.close(1008, 'chat and role required');
    return;
  }
  const peerRole: RelayRole = role === 'customer' ? 'agent' : 'customer';
  const pair = chats.get(chatId) ?? {};
  pair[role] = socket;
  chats.set(chatId, pair);
  const paired = JSON.stringify({ t: 'paired' } satisfies RelayFrame);
  if (pair[peerRole]) {
    pair[peerRole].send(paired);
    socket.send(paired);
  }
  socket.on('message', (data) => {
    const text = data.toString();
    const frame = JSON.parse(text) as RelayFrame;
    pair[peerRole]?.send(text);
    if (frame.t === 'msg') socket.send(JSON.stringify({ t: 'ack', id: frame.id } satisfies RelayFrame));
  });
  socket.on('close', () => {
    if (pair[role] === socket) delete pair[role];
    if (!pair.customer && !pair.agent) chats.delete(chatId);
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') announceAndServeStats(`http://127.0.0.1:${address.port}`);
});
const stop = () => {
  relay.clients.forEach((c) => c.terminate());
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
