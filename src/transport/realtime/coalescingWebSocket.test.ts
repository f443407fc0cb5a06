import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CoalescingWebSocketServer } from './coalescingWebSocket.js';

/** Counts the writes that reach the connection's socket (one writev of several frames counts once). */
function countWrites(ws: WebSocket): { writes: number } {
  type Write = (...args: unknown[]) => unknown;
  const socket = (ws as unknown as { _socket: Duplex & { _write: Write; _writev: Write } })._socket;
  const counter = { writes: 0 };
  const write = socket._write.bind(socket);
  const writev = socket._writev.bind(socket);
  socket._write = (...args: unknown[]) => {
    counter.writes++;
    return write(...args);
  };
  socket._writev = (...args: unknown[]) => {
    counter.writes++;
    return writev(...args);
  };
  return counter;
}

describe('CoalescingWebSocketServer', () => {
  let server: CoalescingWebSocketServer | undefined;
  let client: WebSocket | undefined;
  afterEach(async () => {
    client?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function connect(): Promise<{ serverSide: WebSocket; received: string[]; arrived(n: number): Promise<void> }> {
    server = new CoalescingWebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    const connected = new Promise<WebSocket>((resolve) => server!.once('connection', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: string[] = [];
    const waiters: Array<() => void> = [];
    client.on('message', (data) => {
      received.push(String(data));
      waiters.splice(0).forEach((w) => w());
    });
    const serverSide = await connected;
    await new Promise<void>((resolve) => client!.once('open', () => resolve()));
    const arrived = async (n: number) => {
      while (received.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    return { serverSide, received, arrived };
  }

  it('sends the frames of one tick in one write, in order, and those of a later tick in the next', async () => {
    const { serverSide, received, arrived } = await connect();
    const counter = countWrites(serverSide);
    serverSide.send('one');
    serverSide.send('two');
    serverSide.send('three');
    await arrived(3);
    expect(received).toEqual(['one', 'two', 'three']);
    expect(counter.writes).toBe(1);

    serverSide.send('four');
    await Promise.resolve();
    serverSide.send('five');
    await arrived(5);
    expect(received).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(counter.writes).toBe(2);
  });

  it('still calls each frame’s callback once it is written', async () => {
    const { serverSide, arrived } = await connect();
    const written = await Promise.all(['a', 'b'].map((text) => new Promise<string>((resolve, reject) => serverSide.send(text, (error) => (error ? reject(error) : resolve(text))))));
    expect(written).toEqual(['a', 'b']);
    await arrived(2);
  });
});
