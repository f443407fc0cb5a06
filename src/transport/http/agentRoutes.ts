/** The agent console's HTTP routes: chat history and answering offline items. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AgentIdentity } from '../../app/agentChats.js';
import type { Session } from '../../app/auth.js';
import { type HistoryReader, historyTranscript, searchHistory } from '../../app/chatHistory.js';
import type { Deps } from '../../app/deps.js';
import { CallbackOutcomeInput, recordCallbackOutcome, replyToLeftMessage, ReplyInput } from '../../app/offlineWork.js';
import { parseInput } from '../validate.js';
import { routeDoc } from './apiDocs.js';
import { ChatParams, chatIdOf } from './chatParams.js';
import { type Caller, requireCaller } from './caller.js';
import { requireSession } from './session.js';

const HistoryQuery = z.object({ q: z.string().max(200, 'Search at most 200 characters.').default('') });
const ItemParams = z.object({ id: z.uuid('Unknown item.') });
const STAFF: Session['role'][] = ['admin', 'supervisor', 'agent'];

const identity = (s: Session): AgentIdentity => ({ userId: s.userId, clientId: s.clientId, displayName: s.displayName });
/** An agent reads their own past chats; admins, supervisors and an API token the whole client's. */
const historyReader = (c: Caller): HistoryReader => (c.viaToken || c.role !== 'agent' ? { clientId: c.clientId, wholeClient: true } : identity(c));

export function agentRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/api/agent/history', { schema: routeDoc('GET', { tag: 'agent', access: 'session', scope: 'chats:read', summary: 'Past chats, searchable, with their survey answers (an agent: their own; admins, supervisors, a token: the whole client)', querystring: HistoryQuery }) }, async (request) => {
    const caller = await requireCaller(deps, request, STAFF, 'chats:read');
    const { q } = parseInput(HistoryQuery, request.query);
    return { chats: await searchHistory(deps.db, historyReader(caller), q) };
  });

  app.get('/api/agent/history/:chatId', { schema: routeDoc('GET', { tag: 'agent', access: 'session', scope: 'chats:read', summary: 'The transcript of a past chat (an agent: the chats they held, else 403; an unknown or other client’s id: 404)', params: ChatParams }) }, async (request) => {
    const caller = await requireCaller(deps, request, STAFF, 'chats:read');
    const chatId = chatIdOf(request.params);
    return { chat: await historyTranscript(deps.db, historyReader(caller), chatId) };
  });

  app.post('/api/agent/offline-items/:id/reply', { schema: routeDoc('POST', { tag: 'agent', access: 'session', summary: 'Reply to a left message by mail', params: ItemParams, body: ReplyInput }) }, async (request) => {
    const session = await requireSession(deps, request, STAFF);
    const { id } = parseInput(ItemParams, request.params);
    return { item: await replyToLeftMessage(deps, identity(session), id, parseInput(ReplyInput, request.body)) };
  });

  app.post('/api/agent/offline-items/:id/outcome', { schema: routeDoc('POST', { tag: 'agent', access: 'session', summary: 'Record the outcome of a callback', params: ItemParams, body: CallbackOutcomeInput }) }, async (request) => {
    const session = await requireSession(deps, request, STAFF);
    const { id } = parseInput(ItemParams, request.params);
    return { item: await recordCallbackOutcome(deps, identity(session), id, parseInput(CallbackOutcomeInput, request.body)) };
  });
}
