/** The agent console's HTTP routes: chat history and answering offline items. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AgentIdentity } from '../../app/agentChats.js';
import type { Session } from '../../app/auth.js';
import { historyTranscript, searchHistory } from '../../app/chatHistory.js';
import type { Deps } from '../../app/deps.js';
import { CallbackOutcomeInput, recordCallbackOutcome, replyToLeftMessage, ReplyInput } from '../../app/offlineWork.js';
import { parseInput } from '../validate.js';
import { requireSession } from './session.js';

const HistoryQuery = z.object({ q: z.string().max(200, 'Search at most 200 characters.').default('') });
const ChatParams = z.object({ chatId: z.uuid('Unknown chat.') });
const ItemParams = z.object({ id: z.uuid('Unknown item.') });
const STAFF: Session['role'][] = ['admin', 'supervisor', 'agent'];

const identity = (s: Session): AgentIdentity => ({ userId: s.userId, clientId: s.clientId, displayName: s.displayName });

export function agentRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/agent/history', async (request) => {
    const session = await requireSession(deps, request, STAFF);
    const { q } = parseInput(HistoryQuery, request.query);
    return { chats: await searchHistory(deps.db, identity(session), q) };
  });

  app.get('/api/agent/history/:chatId', async (request) => {
    const session = await requireSession(deps, request, STAFF);
    const { chatId } = parseInput(ChatParams, request.params);
    return { chat: await historyTranscript(deps.db, identity(session), chatId) };
  });

  app.post('/api/agent/offline-items/:id/reply', async (request) => {
    const session = await requireSession(deps, request, STAFF);
    const { id } = parseInput(ItemParams, request.params);
    return { item: await replyToLeftMessage(deps, identity(session), id, parseInput(ReplyInput, request.body)) };
  });

  app.post('/api/agent/offline-items/:id/outcome', async (request) => {
    const session = await requireSession(deps, request, STAFF);
    const { id } = parseInput(ItemParams, request.params);
    return { item: await recordCallbackOutcome(deps, identity(session), id, parseInput(CallbackOutcomeInput, request.body)) };
  });
}
