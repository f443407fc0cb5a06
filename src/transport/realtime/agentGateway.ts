/** The `/agent` namespace: the agent console, authenticated by the session cookie. */
import { parseCookie } from 'cookie';
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { type AgentIdentity, agentWorkload, olderEventsOfOwnChat, syncOwnChat } from '../../app/agentChats.js';
import { agentState, setAgentStatus, renewPresence } from '../../app/agentStatus.js';
import { loadMe, sessionFromToken } from '../../app/auth.js';
import { endChat } from '../../app/chatEnder.js';
import type { Deps } from '../../app/deps.js';
import { expectedError } from '../../app/errors.js';
import { MessageInput, sendMessage } from '../../app/messageSender.js';
import { noteOfferSeen } from '../../app/offerReceipts.js';
import { acceptOffer, declineOffer } from '../../app/offerResponder.js';
import { acceptOfflineOffer, declineOfflineOffer } from '../../app/offlineOfferResponder.js';
import { offlineOffersOf } from '../../app/offlineRouter.js';
import { relayAgentTyping } from '../../app/typing.js';
import { whispersOf } from '../../app/whispers.js';
import { addNote, NoteInput, notesOf } from '../../app/chatNotes.js';
import { acceptTransfer, cancelTransfer, declineTransfer } from '../../app/transferAnswers.js';
import { requestTransfer } from '../../app/transfers.js';
import { chatTransferTargets, openTransfersOf, transferOffersOf } from '../../app/transferViews.js';
import { TransferAnswerSchema, TransferRequestSchema, TransferTargetsSchema } from '../../protocol/transfers.js';
import { SESSION_COOKIE } from '../../protocol/http.js';
import { CHAT_HISTORY_MAX_EVENTS, CHAT_PAGE_EVENTS, SNAPSHOT_HELD_MAX_CHATS } from '../../protocol/limits.js';
import { isSameOrigin } from '../origin.js';
import type { AgentSocketData, ConsoleRecheck } from './agentRooms.js';
import { answerUnknownEvents, type EventLimiters, spend } from './guards.js';
import { handler } from './handler.js';
import { limitInFlight } from './inFlight.js';
import { shedChatTraffic } from './loopShedder.js';
import { inOrder } from './inOrder.js';
import { rooms } from './publisher.js';

const ChatInput = z.object({ chatId: z.uuid('Unknown chat.') });
const ItemInput = z.object({ id: z.uuid('Unknown item.') });
const SeenInput = z
  .object({ chatId: z.uuid('Unknown chat.').optional(), itemId: z.uuid('Unknown item.').optional() })
  .refine((v) => v.chatId || v.itemId, 'Name the chat or the item.');
const StatusInput = z.object({ status: z.enum(['available', 'away']) });
const SendInput = MessageInput.extend({ chatId: z.uuid('Unknown chat.') });
const TypingInput = z.object({ chatId: z.uuid('Unknown chat.'), typing: z.boolean() });
const Seq = z.number().int().min(0).max(2 ** 31 - 1);
const SyncInput = z.object({ chatId: z.uuid('Unknown chat.'), afterSeq: Seq });
const HistoryInput = z.object({
  chatId: z.uuid('Unknown chat.'),
  beforeSeq: Seq.min(1),
  limit: z.number().int().min(1).max(CHAT_HISTORY_MAX_EVENTS).default(CHAT_PAGE_EVENTS),
});
/** Per chat the console shows, the last seq it holds without a hole (it gets only what came after). */
const SnapshotInput = z
  .object({
    held: z
      .record(z.uuid('Unknown chat.'), Seq)
      .refine((held) => Object.keys(held).length <= SNAPSHOT_HELD_MAX_CHATS, `At most ${SNAPSHOT_HELD_MAX_CHATS} chats.`)
      .optional(),
  })
  .loose();

/** Counts this node's sockets per agent (or per customer's chat), for the presence heartbeat. */
export class PresenceTracker {
  private readonly sockets = new Map<string, number>();
  add(userId: string): void {
    this.sockets.set(userId, (this.sockets.get(userId) ?? 0) + 1);
  }
  remove(userId: string): void {
    const left = (this.sockets.get(userId) ?? 1) - 1;
    if (left > 0) this.sockets.set(userId, left);
    else this.sockets.delete(userId);
  }
  connected(): string[] {
    return [...this.sockets.keys()];
  }
  has(key: string): boolean {
    return this.sockets.has(key);
  }
}

