/**
 * Our node, driven the way the browsers drive it (tests/support/testNode.ts
 * helpers): agents sign in over HTTP, open the console socket, take the
 * snapshot and go Available; each customer fills the queue's Data Collection
 * form (POST /api/public/queues/<slug>/chats), connects with the chat token,
 * syncs, waits in line and is routed when an agent accepts the offer.
 */
import type { StartChatResponse } from '../../../src/protocol/http.js';
import type { ChatEventView, ChatStateView, OfferView } from '../../../src/protocol/views.js';
import { type AgentSocket, type CustomerSocket, api, call, connectAgent, connectCustomer, signIn } from '../../../tests/support/browserClient.js';
import type { ReactiveChatSetup } from '../messages.js';
import { type ChatPair, type OnDelivered, SendRefused, type SystemClient, inBatches } from './chatPair.js';

type Ok = { ok: boolean; error?: { id: string; message?: string } };

const ROUTING_TIMEOUT_MS = 120_000;

export function reactiveChatClient(url: string, setup: ReactiveChatSetup): SystemClient {
  const node = { url };
  const agents: AgentSocket[] = [];
  const customers: CustomerSocket[] = [];
  /** Which agent accepted a chat: settled by the offer's acceptance. */
  const accepted = new Map<string, { resolve: (agent: AgentSocket) => void; promise: Promise<AgentSocket> }>();
  const acceptanceOf = (chatId: string) => {
    let entry = accepted.get(chatId);
    if (!entry) {
      let resolve!: (agent: AgentSocket) => void;
      const promise = new Promise<AgentSocket>((r) => (resolve = r));
      entry = { resolve, promise };
      accepted.set(chatId, entry);
    }
    return entry;
  };

  async function signInAgent(credentials: { email: string; password: string }, onDelivered: OnDelivered): Promise<AgentSocket> {
    const socket = await connectAgent(node, await signIn(node, credentials.email, credentials.password));
    socket.on('offer', (offer: OfferView) => {
      void call<Ok>(socket, 'offer:accept', { chatId: offer.chatId }).then((result) => {
        if (result.ok) acceptanceOf(offer.chatId).resolve(socket);
      });
    });
    socket.on('chat:event', (event: ChatEventView) => {
      if (event.author === 'customer' && event.clientMsgId) onDelivered('customerToAgent', event.clientMsgId);
    });
    await call(socket, 'console:snapshot', {});
    const status = await call<Ok>(socket, 'status:set', { status: 'available' });
    if (!status.ok) throw new Error(`${credentials.email} could not go Available: ${JSON.stringify(status)}`);
    agents.push(socket);
    return socket;
  }

  async function startChat(onDelivered: OnDelivered): Promise<ChatPair> {
    const started = await api(node, 'POST', `/api/public/queues/${setup.queueSlug}/chats`, { fields: setup.form });
    if (started.status !== 201) throw new Error(`starting a chat: ${started.status} ${JSON.stringify(started.body)}`);
    const { chatId, token } = started.body as StartChatResponse;
    const customer = await connectCustomer(node, token);
    customers.push(customer);
    const active = new Promise<void>((resolve) => {
      customer.on('chat:state', (state: ChatStateView) => {
        if (state.status === 'active') resolve();
      });
    });
    customer.on('chat:event', (event: ChatEventView) => {
      if (event.author === 'agent' && event.clientMsgId) onDelivered('agentToCustomer', event.clientMsgId);
    });
    // After every connect the page syncs from the last seq it holds (none yet).
    const synced = await call<Ok & { state?: ChatStateView }>(customer, 'chat:sync', { afterSeq: 0 });
    const routed = Promise.all([acceptanceOf(chatId).promise, synced.state?.status === 'active' ? undefined : active]);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`chat ${chatId} not routed in ${ROUTING_TIMEOUT_MS} ms`)), ROUTING_TIMEOUT_MS).unref());
    const [agent] = await Promise.race([routed, timeout]);
    // The load's sockets do not reconnect: a socket the server dropped (a ping timeout on a starved
    // node) fails its sends at once, saying why, instead of each waiting out its ack timeout.
    const gone: Record<'customer' | 'agent', string | null> = { customer: null, agent: null };
    customer.on('disconnect', (reason) => (gone.customer = reason));
    agent.on('disconnect', (reason) => (gone.agent = reason));
    return {
      chatId,
      async send(direction, clientMsgId, body) {
        const side = direction === 'customerToAgent' ? 'customer' : 'agent';
        if (gone[side]) throw new Error(`${side} socket disconnected (${gone[side]})`);
        const result =
          direction === 'customerToAgent'
            ? await call<Ok>(customer, 'message:send', { clientMsgId, body })
            : await call<Ok>(agent, 'message:send', { chatId, clientMsgId, body });
        if (!result.ok) throw new SendRefused(result.error?.id ?? JSON.stringify(result));
        return true;
      },
      typing(from, typing) {
        if (from === 'customer') customer.emit('typing', { typing });
        else agent.emit('typing', { chatId, typing });
      },
    };
  }

  return {
    async open(count, onDelivered) {
      await inBatches(setup.agents, 5, (credentials) => signInAgent(credentials, onDelivered));
      return inBatches(
        Array.from({ length: count }, (_, i) => i),
        10,
        () => startChat(onDelivered),
      );
    },
    async close() {
      // The customer ends each chat, as the "End chat" button does; then everyone leaves.
      await inBatches(customers, 20, (customer) => call(customer, 'chat:end', {}).catch(() => undefined));
      customers.forEach((c) => c.disconnect());
      agents.forEach((a) => a.disconnect());
    },
  };
}
