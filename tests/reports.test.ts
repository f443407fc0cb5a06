/**
 * Reports, on every backend: a seeded history of chats, declined and
 * timed-out offers and offline work, over days that cross a daylight-saving
 * change, gives per queue and per agent, by day and by hour, exactly what a
 * plain re-computation in JavaScript (post-chat survey answers included) (Intl for the local buckets) gives;
 * a real decline through the console is counted; bad queries are refused
 * naming the field; agents are refused, another client sees nothing, a
 * chats:read API token may read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import { migrations } from '../src/db/migrations.js';
import type { AgentReportFigures, QueueReportFigures, ReportView } from '../src/protocol/reports.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { createClient } from './support/factories.js';
import { api, call, connectAgent, nextEvent, signIn, startTestNode } from './support/testNode.js';

const ZONE = 'America/New_York';
// 2026-10-29 … 2026-11-04: clocks go back on Sunday 1 November (a 25-hour day).
const FROM = '2026-10-29';
const TO = '2026-11-04';
const T0 = Date.parse('2026-10-29T04:00:00Z'); // local midnight, EDT
const SPAN_MS = 7 * 86_400_000;

/** A seeded random (mulberry32): the same history on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface PastChat {
  queue: string;
  agent: string | null;
  queuedAt: number;
  acceptedAt: number | null;
  endedAt: number;
  endedBy: string;
  /** The wait estimate shown when the customer joined (seconds), when one was. */
  estimate: number | null;
}
interface PastOutcome {
  queue: string;
  agent: string;
  outcome: 'declined' | 'timed_out';
  at: number;
}
interface PastSurvey {
  queue: string;
  /** Every agent who held the chat: each is credited. */
  agents: string[];
  rating: number;
  comment: string;
  at: number;
}
interface PastItem {
  queue: string;
  kind: 'message' | 'callback';
  createdAt: number;
  handledAt: number | null;
  handledBy: string | null;
}

/** A transfer of a past chat; only accepted ones count. */
interface PastTransfer {
  fromQueue: string;
  toQueue: string | null;
  fromAgent: string;
  toAgent: string | null;
  at: number;
  state: 'accepted' | 'refused' | 'offered';
}
/** One end of a transfer as a report counts it: whose (a queue or an agent), in or out, when. */
interface TransferEnd {
  key: string;
  direction: 'in' | 'out';
  at: number;
  fromQueue: string;
}
/** Per queue: to a queue is "in" there and "out" of the chat's queue; between agents moves nothing between queues. */
function queueEnds(ts: PastTransfer[]): TransferEnd[] {
  return ts
    .filter((t) => t.state === 'accepted' && t.toQueue)
    .flatMap((t) => [
      { key: t.toQueue!, direction: 'in' as const, at: t.at, fromQueue: t.fromQueue },
      { key: t.fromQueue, direction: 'out' as const, at: t.at, fromQueue: t.fromQueue },
    ]);
}
/** Per agent: every transfer they made that happened is "out"; one to them they accepted is "in". */
function agentEnds(ts: PastTransfer[]): TransferEnd[] {
  return ts
    .filter((t) => t.state === 'accepted')
    .flatMap((t) => [
      { key: t.fromAgent, direction: 'out' as const, at: t.at, fromQueue: t.fromQueue },
      ...(t.toAgent ? [{ key: t.toAgent, direction: 'in' as const, at: t.at, fromQueue: t.fromQueue }] : []),
    ]);
}
const moved = (ends: TransferEnd[]) => ({ transferredIn: ends.filter((e) => e.direction === 'in').length, transferredOut: ends.filter((e) => e.direction === 'out').length });

const localParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
function bucketOf(ms: number, groupBy: 'day' | 'hour'): string {
  const p = Object.fromEntries(localParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${groupBy === 'hour' ? p.hour : '00'}:00`;
}
const inRange = (ms: number) => ms >= T0 && ms < T0 + SPAN_MS + 3_600_000; // the 25-hour day adds an hour
const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
function percentile(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  return Math.round(s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo));
}

function expectedSurveys(surveys: PastSurvey[]): Pick<QueueReportFigures, 'surveys' | 'averageRating' | 'ratings'> {
  const ratings = surveys.map((s) => s.rating);
  const count = (n: number) => ratings.filter((r) => r === n).length;
  return {
    surveys: ratings.length,
    averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
    ratings: [count(1), count(2), count(3), count(4), count(5)],
  };
}

/** The estimate's accuracy over answered customers who were shown one: medians of |estimate − wait| and estimate − wait. */
function expectedAccuracy(answered: PastChat[]): Pick<QueueReportFigures, 'estimatesChecked' | 'medianEstimateErrorSeconds' | 'medianEstimateBiasSeconds'> {
  const shown = answered.filter((c) => c.estimate !== null);
  const signed = shown.map((c) => c.estimate! - (c.acceptedAt! - c.queuedAt) / 1000);
  const bias = percentile(signed, 0.5);
  return {
    estimatesChecked: shown.length,
    medianEstimateErrorSeconds: percentile(signed.map(Math.abs), 0.5),
    // JSON has no negative zero: a bias that rounds to −0 arrives as 0.
    medianEstimateBiasSeconds: bias === null ? null : bias + 0,
  };
}

function expectedQueue(chats: PastChat[], outcomes: PastOutcome[], items: PastItem[], surveys: PastSurvey[] = [], ends: TransferEnd[] = []): QueueReportFigures {
  const answered = chats.filter((c) => c.acceptedAt !== null);
  const abandoned = chats.filter((c) => c.acceptedAt === null && c.endedBy === 'customer');
  const waits = answered.map((c) => (c.acceptedAt! - c.queuedAt) / 1000);
  const inTarget = waits.filter((w) => w <= 60).length;
  const handled = items.filter((i) => i.handledAt !== null);
  return {
    offered: chats.length,
    answered: answered.length,
    abandoned: abandoned.length,
    averageAbandonSeconds: mean(abandoned.map((c) => (c.endedAt! - c.queuedAt) / 1000)),
    answeredInTarget: inTarget,
    serviceLevel: answered.length + abandoned.length ? inTarget / (answered.length + abandoned.length) : null,
    averageWaitSeconds: mean(waits),
    p90WaitSeconds: percentile(waits, 0.9),
    averageHandleSeconds: mean(answered.filter((c) => c.endedAt !== null).map((c) => (c.endedAt! - c.acceptedAt!) / 1000)),
    ...expectedAccuracy(answered),
    offersDeclined: outcomes.filter((o) => o.outcome === 'declined').length,
    offersTimedOut: outcomes.filter((o) => o.outcome === 'timed_out').length,
    leftMessages: items.filter((i) => i.kind === 'message').length,
    callbacks: items.filter((i) => i.kind === 'callback').length,
    offlineHandled: handled.length,
    medianOfflineHandleSeconds: percentile(
      handled.map((i) => (i.handledAt! - i.createdAt) / 1000),
      0.5,
    ),
    ...expectedSurveys(surveys),
    ...moved(ends),
  };
}

function expectedAgent(chats: PastChat[], outcomes: PastOutcome[], items: PastItem[], surveys: PastSurvey[] = [], ends: TransferEnd[] = []): AgentReportFigures {
  const handles = chats.filter((c) => c.endedAt !== null).map((c) => (c.endedAt! - c.acceptedAt!) / 1000);
  return {
    answered: chats.length,
    averageHandleSeconds: mean(handles),
    p90HandleSeconds: percentile(handles, 0.9),
    offersDeclined: outcomes.filter((o) => o.outcome === 'declined').length,
    offersTimedOut: outcomes.filter((o) => o.outcome === 'timed_out').length,
    offlineHandled: items.length,
    ...expectedSurveys(surveys),
    ...moved(ends),
  };
}

/** Groups by key → bucket, plus per-key totals. */
function groups<T>(xs: T[], key: (x: T) => string | null, time: (x: T) => number | null, groupBy: 'day' | 'hour') {
  const cells = new Map<string, T[]>();
  const totals = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const t = time(x);
    if (k === null || t === null || !inRange(t)) continue;
    const cell = `${bucketOf(t, groupBy)}|${k}`;
    cells.set(cell, [...(cells.get(cell) ?? []), x]);
    totals.set(k, [...(totals.get(k) ?? []), x]);
  }
  return { cells, totals };
}

describe.each(backends())('reports on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let clientId: string;
  const queues: Record<string, string> = {};
  const agents: Record<string, string> = {};
  const chats: PastChat[] = [];
  const outcomes: PastOutcome[] = [];
  const items: PastItem[] = [];
  const surveys: PastSurvey[] = [];
  const transfers: PastTransfer[] = [];

  async function report(query: Record<string, string>, cookie = admin): Promise<{ status: number; body: ReportView & { error?: { fields: Record<string, string> } } }> {
    return api(node, 'GET', `/api/admin/reports?${new URLSearchParams(query)}`, undefined, cookie);
  }

  beforeAll(async () => {
    ({ db, drop } = await backend.open());
    node = await startTestNode(db);
    admin = await signIn(node, 'admin@demo.example');
    const rows = await db.query<{ id: string; slug: string; client_id: string }>('SELECT id, slug, client_id FROM queues');
    for (const r of rows) queues[r.slug] = r.id;
    clientId = rows[0]!.client_id;
    for (const r of await db.query<{ id: string; email: string }>("SELECT id, email FROM users WHERE role = 'agent'")) agents[r.email] = r.id;
    const leo = newId();
    await db.query("INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, 'leo@demo.example', $3, 'agent', 'Leo')", [
      leo,
      clientId,
      await hashPassword('demo1234'),
    ]);
    agents['leo@demo.example'] = leo;

    // History: a week (plus a day either side, which the report must leave out).
    const rnd = random(20261207);
    const queueIds = Object.values(queues);
    const agentIds = Object.values(agents);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (let i = 0; i < 240; i++) {
      const queuedAt = T0 - 86_400_000 + Math.floor(rnd() * (SPAN_MS + 2 * 86_400_000));
      const fate = rnd();
      const wait = Math.floor(rnd() * 180_000);
      // Most customers were shown an estimate when they joined (abandoned ones too: they never count).
      const estimate = rnd() < 0.8 ? Math.floor(rnd() * 240) : null;
      const chat: PastChat =
        fate < 0.6
          ? { queue: pick(queueIds), agent: pick(agentIds), queuedAt, acceptedAt: queuedAt + wait, endedAt: queuedAt + wait + Math.floor(rnd() * 900_000), endedBy: 'agent', estimate }
          : fate < 0.7
            ? { queue: pick(queueIds), agent: pick(agentIds), queuedAt, acceptedAt: queuedAt + wait, endedAt: queuedAt + wait + Math.floor(rnd() * 60_000), endedBy: 'customer', estimate }
            : fate < 0.9
              ? { queue: pick(queueIds), agent: null, queuedAt, acceptedAt: null, endedAt: queuedAt + wait, endedBy: 'customer', estimate }
              : { queue: pick(queueIds), agent: null, queuedAt, acceptedAt: null, endedAt: queuedAt + wait, endedBy: 'system', estimate };
      chats.push(chat);
      const id = newId();
      await db.query(
        `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, queued_at, accepted_at, ended_at, ended_by, first_estimate_seconds)
         VALUES ($1, $2, $3, $4, 'ended', 'Past', '{"fields":[],"values":{}}', $5, to_timestamp($6 / 1000.0), to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0), $9, $10)`,
        [id, clientId, chat.queue, `r${id}`, chat.agent, chat.queuedAt, chat.acceptedAt, chat.endedAt, chat.endedBy, chat.estimate],
      );
      if (chat.agent && rnd() < 0.5) {
        // Some answers credit a second agent too (the chat was transferred).
        const second = rnd() < 0.2 ? pick(agentIds.filter((a) => a !== chat.agent)) : null;
        const survey: PastSurvey = {
          queue: chat.queue,
          agents: second ? [chat.agent, second] : [chat.agent],
          rating: 1 + Math.floor(rnd() * 5),
          comment: rnd() < 0.4 ? `Comment ${i}` : '',
          at: chat.endedAt + Math.floor(rnd() * 120_000),
        };
        surveys.push(survey);
        await db.query(
          `INSERT INTO chat_surveys (chat_id, client_id, queue_id, agent_ids, rating, comment, created_at)
           VALUES ($1, $2, $3, $4::uuid[], $5, $6, to_timestamp($7 / 1000.0))`,
          [id, clientId, survey.queue, survey.agents, survey.rating, survey.comment, survey.at],
        );
      }
      // Some answered chats were transferred: to an agent or a queue, accepted, refused or (still) offered.
      if (chat.agent && chat.acceptedAt !== null && rnd() < 0.35) {
        const toQueue = rnd() < 0.5 ? pick(queueIds.filter((q) => q !== chat.queue)) : null;
        const transfer: PastTransfer = {
          fromQueue: chat.queue,
          toQueue,
          fromAgent: chat.agent,
          toAgent: toQueue ? null : pick(agentIds.filter((a) => a !== chat.agent)),
          at: chat.acceptedAt + Math.floor(rnd() * (chat.endedAt - chat.acceptedAt)),
          state: toQueue || rnd() < 0.7 ? 'accepted' : rnd() < 0.5 ? 'refused' : 'offered',
        };
        transfers.push(transfer);
        await db.query(
          `INSERT INTO chat_transfers (id, client_id, chat_id, from_agent_id, from_name, to_agent_id, to_queue_id, to_name, state, reason, created_at, answered_at, from_queue_id)
           VALUES ($1, $2, $3, $4, 'From', $5, $6, 'To', $7, $8, to_timestamp($9 / 1000.0) - interval '5 seconds', CASE WHEN $7 = 'offered' THEN NULL ELSE to_timestamp($9 / 1000.0) END, $10)`,
          [newId(), clientId, id, transfer.fromAgent, transfer.toAgent, transfer.toQueue, transfer.state, transfer.state === 'refused' ? 'declined' : null, transfer.at, transfer.fromQueue],
        );
      }
      if (rnd() < 0.3) {
        const outcome: PastOutcome = { queue: chat.queue, agent: pick(agentIds), outcome: rnd() < 0.5 ? 'declined' : 'timed_out', at: queuedAt + 5_000 };
        outcomes.push(outcome);
        await db.query('INSERT INTO offer_outcomes (client_id, queue_id, chat_id, agent_id, outcome, at) VALUES ($1, $2, $3, $4, $5, to_timestamp($6 / 1000.0))', [
          clientId,
          outcome.queue,
          id,
          outcome.agent,
          outcome.outcome,
          outcome.at,
        ]);
      }
    }
    for (let i = 0; i < 60; i++) {
      const createdAt = T0 - 86_400_000 + Math.floor(rnd() * (SPAN_MS + 2 * 86_400_000));
      const handled = rnd() < 0.7;
      const item: PastItem = {
        queue: pick(queueIds),
        kind: rnd() < 0.5 ? 'message' : 'callback',
        createdAt,
        handledAt: handled ? createdAt + Math.floor(rnd() * 86_400_000) : null,
        handledBy: handled ? pick(agentIds) : null,
      };
      items.push(item);
      await db.query(
        `INSERT INTO offline_items (id, client_id, queue_id, kind, email, message, status, created_at, handled_at, handled_by, outcome)
         VALUES ($1, $2, $3, $4, 'x@example.com', 'Hi', $5, to_timestamp($6 / 1000.0), to_timestamp($7 / 1000.0), $8, $9)`,
        [newId(), clientId, item.queue, item.kind, handled ? 'done' : 'open', item.createdAt, item.handledAt, item.handledBy, handled ? 'replied' : null],
      );
    }
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  for (const groupBy of ['day', 'hour'] as const) {
    it(`gives each queue's figures by ${groupBy} in the time zone, across a daylight-saving change, as a re-computation does`, async () => {
      const { status, body } = await report({ subject: 'queue', groupBy, from: FROM, to: TO, timeZone: ZONE });
      expect(status).toBe(200);
      expect(body).toMatchObject({ subject: 'queue', groupBy, timeZone: ZONE, from: FROM, to: TO });
      const c = groups(chats, (x) => x.queue, (x) => x.queuedAt, groupBy);
      const o = groups(outcomes, (x) => x.queue, (x) => x.at, groupBy);
      const i = groups(items, (x) => x.queue, (x) => x.createdAt, groupBy);
      const s = groups(surveys, (x) => x.queue, (x) => x.at, groupBy);
      const t = groups(queueEnds(transfers), (x) => x.key, (x) => x.at, groupBy);
      expect(t.totals.size).toBeGreaterThan(0);
      const cells = new Set([...c.cells.keys(), ...o.cells.keys(), ...i.cells.keys(), ...s.cells.keys(), ...t.cells.keys()]);
      expect(body.rows.map((r) => `${r.bucket}|${r.id}`).sort()).toEqual([...cells].sort());
      for (const row of body.rows) {
        const cell = `${row.bucket}|${row.id}`;
        expect(row.figures, cell).toEqual(expectedQueue(c.cells.get(cell) ?? [], o.cells.get(cell) ?? [], i.cells.get(cell) ?? [], s.cells.get(cell) ?? [], t.cells.get(cell) ?? []));
      }
      for (const total of body.totals)
        expect(total.figures).toEqual(
          expectedQueue(c.totals.get(total.id) ?? [], o.totals.get(total.id) ?? [], i.totals.get(total.id) ?? [], s.totals.get(total.id) ?? [], t.totals.get(total.id) ?? []),
        );
      const all = (m: Map<string, unknown[]>) => [...m.values()].flat();
      expect(body.overall).toEqual(
        expectedQueue(all(c.totals) as PastChat[], all(o.totals) as PastOutcome[], all(i.totals) as PastItem[], all(s.totals) as PastSurvey[], all(t.totals) as TransferEnd[]),
      );
      expect((body.overall as QueueReportFigures).surveys).toBeGreaterThan(10);
      // The latest answers with a comment in the range, newest first.
      const commented = surveys.filter((x) => x.comment && inRange(x.at)).sort((a, b) => b.at - a.at).slice(0, 20);
      expect(body.comments.map((x) => [x.comment, x.rating])).toEqual(commented.map((x) => [x.comment, x.rating]));
      if (groupBy === 'hour') {
        // The day the clocks go back has 25 hours: 01:00 comes twice and is one bucket of its own.
        expect(body.rows.some((r) => r.bucket === '2026-11-01T01:00')).toBe(true);
      }
    });
  }

  it("gives each agent's figures by day, and one queue's only when asked", async () => {
    const queue = queues['support']!;
    const { body } = await report({ subject: 'agent', groupBy: 'day', from: FROM, to: TO, timeZone: ZONE, queueId: queue });
    const mine = <T extends { queue: string }>(xs: T[]) => xs.filter((x) => x.queue === queue);
    const c = groups(mine(chats).filter((x) => x.acceptedAt !== null), (x) => x.agent, (x) => x.acceptedAt, 'day');
    const o = groups(mine(outcomes), (x) => x.agent, (x) => x.at, 'day');
    const i = groups(mine(items), (x) => x.handledBy, (x) => x.handledAt, 'day');
    // An answer counts for each agent who held the chat.
    const credited = mine(surveys).flatMap((x) => x.agents.map((agent) => ({ ...x, agent })));
    const s = groups(credited, (x) => x.agent, (x) => x.at, 'day');
    const t = groups(
      agentEnds(transfers).filter((e) => e.fromQueue === queue),
      (x) => x.key,
      (x) => x.at,
      'day',
    );
    expect(t.totals.size).toBeGreaterThan(0);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.map((r) => `${r.bucket}|${r.id}`).sort()).toEqual([...new Set([...c.cells.keys(), ...o.cells.keys(), ...i.cells.keys(), ...s.cells.keys(), ...t.cells.keys()])].sort());
    for (const row of body.rows) {
      const cell = `${row.bucket}|${row.id}`;
      expect(row.figures, cell).toEqual(expectedAgent(c.cells.get(cell) ?? [], o.cells.get(cell) ?? [], i.cells.get(cell) ?? [], s.cells.get(cell) ?? [], t.cells.get(cell) ?? []));
    }
    for (const total of body.totals)
      expect(total.figures, total.name).toEqual(
        expectedAgent(c.totals.get(total.id) ?? [], o.totals.get(total.id) ?? [], i.totals.get(total.id) ?? [], s.totals.get(total.id) ?? [], t.totals.get(total.id) ?? []),
      );
    expect(credited.length).toBeGreaterThan(0);
    expect(body.totals.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['Sophie']));
  });

  it('counts a decline made in the console, for the queue and for the agent', async () => {
    // The history's open left messages would be offered to Sophie first: close them.
    await db.query("UPDATE offline_items SET status = 'done' WHERE status = 'open'");
    const sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    try {
      await call(sophie, 'console:snapshot', {});
      await call(sophie, 'status:set', { status: 'available' });
      const offered = nextEvent<{ chatId: string }>(sophie, 'offer');
      const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' } }))
        .body as StartChatResponse;
      expect((await offered).chatId).toBe(started.chatId);
      expect((await call<{ ok: boolean }>(sophie, 'offer:decline', { chatId: started.chatId })).ok).toBe(true);
      await call(sophie, 'status:set', { status: 'away' });
    } finally {
      sophie.disconnect();
    }
    const today = new Date().toISOString().slice(0, 10);
    const byQueue = (await report({ subject: 'queue', groupBy: 'day', from: today, to: today, timeZone: 'UTC' })).body;
    expect(byQueue.overall).toMatchObject({ offered: 1, offersDeclined: 1 });
    const byAgent = (await report({ subject: 'agent', groupBy: 'day', from: today, to: today, timeZone: 'UTC' })).body;
    expect(byAgent.totals).toEqual([expect.objectContaining({ name: 'Sophie', figures: expect.objectContaining({ offersDeclined: 1 }) })]);
  });

  it('counts a chat handed from agent to agent in the queue the customer joined, with the wait to the first answer, and for each agent who took it', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const support = queues['support']!;
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [support, agents['leo@demo.example'], clientId]);
    const byQueue = async () => (await report({ subject: 'queue', groupBy: 'day', from: today, to: today, timeZone: 'UTC', queueId: support })).body.overall as QueueReportFigures;
    const byAgent = async () =>
      new Map((await report({ subject: 'agent', groupBy: 'day', from: today, to: today, timeZone: 'UTC' })).body.totals.map((t) => [t.name, t.figures as AgentReportFigures]));
    const before = { queue: await byQueue(), agents: await byAgent() };
    await db.query("UPDATE offline_items SET status = 'done' WHERE status = 'open'");
    await db.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = 'system' WHERE status <> 'ended'");

    const sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    const leo = await connectAgent(node, await signIn(node, 'leo@demo.example'));
    try {
      for (const agent of [sophie, leo]) {
        await call(agent, 'console:snapshot', {});
        await call(agent, 'status:set', { status: 'available' });
      }
      const offered = Promise.race([sophie, leo].map((agent) => nextEvent<{ chatId: string }>(agent, 'offer', () => true, 15_000).then((o) => ({ agent, o }))));
      await api(node, 'POST', '/api/public/queues/support/chats', { fields: { first_name: 'Tia', last_name: 'Moved', email: 'tia@example.com', inquiry: 'Billing' } });
      const { agent: first, o } = await offered;
      const second = first === sophie ? leo : sophie;
      expect((await call<{ ok: boolean }>(first, 'offer:accept', { chatId: o.chatId })).ok).toBe(true);
      const secondId = second === leo ? agents['leo@demo.example']! : agents['sophie@demo.example']!;
      const asked = await call<{ ok: boolean; transfer: { id: string } }>(first, 'transfer:request', { chatId: o.chatId, to: { kind: 'agent', agentId: secondId }, note: 'Over to you' });
      expect(asked.ok).toBe(true);
      expect((await call<{ ok: boolean }>(second, 'transfer:accept', { transferId: asked.transfer.id })).ok).toBe(true);
      expect((await call<{ ok: boolean }>(second, 'chat:leave', { chatId: o.chatId })).ok).toBe(true);
      for (const agent of [sophie, leo]) await call(agent, 'status:set', { status: 'away' });
    } finally {
      sophie.disconnect();
      leo.disconnect();
    }
    const after = { queue: await byQueue(), agents: await byAgent() };
    // One customer joined Support and was answered once, at once: one offered, one answered, no abandon.
    expect(after.queue.offered - before.queue.offered).toBe(1);
    expect(after.queue.answered - before.queue.answered).toBe(1);
    // Both agents took it: one answer each.
    for (const name of ['Sophie', 'Leo']) expect((after.agents.get(name)?.answered ?? 0) - (before.agents.get(name)?.answered ?? 0), name).toBe(1);
    // The transfer: out for the one who handed it over, in for the one who took it; the queue saw none (same queue).
    const delta = (name: string, figure: 'transferredIn' | 'transferredOut') => (after.agents.get(name)?.[figure] ?? 0) - (before.agents.get(name)?.[figure] ?? 0);
    expect(delta('Sophie', 'transferredOut') + delta('Leo', 'transferredOut')).toBe(1);
    expect(delta('Sophie', 'transferredIn') + delta('Leo', 'transferredIn')).toBe(1);
    expect(delta('Sophie', 'transferredOut')).toBe(delta('Leo', 'transferredIn'));
    expect(after.queue.transferredOut - before.queue.transferredOut).toBe(0);
  });

  it("backfills older transfers' queue (migration 28): the previous queue transfer's target, else the entry queue", async () => {
    const [support, afterHours] = [queues['support']!, queues['after-hours']!];
    const [sophie, leo] = [agents['sophie@demo.example']!, agents['leo@demo.example']!];
    const chatId = newId();
    await db.query(
      `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, queued_at, accepted_at, ended_at, ended_by)
       VALUES ($1, $2, $3, $4, 'ended', 'Old', '{"fields":[],"values":{}}', $5, now() - interval '1 hour', now() - interval '50 minutes', now(), 'agent')`,
      [chatId, clientId, support, `b${chatId}`, sophie],
    );
    const ids = [newId(), newId(), newId()];
    const rows: Array<[string, string | null, string | null, string]> = [
      [ids[0]!, leo, null, '40 minutes'], // Sophie → Leo, in Support
      [ids[1]!, null, afterHours, '30 minutes'], // Leo → After Hours
      [ids[2]!, sophie, null, '20 minutes'], // then between agents, in After Hours
    ];
    for (const [id, toAgent, toQueue, ago] of rows) {
      await db.query(
        `INSERT INTO chat_transfers (id, client_id, chat_id, from_agent_id, from_name, to_agent_id, to_queue_id, to_name, state, created_at, answered_at)
         VALUES ($1, $2, $3, $4, 'From', $5, $6, 'To', 'accepted', now() - $7::interval, now() - $7::interval)`,
        [id, clientId, chatId, sophie, toAgent, toQueue, ago],
      );
    }
    const backfill = /UPDATE chat_transfers t[\s\S]*?;/.exec(migrations.find((m) => m.version === 28)!.sql)![0];
    await db.exec(backfill);
    const got = await db.query<{ id: string; from_queue_id: string }>('SELECT id, from_queue_id FROM chat_transfers WHERE chat_id = $1', [chatId]);
    expect(Object.fromEntries(got.map((r) => [r.id, r.from_queue_id]))).toEqual({ [ids[0]!]: support, [ids[1]!]: support, [ids[2]!]: afterHours });
  });

  it('takes the client’s time zone when none is given', async () => {
    await db.query(`UPDATE queues SET config = jsonb_set(config, '{workingHours}', config->'workingHours' || '{"enabled": true, "timeZone": "Europe/Paris"}') WHERE id = $1`, [queues['support']]);
    expect((await report({ from: FROM, to: TO })).body.timeZone).toBe('Europe/Paris');
    // No dates: the seven days ending today, there.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const recent = (await report({})).body;
    expect(recent).toMatchObject({ to: today, timeZone: 'Europe/Paris' });
    expect(Date.parse(recent.to) - Date.parse(recent.from)).toBe(6 * 86_400_000);
  });

  it('refuses a bad query naming the field', async () => {
    const bad = await report({ subject: 'customer', groupBy: 'minute', from: '2026-02-30', to: 'tomorrow', timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error!.fields).sort()).toEqual(['from', 'groupBy', 'subject', 'timeZone', 'to']);
    const backwards = await report({ from: '2026-11-04', to: '2026-11-01' });
    expect(backwards.body.error!.fields.to).toMatch(/not be before/);
    const long = await report({ groupBy: 'hour', from: '2026-01-01', to: '2026-03-01' });
    expect(long.body.error!.fields.to).toMatch(/at most 31 days/);
  });

  it('refuses agents, shows another client nothing, and lets a chats:read API token read', async () => {
    const sophie = await signIn(node, 'sophie@demo.example');
    expect((await report({ from: FROM, to: TO }, sophie)).status).toBe(403);
    await createClient(db, { name: 'Other Co', slug: 'other-reports', adminEmail: 'admin@other-reports.example' });
    const other = await signIn(node, 'admin@other-reports.example');
    const theirs = await report({ from: FROM, to: TO, queueId: queues['support']! }, other);
    expect(theirs.status).toBe(200);
    expect(theirs.body.rows).toEqual([]);
    expect((theirs.body.overall as QueueReportFigures).offered).toBe(0);
    const token = (await api(node, 'POST', '/api/admin/tokens', { name: 'BI', scopes: ['chats:read'] }, admin)).body.secret as string;
    const response = await fetch(`${node.url}/api/admin/reports?from=${FROM}&to=${TO}&timeZone=${ZONE}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as ReportView<QueueReportFigures>).overall.offered).toBe(chats.filter((c) => inRange(c.queuedAt)).length);
  });
});
