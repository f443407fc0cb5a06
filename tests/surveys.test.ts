/**
 * The post-chat survey, on every backend: configured per queue in General Settings (off by default),
 * offered once the chat has ended (whichever side ended it) and only to a chat an agent answered,
 * answered once (a second submit is refused and changes nothing), stored with the queue and every
 * agent who held the chat, told to webhooks (chat.survey), and counted in the reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { SURVEY_COMMENT_MAX_CHARS } from '../src/protocol/afterChat.js';
import type { Result } from '../src/protocol/errors.js';
import type { AgentReportFigures, QueueReportFigures, ReportView } from '../src/protocol/reports.js';
import type { ChatHistoryItem } from '../src/protocol/views.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { agentOnline, asCustomer, conversation } from './support/endedChat.js';
import { type AgentSocket, api, call, signIn, startTestNode } from './support/testNode.js';

const AFTER = '/api/public/chat/after';
const SURVEY = '/api/public/chat/survey';

describe.each(backends())('post-chat survey on $name', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  let node: RunningNode;
  let sophie: AgentSocket;
  let admin: string;
  let supportId: string;

  const general = async (surveyEnabled: unknown) => {
    const queue = (await api(node, 'GET', `/api/admin/queues/${supportId}`, undefined, admin)).body;
    const { name, open, agentDisplay, waitingMessages, showEstimatedWait } = queue;
    return api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, { name, open, agentDisplay, waitingMessages, showEstimatedWait, surveyEnabled }, admin);
  };

  beforeAll(async () => {
    ({ db, drop } = await backend.open());
    node = await startTestNode(db);
    admin = await signIn(node, 'admin@demo.example');
    supportId = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'"))[0]!.id;
    sophie = await agentOnline(node, 'sophie@demo.example');
  });
  afterAll(async () => {
    sophie?.disconnect();
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('asks nothing when the queue has no survey', async () => {
    const { token, customer } = await conversation(node, sophie, ['Hello', 'Hi']);
    expect((await call<Result>(customer, 'chat:end', {})).ok).toBe(true);
    customer.disconnect();
    expect((await asCustomer(node, token, 'GET', AFTER)).body).toEqual({ ended: true, survey: 'off', email: 'ana@example.com' });
    const refused = await asCustomer(node, token, 'POST', SURVEY, { rating: 5 });
    expect(refused.status).toBe(403);
    expect(await db.query('SELECT * FROM chat_surveys')).toEqual([]);
  });

  it('is switched on in General Settings, a bad value refused naming the field', async () => {
    const bad = await general('yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('surveyEnabled');
    const saved = await general(true);
    expect(saved.status).toBe(200);
    expect(saved.body.surveyEnabled).toBe(true);
  });

  it('is offered after the agent ends the chat, validated, stored once with the queue and agent, and a second answer is refused', async () => {
    // A webhook that takes chat.survey: the answer enqueues a delivery in its transaction.
    const hook = await api(node, 'POST', '/api/admin/webhooks', { url: 'https://hooks.example.com/rc', description: 'CRM', events: ['chat.survey'] }, admin);
    expect(hook.status).toBe(201);
    const { chatId, token, customer } = await conversation(node, sophie, ['My order', 'Sorted']);
    const during = await asCustomer(node, token, 'GET', AFTER);
    expect(during.body).toMatchObject({ ended: false, survey: 'off' });
    expect((await asCustomer(node, token, 'POST', SURVEY, { rating: 4 })).status).toBe(409);

    expect((await call<Result>(sophie, 'chat:leave', { chatId })).ok).toBe(true);
    customer.disconnect();
    expect((await asCustomer(node, token, 'GET', AFTER)).body).toEqual({ ended: true, survey: 'open', email: 'ana@example.com' });

    const bad = await asCustomer(node, token, 'POST', SURVEY, { rating: 6, comment: 'x'.repeat(SURVEY_COMMENT_MAX_CHARS + 1) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['comment', 'rating']);
    expect((await asCustomer(node, token, 'POST', SURVEY, { rating: 2.5 })).status).toBe(400);
    expect(await db.query('SELECT * FROM chat_surveys')).toEqual([]);

    const first = await asCustomer(node, token, 'POST', SURVEY, { rating: 4, comment: '  Quick and kind  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rating: 4, comment: 'Quick and kind' });
    const second = await asCustomer(node, token, 'POST', SURVEY, { rating: 1, comment: 'Changed my mind' });
    expect(second.status).toBe(409);
    expect(second.body.error.id).toBe('conflict');

    const sophieId = (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'"))[0]!.id;
    const rows = await db.query<{ chat_id: string; queue_id: string; agent_ids: string[]; rating: number; comment: string }>(
      'SELECT chat_id, queue_id, agent_ids, rating, comment FROM chat_surveys',
    );
    expect(rows).toEqual([{ chat_id: chatId, queue_id: supportId, agent_ids: [sophieId], rating: 4, comment: 'Quick and kind' }]);
    expect((await asCustomer(node, token, 'GET', AFTER)).body.survey).toBe('done');

    const [delivery] = await db.query<{ payload: { type: string; data: { chat: { id: string }; survey: { rating: number; comment: string } } } }>(
      "SELECT payload FROM webhook_deliveries WHERE event = 'chat.survey'",
    );
    expect(delivery?.payload).toMatchObject({ type: 'chat.survey', data: { chat: { id: chatId }, survey: { rating: 4, comment: 'Quick and kind' } } });
    expect((await db.query("SELECT 1 FROM webhook_deliveries WHERE event = 'chat.survey'")).length).toBe(1);

    // The answer shows in history and in the reports, for the queue and for the agent, with its comment.
    const history = (await api(node, 'GET', '/api/agent/history', undefined, admin)).body.chats as ChatHistoryItem[];
    expect(history.find((c) => c.chatId === chatId)?.survey).toMatchObject({ rating: 4, comment: 'Quick and kind' });
    const today = new Date().toISOString().slice(0, 10);
    const report = async (subject: string) =>
      (await api(node, 'GET', `/api/admin/reports?subject=${subject}&groupBy=day&from=${today}&to=${today}&timeZone=UTC`, undefined, admin)).body as ReportView;
    const byQueue = await report('queue');
    expect(byQueue.overall as QueueReportFigures).toMatchObject({ surveys: 1, averageRating: 4, ratings: [0, 0, 0, 1, 0] });
    expect(byQueue.comments).toEqual([expect.objectContaining({ chatId, rating: 4, comment: 'Quick and kind', queueName: 'Support', agentNames: ['Sophie'] })]);
    const byAgent = await report('agent');
    expect(byAgent.totals.find((t) => t.name === 'Sophie')?.figures as AgentReportFigures).toMatchObject({ surveys: 1, averageRating: 4 });
  });

  it('is offered when the customer ends the chat too, and never to a token of another chat', async () => {
    const { token, customer } = await conversation(node, sophie, ['Again', 'Yes?']);
    expect((await call<Result>(customer, 'chat:end', {})).ok).toBe(true);
    customer.disconnect();
    expect((await asCustomer(node, token, 'GET', AFTER)).body.survey).toBe('open');
    expect((await asCustomer(node, token, 'POST', SURVEY, { rating: 5 })).status).toBe(201);
    expect((await asCustomer(node, 'not-a-token-of-anyone-at-all', 'POST', SURVEY, { rating: 5 })).status).toBe(401);
    expect((await db.query('SELECT 1 FROM chat_surveys')).length).toBe(2);
  });
});
