/**
 * WebSocket frames written to one connection within one tick leave in ONE
 * write. A group-commit batch publishes its messages to an agent's console in
 * one tick, and each frame was a syscall of its own (the `writev` of every
 * frame was the node's largest single cost in the benchmark's profile).
 *
 * The connection's socket is corked at its first frame in a tick and uncorked
 * on the next tick, after the tick's microtasks: nothing waits for a timer.
 * Engine.io writes some frames through WebSocket.send and broadcasts through
 * the sender's sendFrame (pre-encoded frames); every frame passes sendFrame.
 */
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';

/** The parts of ws's internals this relies on (engine.io relies on `_sender.sendFrame` too). */
interface WebSocketInternals {
  _socket?: Duplex;
  _sender?: { sendFrame(list: Buffer[], cb?: (error?: Error) => void): void };
}

const corked = new WeakSet<Duplex>();

function corkUntilNextTick(socket: Duplex): void {
  if (corked.has(socket)) return;
  corked.add(socket);
  socket.cork();
  process.nextTick(() => {
    corked.delete(socket);
    socket.uncork();
  });
}

export class CoalescingWebSocket extends WebSocket {
  setSocket(...args: unknown[]): void {
    (WebSocket.prototype as unknown as { setSocket(...a: unknown[]): void }).setSocket.apply(this, args);
    const { _socket: socket, _sender: sender } = this as unknown as WebSocketInternals;
    if (!socket || !sender) return;
    const sendFrame = sender.sendFrame.bind(sender);
    sender.sendFrame = (list, cb) => {
      corkUntilNextTick(socket);
      sendFrame(list, cb);
    };
  }
}

/** For Socket.IO's `wsEngine` option: ws's server, making CoalescingWebSockets. */
export class CoalescingWebSocketServer extends WebSocketServer {
  constructor(options: ServerOptions, callback?: () => void) {
    super({ ...options, WebSocket: CoalescingWebSocket }, callback);
  }
}
