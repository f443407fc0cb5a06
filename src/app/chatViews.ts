/** Maps stored rows to the wire views of src/protocol/views.ts. */
import type { Queryable } from '../db/db.js';
import type { AgentPublicView, ChatEventView, ChatStateView, ChatStatus, EndedBy, FormFieldView, LabelledValue, SystemEventType } from '../protocol/views.js';
import type { SystemLine } from '../protocol/systemLines.js';
import type { AttachmentView } from '../protocol/attachments.js';
import { estimateLineWaitSeconds } from '../domain/waitEstimate.js';
import { type QueueConfig, QueueConfigSchema } from '../domain/queueConfig.js';
import { isOpenAt } from '../domain/schedule.js';
import { loadQueueStatistics, type QueueStatistics } from './queueStatistics.js';

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
  /** jsonb: PGlite and pg both answer it parsed. */
  line: SystemLine | null;
  /** jsonb: the file of an attachment message (migration 25); absent from rows of older queries' column lists. */
  attachment?: AttachmentView | null;
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
    line: row.line ?? null,
    attachment: row.attachment ?? null,
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
  /** Counts the changes of status and agent (migration 32): the customer's page keeps the newest state. */
  state_version: number;
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

type StateRow = ChatRow & { slug: string; config: unknown; agent_name: string | null; picture_updated_at: Date | null };

/** What a customer's view is made of: a chat's row, or a waiting customer's narrow line row. */
type ViewRow = Pick<
  StateRow,
  'id' | 'slug' | 'status' | 'state_version' | 'queued_at' | 'agent_id' | 'agent_name' | 'accepted_at' | 'picture_updated_at' | 'ended_by'
>;

/** A customer in the line, as waitingStates reads it. */
interface LineRow extends Record<string, unknown> {
  id: string;
  status: ChatStatus;
  state_version: number;
  queued_at: Date;
  place: number | null;
}

/**
 * The view, once known: the place in line and the estimate of a waiting customer (null otherwise), and
 * whether the queue is open (read once for a whole line).
 */
function stateView(row: ViewRow, config: QueueConfig, position: number | null, line: LineNow, queueOpen: boolean): ChatStateView {
  let estimatedWaitSeconds: number | null = null;
  if (config.showEstimatedWait && row.status === 'queued') estimatedWaitSeconds = line.estimate;
  else if (config.showEstimatedWait && row.status === 'offered') estimatedWaitSeconds = 0;
  const agent: AgentPublicView | null =
    row.agent_id && row.agent_name && row.accepted_at
      ? { name: row.agent_name, pictureUrl: agentPictureUrl(row.agent_id, row.picture_updated_at, config.agentDisplay) }
      : null;
  const waiting = row.status === 'queued' || row.status === 'offered';
  return {
    chatId: row.id,
    queueSlug: row.slug,
    status: row.status,
    version: row.state_version,
    // Offered: the customer is next, about to be connected.
    position: row.status === 'offered' ? 1 : position,
    estimatedWaitSeconds,
    agent,
    endedBy: row.ended_by,
    queueClosed: waiting && !queueOpen,
    nobodyAvailable: row.status === 'queued' && queueOpen && line.staffed === 0,
    waitingSince: waiting ? new Date(row.queued_at).toISOString() : null,
  };
}

/** Estimates for the given places, when the queue shows them (one read of the queue's statistics for all). */
const isOpenNow = (config: QueueConfig): boolean => config.open && isOpenAt(config.workingHours, new Date());

/** What a waiting customer is told besides their place: the estimate, and how many agents serve the line. */
interface LineNow {
  estimate: number | null;
  staffed: number | null;
}
const NOT_WAITING: LineNow = { estimate: null, staffed: null };

/**
 * For the given places: the queue's statistics read once (also when the queue hides the estimate, so
 * that a line nobody serves is said to be so), the estimates walked for all places at once.
 */
