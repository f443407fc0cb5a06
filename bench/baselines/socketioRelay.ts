/**
 * Baseline 2: the same pass-through relay written with plain Socket.IO, as
 * our node's transport is: one room per chat, a message is emitted to the
 * room's other member and acknowledged through the ack callback. No
 * persistence, no routing. Run through bench/systems/serverProcess.ts.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { announceAndServeStats } from '../systems/statsResponder.js';
import type { RelayMessage } from './relayProtocol.js';

const server = createServer();
const io = new Server(server, { transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  const { chatId } = socket.handshake.auth as { chatId?: string };
  if (typeof chatId !== 'string') {
    socket.disconnect(true);
    return;
  }
  void socket.join(chatId);
  // Tell the room someone arrived so both sides know when the pair is complete.
  socket.to(chatId).emit('paired');
  socket.on('message:send', (message: RelayMessage, ack: (result: { ok: true }) => void) => {
    socket.to(chatId).emit('chat:event', message);
    ack({ ok: true });
  });
  socket.on('typing', (payload: { typing: boolean }) => {
    socket.to(chatId).emit('typing', payload);
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') announceAndServeStats(`http://127.0.0.1:${address.port}`);
});
const stop = () => void io.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