/** How often a connected console's session is checked again on its own packets (signed out elsewhere, expiry). */
const SESSION_RECHECK_MS = 30_000;

/** `recheck` says whether the node's chat rooms can be believed without the database (agentRooms.ts). */
export function agentGateway(ns: Namespace, deps: Deps, presence: PresenceTracker, limiters: EventLimiters, recheck: Pick<ConsoleRecheck, 'trusted'>): void {
  ns.use((socket, next) => {
    // A page on another site must not open a console with the agent's cookie (cross-site WebSocket hijacking).
    if (!isSameOrigin(socket.request.headers, deps.config.publicUrl)) return next(new Error('forbidden_origin'));
    const token = parseCookie(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
    sessionFromToken(deps.db, token)
      .then((session) => {
        if (!session || !token) return next(new Error('unauthorized'));
        socket.data = { ...session, token, checkedAt: Date.now(), roomChanges: 0 } satisfies AgentSocketData;
        next();
      })
      .catch((error: unknown) => {
        if (!expectedError(error)) deps.log.error({ err: error }, 'agent handshake failed');
        next(new Error('unavailable'));
      });
  });

  ns.on('connection', async (socket) => {
    const session = socket.data as AgentSocketData;
    const agent: AgentIdentity = { userId: session.userId, clientId: session.clientId, displayName: session.displayName };
    presence.add(agent.userId);
    socket.on('disconnect', () => presence.remove(agent.userId));
    void socket.join([rooms.user(agent.userId), rooms.client(agent.clientId)]);
    answerUnknownEvents(socket);
    // First of the socket's middleware: a shed event, or one past the bound, costs no session check either.
    shedChatTraffic(socket, limiters.loop);
    limitInFlight(socket, deps.config.rateLimits.agentEventsInFlight);
    // A session that ended (signed out elsewhere, expired) stops being served within SESSION_RECHECK_MS of
    // its next packet; the node's console recheck (agentRooms.ts) also closes it without one.
    socket.use((_packet, next) => {
      if (Date.now() - session.checkedAt < SESSION_RECHECK_MS) return next();
      sessionFromToken(deps.db, session.token)
        .then((still) => {
          if (!still) return void socket.disconnect(true);
          session.checkedAt = Date.now();
          next();
        })
        .catch(() => next());
    });

    socket.on(
      'console:snapshot',
      handler(deps.log, SnapshotInput, async ({ held }) => {
        await renewPresence(deps, [agent.userId]);
        const work = await agentWorkload(deps.db, agent, deps.config.offerTimeoutSeconds, new Map(Object.entries(held ?? {})));
        // Ended chats stay on screen for an hour, but their rooms are closed (src/app/chatEnder.ts).
        await socket.join(work.chats.filter((c) => c.status !== 'ended').map((c) => rooms.chat(c.chatId)));
        const offlineOffers = await offlineOffersOf(deps.db, agent.userId, deps.config.offerTimeoutSeconds);
        const whispers = await whispersOf(deps.db, agent.clientId, work.chats.map((c) => c.chatId));
        const notes = await notesOf(deps.db, agent.clientId, work.chats.map((c) => c.chatId));
        // Transfers offered to this agent are offers too; the ones they asked for show as pending.
        const offers = [...work.offers, ...(await transferOffersOf(deps.db, agent))];
        const transfers = await openTransfersOf(deps.db, agent);
        return {
          snapshot: { me: await loadMe(deps.db, agent.userId), state: await agentState(deps.db, agent.userId), ...work, offers, offlineOffers, transfers, whispers, notes },
        };
      }),
    );
    socket.on('status:set', handler(deps.log, StatusInput, async ({ status }) => ({ state: await setAgentStatus(deps, agent.userId, status) })));
    socket.on(
      'offer:accept',
      handler(deps.log, ChatInput, async ({ chatId }) => {
        const chat = await acceptOffer(deps, agent, chatId);
        // This socket joins at once; the Redis adapter's join of the agent's other sockets comes a round trip later.
        // The accept has committed: a failed join must not turn the answer into a failure (chat:sync joins again).
        await Promise.resolve()
          .then(() => socket.join(rooms.chat(chatId)))
          .catch((error: unknown) => deps.log.error({ err: error, chatId }, 'joining the chat room failed'));
        return { chat };
      }),
    );
    socket.on(
      'offer:decline',
      handler(deps.log, ChatInput, async ({ chatId }) => {
        await declineOffer(deps, agent, chatId);
        return {};
      }),
    );
    // The console sends without waiting for each ack: per chat, messages are stored in the order they arrive.
    const sends = inOrder();
    socket.on(
      'message:send',
      handler(deps.log, SendInput, ({ chatId, ...input }) => {
        const arrived = performance.now();
        return sends(chatId, async () => {
          await spend(limiters.messages, `agent:${agent.userId}:${chatId}`, 'messages');
          const event = await sendMessage(deps, { kind: 'agent', agent, chatId, connectionId: socket.id }, input);
          deps.metrics.messageDelivered('agent', (performance.now() - arrived) / 1000);
          return { event };
        });
      }),
    );
    socket.on(
      'typing',
      handler(deps.log, TypingInput, async ({ chatId, typing }) => {
        await spend(limiters.typing, `agent:${agent.userId}:${chatId}`, 'typing updates');
        // In the chat's room exactly while the chat is this agent's and active (src/app/typing.ts).
        await relayAgentTyping(deps, agent, chatId, typing, { follows: socket.rooms.has(rooms.chat(chatId)), trusted: recheck.trusted() });
        return {};
      }),
    );
    socket.on(
      'chat:sync',
      handler(deps.log, SyncInput, async ({ chatId, afterSeq }) => {
        // Per chat: a console coming back syncs each of its open chats once.
        await spend(limiters.sync, `agent:${agent.userId}:${chatId}`, 'sync requests');
        const synced = await syncOwnChat(deps.db, agent, chatId, afterSeq);
        // Only an active chat's room: an offer synced early must not keep its room after a decline.
        if (synced.chat.status === 'active') await socket.join(rooms.chat(chatId));
        return synced;
      }),
    );
    socket.on(
      'chat:history',
      handler(deps.log, HistoryInput, async ({ chatId, beforeSeq, limit }) => {
        // Counted apart from sync (a reader paging back must not hold up a catch-up), at sync's rate.
        await spend(limiters.sync, `agent-history:${agent.userId}:${chatId}`, 'history requests');
        return olderEventsOfOwnChat(deps.db, agent, chatId, beforeSeq, limit);
      }),
    );
    socket.on(
      'offer:seen',
      handler(deps.log, SeenInput, async (offer) => {
        await noteOfferSeen(deps, agent, offer);
        return {};
      }),
    );
    socket.on('offline:accept', handler(deps.log, ItemInput, async ({ id }) => ({ item: await acceptOfflineOffer(deps, agent, id) })));
    socket.on(
      'offline:decline',
      handler(deps.log, ItemInput, async ({ id }) => {
        await declineOfflineOffer(deps, agent, id);
        return {};
      }),
    );
    // Transfers (src/app/transfers.ts): the receiver joins the chat's room on accept, as on offer:accept.
    socket.on('transfer:targets', handler(deps.log, TransferTargetsSchema, async ({ chatId }) => ({ targets: await chatTransferTargets(deps, agent, chatId) })));
    socket.on('transfer:request', handler(deps.log, TransferRequestSchema, async (request) => ({ transfer: await requestTransfer(deps, agent, request) })));
    socket.on(
      'transfer:accept',
      handler(deps.log, TransferAnswerSchema, async ({ transferId }) => {
        const chat = await acceptTransfer(deps, agent, transferId);
        await Promise.resolve()
          .then(() => socket.join(rooms.chat(chat.chatId)))
          .catch((error: unknown) => deps.log.error({ err: error, chatId: chat.chatId }, 'joining the chat room failed'));
        return { chat };
      }),
    );
    socket.on('transfer:cancel', handler(deps.log, TransferAnswerSchema, async ({ transferId }) => ({ transfer: await cancelTransfer(deps, agent, transferId) })));
    socket.on(
      'transfer:decline',
      handler(deps.log, TransferAnswerSchema, async ({ transferId }) => {
        await declineTransfer(deps, agent, transferId);
        return {};
      }),
    );
    socket.on(
      'note:add',
      handler(deps.log, NoteInput, async (input) => {
        await spend(limiters.messages, `note:${agent.userId}:${input.chatId}`, 'notes');
        return { note: await addNote(deps, session, input, true) };
      }),
    );
    socket.on(
      'chat:leave',
      handler(deps.log, ChatInput, async ({ chatId }) => {
        await endChat(deps, { kind: 'agent', agent, chatId });
        return {};
      }),
    );
  });
}
