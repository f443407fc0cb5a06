/**
 * A load worker: a process of its own (forked by loadGenerator.ts with
 * `--import tsx`) that plays the browsers of its share of the chats over the
 * real protocol, and runs the measured windows it is asked for.
 */
import type { ChatPair, SystemClient } from './clients/chatPair.js';
import type { ParentMessage, PrepareRequest, WorkerMessage } from './messages.js';
import { DeliveryBook, runWindow } from './window.js';

let client: SystemClient | undefined;
let pairs: ChatPair[] = [];
let worker = 0;
let windows = 0;
const book = new DeliveryBook();

const reply = (message: WorkerMessage) => process.send?.(message);

/** Loads only the client of the system under test: a worker starts in well under a second. */
async function clientFor(request: PrepareRequest): Promise<SystemClient> {
  switch (request.system) {
    case 'reactive-chat': {
      if (!request.reactiveChat) throw new Error('reactive-chat needs its queue and agents');
      const { reactiveChatClient } = await import('./clients/reactiveChat.js');
      return reactiveChatClient(request.url, request.reactiveChat);
    }
    case 'ws-relay':
      return (await import('./clients/wsRelay.js')).wsRelayClient(request.url);
    case 'socketio-relay':
      return (await import('./clients/socketioRelay.js')).socketioRelayClient(request.url);
  }
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'prepare': {
      const start = performance.now();
      worker = message.worker;
      client = await clientFor(message);
      pairs = await client.open(message.chats, book.deliveredNow);
      reply({ type: 'prepared', chats: pairs.length, seconds: (performance.now() - start) / 1000 });
      return;
    }
    case 'window':
      reply({ type: 'window', result: await runWindow(pairs, book, message, worker, ++windows) });
      return;
    case 'end':
      await client?.close();
      reply({ type: 'ended' });
      process.disconnect();
      return;
  }
}

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => reply({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
