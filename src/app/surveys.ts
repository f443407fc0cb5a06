/**
 * The post-chat survey (issue 11): once a chat of a queue that asks for it has ended, its customer
 * rates it 1–5 with an optional comment, once. The answer is stored with the queue the chat ended in
 * and every agent who held it (the reports credit each), then acknowledged, and chat.survey is
 * enqueued for webhooks in the same transaction.
 */
import { z } from 'zod';
import { isEmail } from '../domain/dataCollection.js';
import type { Queryable } from '../db/db.js';
import { type AfterChatView, SURVEY_COMMENT_MAX_CHARS, type SurveyCommentView, type SurveyView } from '../protocol/afterChat.js';
import { enqueueSurveyWebhook } from '../webhooks/webhookEvents.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { chatOfToken, type EndedChat, requireEnded } from './transcripts/chatAccess.js';

export const SurveyInput = z.object({
  rating: z.number('Choose a rating from 1 to 5.').int('Choose a rating from 1 to 5.').min(1, 'Choose a rating from 1 to 5.').max(5, 'Choose a rating from 1 to 5.'),
  comment: z.string().trim().max(SURVEY_COMMENT_MAX_CHARS, `At most ${SURVEY_COMMENT_MAX_CHARS} characters.`).default(''),
});

interface SurveyRow extends Record<string, unknown> {
  rating: number;
  comment: string;
  created_at: Date;
}

const viewOf = (r: SurveyRow): SurveyView => ({ rating: Number(r.rating), comment: r.comment, createdAt: new Date(r.created_at).toISOString() });

/** Asked only where the queue asks for it and an agent answered (there is nobody to rate otherwise). */
const surveyAsked = (chat: EndedChat): boolean => chat.survey_enabled && chat.accepted_at !== null;

/** The Data Collection answer to prefill the mail form with: an email field's value, else any value that is an address. */
function emailOf(chat: EndedChat): string | null {
  const { fields, values } = chat.customer_data;
  const typed = fields.find((f) => f.type === 'email' && values[f.id]);
  if (typed) return values[typed.id] ?? null;
  return Object.values(values).find((v) => typeof v === 'string' && isEmail(v)) ?? null;
}

export async function afterChatView(db: Queryable, token: string): Promise<AfterChatView> {
  const chat = await chatOfToken(db, token);
  const [answered] = await db.query('SELECT 1 FROM chat_surveys WHERE chat_id = $1', [chat.id]);
  return {
    ended: chat.status === 'ended',
    survey: answered ? 'done' : chat.status === 'ended' && surveyAsked(chat) ? 'open' : 'off',
    email: emailOf(chat),
  };
}

export async function submitSurvey(deps: Deps, token: string, input: z.infer<typeof SurveyInput>): Promise<SurveyView> {
  const stored = await deps.db.transaction(async (tx) => {
    const chat = await chatOfToken(tx, token, true);
    requireEnded(chat);
    if (!surveyAsked(chat)) throw new AppError('forbidden', 'This chat has no survey.');
    const [row] = await tx.query<SurveyRow>(
      `INSERT INTO chat_surveys (chat_id, client_id, queue_id, agent_ids, rating, comment)
       SELECT $1, $2, $3, coalesce((SELECT array_agg(DISTINCT a.agent_id) FROM chat_acceptances a WHERE a.chat_id = $1), '{}'), $4, $5
       ON CONFLICT (chat_id) DO NOTHING
       RETURNING rating, comment, created_at`,
      [chat.id, chat.client_id, chat.queue_id, input.rating, input.comment],
    );
    // The first answer stands: a second submit (another tab, a retry after a lost answer) changes nothing.
    if (!row) throw new AppError('conflict', 'You have already rated this chat. Thank you!');
    await enqueueSurveyWebhook(tx, chat.id);
    return row;
  });
  deps.wakeWebhooks();
  return viewOf(stored);
}

/** The answers of some chats (history lists), by chat. */
export async function surveysOf(db: Queryable, chatIds: string[]): Promise<Map<string, SurveyView>> {
  if (!chatIds.length) return new Map();
  const rows = await db.query<SurveyRow & { chat_id: string }>('SELECT chat_id, rating, comment, created_at FROM chat_surveys WHERE chat_id = ANY($1::uuid[])', [chatIds]);
  return new Map(rows.map((r) => [r.chat_id, viewOf(r)]));
}

/** The latest answers with a comment in a report's range (the Reports page lists them). */
export async function recentComments(
  db: Queryable,
  p: { clientId: string; from: string; to: string; timeZone: string; queueId: string | null },
  limit = 20,
): Promise<SurveyCommentView[]> {
  const rows = await db.query<SurveyRow & { chat_id: string; queue_name: string; customer_name: string; agent_names: string[] | null }>(
    `SELECT s.chat_id, s.rating, s.comment, s.created_at, q.name AS queue_name, c.customer_name,
            (SELECT array_agg(u.display_name ORDER BY u.display_name) FROM users u WHERE u.id = ANY(s.agent_ids)) AS agent_names
       FROM chat_surveys s JOIN queues q ON q.id = s.queue_id JOIN chats c ON c.id = s.chat_id
      WHERE s.client_id = $1 AND s.comment <> ''
        AND s.created_at >= ($2::date::timestamp AT TIME ZONE $4::text) AND s.created_at < (($3::date + 1)::timestamp AT TIME ZONE $4::text)
        AND ($5::uuid IS NULL OR s.queue_id = $5::uuid)
      ORDER BY s.created_at DESC LIMIT $6`,
    [p.clientId, p.from, p.to, p.timeZone, p.queueId, limit],
  );
  return rows.map((r) => ({ ...viewOf(r), chatId: r.chat_id, queueName: r.queue_name, customerName: r.customer_name, agentNames: r.agent_names ?? [] }));
}
