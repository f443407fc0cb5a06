/**
 * One worker of the idle scenario: starts `count` chats through the Data
 * Collection form, each customer connecting its socket right after its start
 * as the customer page does, holds them idle until told to release, and
 * counts what happened meanwhile (sockets dropped, events pushed).
 */
import type { Socket } from 'socket.io-client';
import type { JobChannel } from './loadProcess.js';
import { call, callRetrying, connectAgent, connectCustomer, httpClient, inParallel, signIn, startChat } from './client.js';
import { AGENT_PASSWORD } from './fixtures.js';

export interface IdleInput {
  url: string;
  slugs: string[];
  count: number;
  /** This worker's first customer number (spreads customers over the queues). */
  offset: number;
  concurrency: number;
  /** One worker also plays the agent who keeps the queues staffed (a chat cannot start without one Available). */
  agentEmail?: string;
  /** Date.now() after which no new customer starts (the scenario's time budget); those held stay. */
  startBefore?: number;
}

export interface IdleOpened {
  connected: number;
  /** Customers never started because the time budget ran out. */
  skipped: number;
  startFailures: number;
  handshakeFailures: number;
  /** Per customer, milliseconds: the form's POST, then the socket's handshake. */
  startMs: number[];
  connectMs: number[];
  seconds: number;
  errorSamples: string[];
}

export interface IdleReleased {
  stillConnected: number;
  /** Sockets the server closed while they were held idle. */
  droppedWhileIdle: number;
  /** Events pushed to the idle customers while held, by name. */
  eventsWhileIdle: Record<string, number>;
}

export async function idleCustomers(input: IdleInput, channel: JobChannel): Promise<IdleReleased> {
  const http = httpClient(input.concurrency);
  const sockets: Socket[] = [];
  const opened: IdleOpened = { connected: 0, skipped: 0, startFailures: 0, handshakeFailures: 0, startMs: [], connectMs: [], seconds: 0, errorSamples: [] };
  const note = (error: unknown) => {
    if (opened.errorSamples.length < 5) opened.errorSamples.push(error instanceof Error ? error.message : String(error));
  };
  let agent: Socket | null = null;
  if (input.agentEmail) {
    agent = await connectAgent(input.url, await signIn(http, input.url, input.agentEmail, AGENT_PASSWORD));
    // Its one seat takes the first customer; it accepts, so it is never set Away for a missed offer.
    agent.on('offer', (offer: { chatId: string }) => void call(agent!, 'offer:accept', { chatId: offer.chatId }));
    await callRetrying(agent, 'console:snapshot', {});
    const status = await callRetrying(agent, 'status:set', { status: 'available' });
    if (!status.ok) throw new Error('the staffing agent could not go Available');
    channel.report('agentReady');
  }
  const go = await channel.next<{ startBefore?: number } | undefined>('go');
  const startBefore = go?.startBefore ?? input.startBefore;
  const began = performance.now();
  let progressAt = began;
  await inParallel(
    Array.from({ length: input.count }, (_, i) => i),
    input.concurrency,
    async (i) => {
      if (startBefore !== undefined && Date.now() > startBefore) {
        opened.skipped++;
        return;
      }
      const slug = input.slugs[(input.offset + i) % input.slugs.length]!;
      const t0 = performance.now();
      let token: string;
      try {
        token = (await startChat(http, input.url, slug)).token;
      } catch (error) {
        opened.startFailures++;
        note(error);
        return;
      }
      const t1 = performance.now();
      opened.startMs.push(t1 - t0);
      try {
        sockets.push(await connectCustomer(input.url, token));
        opened.connectMs.push(performance.now() - t1);
        opened.connected++;
      } catch (error) {
        opened.handshakeFailures++;
        note(error);
      }
      if (performance.now() - progressAt > 5000) {
        progressAt = performance.now();
        channel.report('progress', opened.connected);
      }
    },
  );
  // The form's keep-alive connections would hold file descriptors on the server while idle.
  http.destroy();
  opened.seconds = (performance.now() - began) / 1000;

  const eventsWhileIdle: Record<string, number> = {};
  let droppedWhileIdle = 0;
  for (const socket of sockets) {
    socket.onAny((event: string) => {
      eventsWhileIdle[event] = (eventsWhileIdle[event] ?? 0) + 1;
    });
    socket.on('disconnect', () => droppedWhileIdle++);
  }
  channel.report('opened', opened);
  await channel.next('release');
  const stillConnected = sockets.filter((s) => s.connected).length;
  for (const socket of sockets) {
    socket.off('disconnect');
    socket.disconnect();
  }
  agent?.disconnect();
  return { stillConnected, droppedWhileIdle, eventsWhileIdle };
}
