/** The `/customer` namespace: one socket per customer page, authorised by its chat token for that one chat. */
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { endChat } from '../../app/chatEnder.js';
import { admitCustomer } from '../../app/customerAccess.js';
import { customerState, eventsAfter } from '../../app/chatViews.js';
import { markCustomerAway, markCustomerPresent } from '../../app/customerPresence.js';
import type { Deps } from '../../app/deps.js';
import { expectedError } from '../../app/errors.js';
import { MessageInput, sendMessage } from '../../app/messageSender.js';
import type { PresenceTracker } from './agentGateway.js';
import { answerUnknownEvents, type EventLimiters, spend } from './guards.js';
import { handler, settledBeforeClose } from './handler.js';
import { limitInFlight } from './inFlight.js';
import { shedChatTraffic } from './loopShedder.js';
import { inOrder } from './inOrder.js';
import { rooms } from './publisher.js';

const SyncInput = z.object({ afterSeq: z.number().int().min(0).max(2 ** 31 - 1) });
const TypingInput = z.object({ typing: z.boolean() });
const EndInput = z.object({}).loose();

interface CustomerSocketData {
  chatId: string;
  customerName: string;
}

/**
 * `presence` counts this node's sockets per chat: the node's heartbeat renews those customers'
 * presence, and the last socket of a chat to close here starts their grace period.
 */
export function customerGateway(ns: Namespace, deps: Deps, limiters: EventLimiters, presence: PresenceTracker): void {
  // Refused for overload: the presence TTL still ends it (no heartbeat renews a socket that left).
  // Counted and told once a second: a wave of closing tabs on a busy node is one line, not hundreds.
  let refused = 0;
  let refusedTold: NodeJS.Timeout | undefined;
  const noteRefused = () => {
    refused++;
    refusedTold ??= setTimeout(() => {
      deps.log.warn({ chats: refused }, 'customer presence not recorded: overloaded');
      refused = 0;
      refusedTold = undefined;
    }, 1000).unref();
  };
  const logFailure = (chatId: string) => (error: unknown) =>
    expectedError(error) ? noteRefused() : deps.log.error({ err: error, chatId }, 'could not record customer presence');
  ns.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return next(new Error('unauthorized'));
    // One statement: the token's chat, and its customer marked present (no second write once connected).
    admitCustomer(deps.db, token, deps.config.presenceTtlSeconds)
      .then((access) => {
        if (!access) return next(new Error('unauthorized'));
        // More tabs than anyone needs on one chat are a flood, not a customer.
        if (!limiters.customerSockets.admit(socket, access.chatId)) return next(new Error('rate_limited'));
        socket.data = access satisfies CustomerSocketData;
        next();
      })
      .catch((error: unknown) => {
        if (!expectedError(error)) deps.log.error({ err: error }, 'customer handshake failed');
        next(new Error('unavailable'));
      });
  });

  ns.on('connection', (socket) => {
    const { chatId, customerName } = socket.data as CustomerSocketData;
    void socket.join(rooms.chat(chatId));
    answerUnknownEvents(socket);
    shedChatTraffic(socket, limiters.loop);
    limitInFlight(socket, deps.config.rateLimits.customerEventsInFlight);
    presence.add(chatId);
    // Marked present by the handshake (admitCustomer). Should the "away" write of this chat's previous
    // socket here land after that mark and finish before this line, the heartbeat (every TTL/3, well
    // inside the grace) marks the customer present again, as it does for a customer on another node.
    socket.on('disconnect', () => {
      presence.remove(chatId);
      if (presence.has(chatId)) return;
      settledBeforeClose(
        markCustomerAway(deps, chatId)
          // A socket of the same chat that connected here meanwhile may have been marked before this write landed.
          .then(() => (presence.has(chatId) ? markCustomerPresent(deps, chatId) : undefined))
          .catch(logFailure(chatId)),
      );
    });

    socket.on(
      'chat:sync',
      handler(deps.log, SyncInput, async ({ afterSeq }) => {
        await spend(limiters.sync, `customer:${chatId}`, 'sync requests');
        return { state: await customerState(deps.db, chatId), events: await eventsAfter(deps.db, chatId, afterSeq) };
      }),
    );
    // The page sends without waiting for each ack: its messages are stored in the order they arrive.
    const sends = inOrder();
    socket.on(
      'message:send',
      handler(deps.log, MessageInput, (input) => {
        const arrived = performance.now();
        return sends(chatId, async () => {
          // Per chat, not per socket: opening more tabs with the token buys no more.
          await spend(limiters.messages, `customer:${chatId}`, 'messages');
          const event = await sendMessage(deps, { kind: 'customer', chatId, connectionId: socket.id }, input);
          deps.metrics.messageDelivered('customer', (performance.now() - arrived) / 1000);
          return { event };
        });
      }),
    );
    socket.on(
      'typing',
      handler(deps.log, TypingInput, async ({ typing }) => {
        await spend(limiters.typing, `customer:${chatId}`, 'typing updates');
        deps.publish.toChatAgents(chatId, 'typing', { chatId, from: 'customer', name: customerName, typing });
        return {};
      }),
    );
    socket.on(
      'chat:end',
      handler(deps.log, EndInput, async () => {
        await endChat(deps, { kind: 'customer', chatId });
        return {};
      }),
    );
  });
}