async function lineFor(db: Queryable, queueId: string, config: QueueConfig, places: number[], known?: QueueStatistics): Promise<LineNow[]> {
  if (!places.length) return [];
  const statistics = known ?? (await loadQueueStatistics(db, queueId, config.expectedHandleMinutes * 60));
  const estimates = config.showEstimatedWait ? estimateLineWaitSeconds(statistics, places) : places.map(() => null);
  return estimates.map((estimate) => ({ estimate, staffed: statistics.staffedAgents }));
}

/**
 * The customer's view of their chat, with place, estimate and agent as the queue's settings allow:
 * the chat with its place in line (counted in the same statement), plus the queue's statistics when
 * the customer waits (read here unless the caller has just read them: a chat start).
 */
export async function customerState(db: Queryable, chatId: string, statistics?: QueueStatistics): Promise<ChatStateView> {
  const [row] = await db.query<StateRow & { place: number | null }>(
    `SELECT c.*, q.slug, q.config, u.display_name AS agent_name, u.picture_updated_at,
            CASE WHEN c.status = 'queued' THEN 1 + (
              SELECT count(*)::int FROM chats w
               WHERE w.queue_id = c.queue_id AND w.status = 'queued'
                 AND (w.queued_at < c.queued_at OR (w.queued_at = c.queued_at AND w.id < c.id))) END AS place
       FROM chats c JOIN queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.agent_id
      WHERE c.id = $1`,
    [chatId],
  );
  if (!row) throw new Error(`chat ${chatId} vanished`);
  // Parsed, not cast: keys added to the schema later get their defaults on older rows.
  const config = QueueConfigSchema.parse(row.config);
  const [line = NOT_WAITING] = row.place !== null ? await lineFor(db, row.queue_id, config, [row.place], statistics) : [];
  return stateView(row, config, row.place, line, isOpenNow(config));
}

/**
 * Every waiting customer's view in a queue, in three queries whatever the length of the line: the
 * queue's settings, the line with places (a window function), and the queue's statistics; the
 * estimates of the whole line are then walked at once (estimateLineWaitSeconds). What
 * placeBroadcaster sends after the line moves.
 *
 * The line reads only the columns a waiting customer's view needs, and the queue's settings once:
 * with the settings joined to every row (and the chats' form data read along), a line of 500 was
 * megabytes a read, and a burst of arrivals spent most of its database time here (the
 * many-nodes benchmark's wave: docs/ARCHITECTURE.md "Performance").
 */
export async function waitingStates(db: Queryable, queueId: string): Promise<ChatStateView[]> {
  const [queue] = await db.query<{ slug: string; config: unknown }>('SELECT slug, config FROM queues WHERE id = $1', [queueId]);
  if (!queue) return [];
  const rows = await db.query<LineRow>(
    `SELECT id, status, state_version, queued_at, place FROM (
       SELECT c.id, c.status, c.state_version, c.queued_at,
              (CASE WHEN c.status = 'queued'
                    THEN row_number() OVER (PARTITION BY c.status = 'queued' ORDER BY c.queued_at, c.id) END)::int AS place
         FROM chats c
        WHERE c.queue_id = $1 AND c.status IN ('queued', 'offered')) w
      ORDER BY w.queued_at, w.id LIMIT 1000`,
    [queueId],
  );
  if (!rows.length) return [];
  const config = QueueConfigSchema.parse(queue.config);
  const queued = rows.filter((row) => row.place !== null);
  const lines = await lineFor(db, queueId, config, queued.map((row) => row.place as number));
  const lineOf = new Map(queued.map((row, i) => [row.id, lines[i] ?? NOT_WAITING]));
  const open = isOpenNow(config);
  // Nobody in the line has an agent yet: the view's agent fields are empty.
  const waiting = (row: LineRow): ViewRow => ({ ...row, slug: queue.slug, agent_id: null, agent_name: null, accepted_at: null, picture_updated_at: null, ended_by: null });
  return rows.map((row) => stateView(waiting(row), config, row.place, lineOf.get(row.id) ?? NOT_WAITING, open));
}
