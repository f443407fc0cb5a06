/** Maps stored rows to the wire views of src/protocol/views.ts. */
import type { Queryable } from '../db/db.js';
import type { AgentPublicView, ChatEventView, ChatStateView, ChatStatus, EndedBy, FormFieldView, LabelledValue, SystemEventType } from '../protocol/views.js';
import { DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, type WaitInputs } from '../domain/waitEstimate.js';
import { type QueueConfig, QueueConfigSchema } from '../domain/queueConfig.js';
import { isOpenAt } from '../domain/schedule.js';
import { averageHandleSeconds, queueStaffing, waitObservations } from './queues.js';

export const DEFAULT_AVATAR_URL = '/static/default-avatar.svg';

export interface EventRow extends Record<string, unknown> {
  chat_id: string;
  seq: number;
  kind: 'message' | 'system';
  author: 'customer' | 'agent' | 'system';
  author_name: string;
  body: string;
  system_type: string | null;
  client_msg_id: string | null;
  created_at: Date;
}

export function toEventView(row: EventRow): ChatEventView {
  return {
    chatId: row.chat_id,
    seq: row.seq,
    kind: row.kind,
    author: row.author,
    authorName: row.author_name,
    body: row.body,
    system: (row.system_type as SystemEventType | null) ?? null,
    clientMsgId: row.client_msg_id,
    at: new Date(row.created_at).toISOString(),
  };
}

export async function eventsAfter(db: Queryable, chatId: string, afterSeq: number): Promise<ChatEventView[]> {
  const rows = await db.query<EventRow>('SELECT * FROM chat_events WHERE chat_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000', [
    chatId,
    afterSeq,
  ]);
  return rows.map(toEventView);
}

export interface ChatRow extends Record<string, unknown> {
  id: string;
  client_id: string;
  queue_id: string;
  status: ChatStatus;
  customer_name: string;
  customer_data: { fields: FormFieldView[]; values: Record<string, string> };
  agent_id: string | null;
  queued_at: Date;
  accepted_at: Date | null;
  ended_by: EndedBy | null;
  passed_by: string[];
  last_seq: number;
}

export function collectedData(chat: Pick<ChatRow, 'customer_data'>): LabelledValue[] {
  const { fields, values } = chat.customer_data;
  return fields.filter((f) => values[f.id]).map((f) => ({ label: f.label, value: values[f.id] ?? '' }));
}

export function agentPictureUrl(userId: string, pictureVersion: Date | null, policy: QueueConfig['agentDisplay']): string | null {
  if (policy === 'none') return null;
  if (policy === 'default' || !pictureVersion) return DEFAULT_AVATAR_URL;
  return `/api/public/avatars/${userId}?v=${new Date(pictureVersion).getTime()}`;
}

/** 1-based place in line among the queue's waiting chats (FIFO by queued_at). */
export async function placeInLine(db: Queryable, chat: Pick<ChatRow, 'id' | 'queue_id' | 'queued_at'>): Promise<number> {
  const [row] = await db.query<{ ahead: number }>(
    `SELECT count(*)::int AS ahead FROM chats
      WHERE queue_id = $1 AND status = 'queued' AND (queued_at < $2 OR (queued_at = $2 AND id < $3))`,
    [chat.queue_id, chat.queued_at, chat.id],
  );
  return (row?.ahead ?? 0) + 1;
}

/** The customer's view of their chat, with place, estimate and agent as the queue's settings allow. */
/** Everything the wait estimate needs about a queue, besides the customer's place in line. */
export type WaitContext = Omit<WaitInputs, 'position'>;

export async function loadWaitContext(db: Queryable, queueId: string): Promise<WaitContext> {
  const staffing = await queueStaffing(db, queueId);
  return {
    ...staffing,
    averageHandleSeconds: (await averageHandleSeconds(db, queueId)) ?? DEFAULT_HANDLE_SECONDS,
    ...(await waitObservations(db, queueId)),
  };
}

type StateRow = ChatRow & { slug: string; config: unknown; agent_name: string | null; picture_updated_at: Date | null };

const SELECT_STATE = `SELECT c.*, q.slug, q.config, u.display_name AS agent_name, u.picture_updated_at
  FROM chats c JOIN queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.agent_id`;

/** The view, once the place in line and the queue's wait figures are known (null when not waiting). */
function stateView(row: StateRow, config: QueueConfig, position: number | null, context: WaitContext | null): ChatStateView {
  let estimatedWaitSeconds: number | null = null;
  if (config.showEstimatedWait && row.status === 'queued' && position !== null && context) {
    estimatedWaitSeconds = estimateWaitSeconds({ position, ...context });
  } else if (config.showEstimatedWait && row.status === 'offered') {
    estimatedWaitSeconds = 0;
  }
  const agent: AgentPublicView | null =
    row.agent_id && row.agent_name && row.accepted_at
      ? { name: row.agent_name, pictureUrl: agentPictureUrl(row.agent_id, row.picture_updated_at, config.agentDisplay) }
      : null;
  const waiting = row.status === 'queued' || row.status === 'offered';
  return {
    chatId: row.id,
    queueSlug: row.slug,
    status: row.status,
    // Offered: the customer is next, about to be connected.
    position: row.status === 'offered' ? 1 : position,
    estimatedWaitSeconds,
    agent,
    endedBy: row.ended_by,
    queueClosed: waiting && !(config.open && isOpenAt(config.workingHours, new Date())),
    waitingSince: waiting ? new Date(row.queued_at).toISOString() : null,
  };
}

/** The customer's view of their chat, with place, estimate and agent as the queue's settings allow. */
export async function customerState(db: Queryable, chatId: string): Promise<ChatStateView> {
  const [row] = await db.query<StateRow>(`${SELECT_STATE} WHERE c.id = $1`, [chatId]);
  if (!row) throw new Error(`chat ${chatId} vanished`);
  // Parsed, not cast: keys added to the schema later get their defaults on older rows.
  const config = QueueConfigSchema.parse(row.config);
  const position = row.status === 'queued' ? await placeInLine(db, row) : null;
  const context = position !== null && config.showEstimatedWait ? await loadWaitContext(db, row.queue_id) : null;
  return stateView(row, config, position, context);
}

/**
 * Every waiting customer's view in a queue, in one query (places by a window
 * function) and one load of the queue's wait figures: what placeBroadcaster
 * sends after the line moves.
 */
export async function waitingStates(db: Queryable, queueId: string): Promise<ChatStateView[]> {
  const rows = await db.query<StateRow & { place: number | null }>(
    `SELECT w.* FROM (
       SELECT c.*, q.slug, q.config, NULL::text AS agent_name, NULL::timestamptz AS picture_updated_at,
              (CASE WHEN c.status = 'queued'
                    THEN row_number() OVER (PARTITION BY c.status = 'queued' ORDER BY c.queued_at, c.id) END)::int AS place
         FROM chats c JOIN queues q ON q.id = c.queue_id
        WHERE c.queue_id = $1 AND c.status IN ('queued', 'offered')) w
      ORDER BY w.queued_at, w.id LIMIT 1000`,
    [queueId],
  );
  const first = rows[0];
  if (!first) return [];
  const config = QueueConfigSchema.parse(first.config);
  const context = config.showEstimatedWait ? await loadWaitContext(db, queueId) : null;
  return rows.map((row) => stateView(row, config, row.place, context));
}
