/**
 * The `/supervisor` namespace: the portal's live view, for supervisors and
 * admins (session cookie, same origin). A viewer joins its client's board
 * room and gets the board pushed by the node's BoardHub; it may watch chats
 * (read-only: their events, state and typing arrive through the chat's room
 * in this namespace, src/transport/realtime/publisher.ts) and whisper to a
 * chat's agent. Agents are refused at the handshake (`forbidden`).
 */
import { parseCookie } from 'cookie';
import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { type Session, sessionFromToken } from '../../app/auth.js';
import type { BoardHub } from '../../app/boardHub.js';
import { olderWatchedEvents, watchChat } from '../../app/chatWatch.js';
import { CHAT_HISTORY_MAX_EVENTS, CHAT_PAGE_EVENTS } from '../../protocol/limits.js';
import type { Deps } from '../../app/deps.js';
import { expectedError } from '../../app/errors.js';
import { sendWhisper, WhisperInput } from '../../app/whispers.js';
import { addNote, NoteInput } from '../../app/chatNotes.js';
import { SESSION_COOKIE } from '../../protocol/http.js';
import { isSameOrigin } from '../origin.js';
import { answerUnknownEvents, type EventLimiters, spend } from './guards.js';
import { handler } from './handler.js';
import { limitInFlight } from './inFlight.js';
import { rooms } from './publisher.js';

const ChatInput = z.object({ chatId: z.uuid('Unknown chat.') });
const Empty = z.object({}).loose();
/** The same page request as the console's chat:history (agentGateway.ts). */
const HistoryInput = z.object({
  chatId: z.uuid('Unknown chat.'),
  beforeSeq: z.number().int().min(1).max(2 ** 31 - 1),
  limit: z.number().int().min(1).max(CHAT_HISTORY_MAX_EVENTS).default(CHAT_PAGE_EVENTS),
});

/** Who may open the live view. */
export const LIVE_VIEW_ROLES: readonly Session['role'][] = ['supervisor', 'admin'];

/** How often a connected viewer's session is checked again on its own packets (signed out elsewhere, expiry). */
const SESSION_RECHECK_MS = 30_000;
/** Chats one viewer may watch at once (each is a room on every node). */
const WATCH_MAX = 20;

interface ViewerData extends Session {
  token: string;
  checkedAt: number;
}

export function supervisorGateway(ns: Namespace, deps: Deps, hub: BoardHub, limiters: EventLimiters, inFlightMax: number): void {
  ns.use((socket, next) => {
    if (!isSameOrigin(socket.request.headers, deps.config.publicUrl)) return next(new Error('forbidden_origin'));
    const token = parseCookie(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
    sessionFromToken(deps.db, token)
      .then((session) => {
        if (!session || !token) return next(new Error('unauthorized'));
        if (!LIVE_VIEW_ROLES.includes(session.role)) return next(new Error('forbidden'));
        socket.data = { ...session, token, checkedAt: Date.now() } satisfies ViewerData;
        next();
      })
      .catch((error: unknown) => {
        if (!expectedError(error)) deps.log.error({ err: error }, 'live view handshake failed');
        next(new Error('unavailable'));
      });
  });

  ns.on('connection', (socket) => {
    const viewer = socket.data as ViewerData;
    void socket.join([rooms.user(viewer.userId), rooms.board(viewer.clientId)]);
    hub.watch(viewer.clientId);
    const watching = new Set<string>();
    socket.on('disconnect', () => hub.unwatch(viewer.clientId));
    answerUnknownEvents(socket);
    limitInFlight(socket, inFlightMax);
    socket.use((_packet, next) => {
      if (Date.now() - viewer.checkedAt < SESSION_RECHECK_MS) return next();
      sessionFromToken(deps.db, viewer.token)
        .then((still) => {
          if (!still) return void socket.disconnect(true);
          viewer.checkedAt = Date.now();
          next();
        })
        .catch(() => next());
    });

    socket.on(
      'board:get',
      handler(deps.log, Empty, async () => {
        await spend(limiters.sync, `board:${viewer.userId}`, 'requests');
        return { board: await hub.current(viewer.clientId) };
      }),
    );
    socket.on(
      'chat:watch',
      handler(deps.log, ChatInput, async ({ chatId }) => {
        await spend(limiters.sync, `watch:${viewer.userId}:${chatId}`, 'requests');
        if (!watching.has(chatId) && watching.size >= WATCH_MAX) {
          const oldest = watching.values().next().value as string;
          watching.delete(oldest);
          await socket.leave(rooms.chat(oldest));
        }
        // Join first, then read: an event stored in between arrives twice at worst (the page keeps one per seq), never not at all.
        await socket.join(rooms.chat(chatId));
        try {
          const watched = await watchChat(deps.db, viewer, chatId);
          watching.add(chatId);
          return watched;
        } catch (error) {
          await socket.leave(rooms.chat(chatId));
          throw error;
        }
      }),
    );
    socket.on(
      'chat:unwatch',
      handler(deps.log, ChatInput, async ({ chatId }) => {
        watching.delete(chatId);
        await socket.leave(rooms.chat(chatId));
        return {};
      }),
    );
    socket.on(
      'chat:history',
      handler(deps.log, HistoryInput, async ({ chatId, beforeSeq, limit }) => {
        await spend(limiters.sync, `watch-history:${viewer.userId}:${chatId}`, 'history requests');
        return olderWatchedEvents(deps.db, viewer, chatId, beforeSeq, limit);
      }),
    );
    socket.on(
      'whisper:send',
      handler(deps.log, WhisperInput, async (input) => {
        await spend(limiters.messages, `whisper:${viewer.userId}:${input.chatId}`, 'whispers');
        return { whisper: await sendWhisper(deps, viewer, input) };
      }),
    );
    socket.on(
      'note:add',
      handler(deps.log, NoteInput, async (input) => {
        await spend(limiters.messages, `note:${viewer.userId}:${input.chatId}`, 'notes');
        return { note: await addNote(deps, viewer, input, false) };
      }),
    );
  });
}
