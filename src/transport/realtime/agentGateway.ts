/** The `/agent` namespace: the agent console, authenticated by the session cookie. */
import { parseCookie } from 'cookie';
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { type AgentIdentity, agentWorkload, olderEventsOfOwnChat, syncOwnChat } from '../../app/agentChats.js';
import { agentState, setAgentStatus, renewPresence } from '../../app/agentStatus.js';
import { type Session, loadMe, sessionFromToken } from '../../app/auth.js';
import { endChat } from '../../app/chatEnder.js';
import type { Deps } from '../../app/deps.js';
import { MessageInput, sendMessage } from '../../app/messageSender.js';
import { noteOfferSeen } from '../../app/offerReceipts.js';
import { acceptOffer, declineOffer } from '../../app/offerResponder.js';
import { acceptOfflineOffer, declineOfflineOffer } from '../../app/offlineOfferResponder.js';
import { offlineOffersOf } from '../../app/offlineRouter.js';
import { relayAgentTyping } from '../../app/typing.js';
import { SESSION_COOKIE } from '../../protocol/http.js';
import { CHAT_HISTORY_MAX_EVENTS, CHAT_PAGE_EVENTS, SNAPSHOT_HELD_MAX_CHATS } from '../../protocol/limits.js';
import { isSameOrigin } from '../origin.js';
import { answerUnknownEvents, type EventLimiters, spend } from './guards.js';
import { handler } from './handler.js';
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

/** How often a connected console's session is checked again (sign-out elsewhere, expiry). */
const SESSION_RECHECK_MS = 30_000;

interface AgentSocketData extends Session {
  token: string;
  checkedAt: number;
}

export function agentGateway(ns: Namespace, deps: Deps, presence: PresenceTracker, limiters: EventLimiters): void {
  ns.use((socket, next) => {
    // A page on another site must not open a console with the agent's cookie (cross-site WebSocket hijacking).
    if (!isSameOrigin(socket.request.headers, deps.config.publicUrl)) return next(new Error('forbidden_origin'));
    const token = parseCookie(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
    sessionFromToken(deps.db, token)
      .then((session) => {
        if (!session || !token) return next(new Error('unauthorized'));
        socket.data = { ...session, token, checkedAt: Date.now() } satisfies AgentSocketData;
        next();
      })
      .catch((error: unknown) => {
        deps.log.error({ err: error }, 'agent handshake failed');
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
    // A session that ended (signed out elsewhere, expired) stops being served within SESSION_RECHECK_MS.
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
        return { snapshot: { me: await loadMe(deps.db, agent.userId), state: await agentState(deps.db, agent.userId), ...work, offlineOffers } };
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
    socket.on(
      'message:send',
      handler(deps.log, SendInput, async ({ chatId, ...input }) => {
        await spend(limiters.messages, `agent:${agent.userId}:${chatId}`, 'messages');
        return { event: await sendMessage(deps, { kind: 'agent', agent, chatId, connectionId: socket.id }, input) };
      }),
    );
    socket.on(
      'typing',
      handler(deps.log, TypingInput, async ({ chatId, typing }) => {
        await spend(limiters.typing, `agent:${agent.userId}:${chatId}`, 'typing updates');
        // In the chat's room exactly while the chat is this agent's and active (src/app/typing.ts).
        relayAgentTyping(deps, agent, chatId, typing, (id) => socket.rooms.has(rooms.chat(id)));
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
    socket.on(
      'chat:leave',
      handler(deps.log, ChatInput, async ({ chatId }) => {
        await endChat(deps, { kind: 'agent', agent, chatId });
        return {};
      }),
    );
  });
}
