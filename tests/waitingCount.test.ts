/**
 * The count of waiting chats per queue (queue_lines.waiting, migration 30) that a chat start checks
 * maxWaiting against in one statement (src/app/chatStarter.ts):
 *   - the limit is exact: many starts at once, from two nodes (two connection pools on PostgreSQL),
 *     fill the line to maxWaiting and no further; the rest are refused `queue_full`;
 *   - the count never drifts: random mixes of starts, ends (waiting, offered and in conversation),
 *     routing passes, accepts, declines and transfers to the other queue, all run at once, keep it
 *     equal to count(*) of the queue's 'queued' chats. It is checked while they run, in one statement
 *     (one snapshot): the count changes in the same transaction as the chats, so any snapshot that
 *     sees one sees the other.
 * Runs on PGlite and, when DATABASE_URL is set, on PostgreSQL (real concurrency).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentIdentity } from '../src/app/agentChats.js';
import { endChat } from '../src/app/chatEnder.js';
import { routeQueue } from '../src/app/chatRouter.js';
import { startChat } from '../src/app/chatStarter.js';
import type { Deps } from '../src/app/deps.js';
import { AppError } from '../src/app/errors.js';
import { acceptOffer, declineOffer } from '../src/app/offerResponder.js';
import { newId } from '../src/app/secrets.js';
import { requestTransfer } from '../src/app/transfers.js';
import type { Db } from '../src/db/db.js';
import { openPostgres } from '../src/db/postgres.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { updateQueueConfig } from './support/factories.js';
import { startTestNode } from './support/testNode.js';

const FORM = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };
const QUEUES = ['support', 'sales'] as const;

interface Line {
  slug: string;
  waiting: number;
  counted: number;
}

/** Each queue's kept count beside a count of its waiting chats, read in one statement (one snapshot). */
async function linesOf(db: Db): Promise<Line[]> {
  return db.query<Line>(
    `SELECT q.slug, l.waiting, (SELECT count(*)::int FROM chats c WHERE c.queue_id = q.id AND c.status = 'queued') AS counted
       FROM queue_lines l JOIN queues q ON q.id = l.queue_id ORDER BY q.slug`,
  );
}

/** What an operation answered: 'ok', or the id of the refusal (a race lost is a normal answer here). */
const outcome = (work: Promise<unknown>): Promise<string> =>
  work.then(
    () => 'ok',
    (error: unknown) => {
      if (error instanceof AppError) return error.id;
      throw error;
    },
  );

describe.each(backends())('waiting count on $name', (backend) => {
  let db: Db;
  let drop: () => Promise<void>;
  const nodes: RunningNode[] = [];
  const pools: Db[] = [];
  /** Each node's app without its router kick: routing passes run only when a step asks for one. */
  let apps: Deps[] = [];
  let sophie: AgentIdentity;
  const queueIds: Record<string, string> = {};

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    // Timers stay out of the way: only the test moves chats.
    const quiet = { sweepIntervalMs: 3_600_000, presenceTtlSeconds: 3600, offerTimeoutSeconds: 3600, declineCooldownSeconds: 0, agentRecheckMs: 3_600_000 };
    nodes.push(await startTestNode(db, quiet));
    if (opened.databaseUrl) {
      // A second node: its own connection pool, so its statements really run beside the first's.
      const second = await openPostgres(opened.databaseUrl, { maxWaiting: 10_000, maxWaitMs: 60_000 });
      pools.push(second);
      nodes.push(await startTestNode(second, { ...quiet, seedDemo: false }));
    }
    apps = nodes.map((node) => ({ ...node.deps, kickRouter: () => undefined }));
    const [support] = await db.query<{ id: string; client_id: string; config: unknown }>("SELECT id, client_id, config FROM queues WHERE slug = 'support'");
    // A queue made after the migration gets its count row too (a trigger on queues).
    await db.query("INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, 'sales', 'Sales', $3)", [newId(), support!.client_id, JSON.stringify(support!.config)]);
    for (const row of await db.query<{ id: string; slug: string }>('SELECT id, slug FROM queues')) queueIds[row.slug] = row.id;
    const [agent] = await db.query<{ id: string; client_id: string; display_name: string }>("SELECT id, client_id, display_name FROM users WHERE email = 'sophie@demo.example'");
    sophie = { userId: agent!.id, clientId: agent!.client_id, displayName: agent!.display_name };
    await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [queueIds.sales, sophie.userId, sophie.clientId]);
    // Sophie is Available (the queues are staffed, so starts are taken), and so is Marc in both queues:
    // a transfer to a queue nobody else staffs is refused, so Sophie's transfers have somewhere to go.
    await db.query("UPDATE users SET status = 'available', presence_expires_at = now() + interval '1 hour', capacity = 3 WHERE id = $1", [sophie.userId]);
    const marcId = newId();
    await db.query(
      "INSERT INTO users (id, client_id, email, password_hash, role, display_name, status, presence_expires_at) VALUES ($1, $2, 'marc@demo.example', 'x', 'agent', 'Marc', 'available', now() + interval '1 hour')",
      [marcId, sophie.clientId],
    );
    for (const slug of QUEUES) await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queueIds[slug], marcId, sophie.clientId]);
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    for (const pool of pools) await pool.close();
    await db?.close();
    await drop?.();
  });

  const appAt = (i: number) => apps[i % apps.length]!;
  const start = (i: number, slug: string) => startChat(appAt(i), { slug, fields: FORM });
  const endAll = async () => {
    const open = await db.query<{ id: string }>("SELECT id FROM chats WHERE status <> 'ended'");
    for (const { id } of open) await endChat(apps[0]!, { kind: 'customer', chatId: id });
  };
  const expectCountsRight = async () => {
    for (const line of await linesOf(db)) expect(line, line.slug).toMatchObject({ waiting: line.counted });
  };

  it('fills the line to maxWaiting and no further, with starts from two nodes at once', async () => {
    await updateQueueConfig(db, 'support', (c) => ({ ...c, maxWaiting: 5 }));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => outcome(start(i, 'support'))));
    expect(answers.filter((a) => a === 'ok')).toHaveLength(5);
    expect(answers.filter((a) => a !== 'ok')).toEqual(Array.from({ length: 35 }, () => 'queue_full'));
    expect(await linesOf(db)).toContainEqual({ slug: 'support', waiting: 5, counted: 5 });

    // Two leave: exactly two of the next wave get in.
    const [first, second] = await db.query<{ id: string }>("SELECT id FROM chats WHERE status = 'queued' ORDER BY queued_at LIMIT 2");
    await Promise.all([first, second].map((chat) => endChat(appAt(0), { kind: 'customer', chatId: chat!.id })));
    expect(await linesOf(db)).toContainEqual({ slug: 'support', waiting: 3, counted: 3 });
    const again = await Promise.all(Array.from({ length: 12 }, (_, i) => outcome(start(i, 'support'))));
    expect(again.filter((a) => a === 'ok')).toHaveLength(2);
    expect(await linesOf(db)).toContainEqual({ slug: 'support', waiting: 5, counted: 5 });
    await endAll();
    await expectCountsRight();
  });

  it('never lets starts pass maxWaiting while chats leave the line at once (offers and ends)', async () => {
    const max = 4;
    for (const slug of QUEUES) await updateQueueConfig(db, slug, (c) => ({ ...c, maxWaiting: max }));
    let seen = 0;
    for (let round = 0; round < 6; round++) {
      const work: Array<Promise<string>> = [];
      for (let i = 0; i < 16; i++) work.push(outcome(start(i, QUEUES[i % 2]!)));
      const open = await db.query<{ id: string }>("SELECT id FROM chats WHERE status IN ('queued', 'offered') ORDER BY random() LIMIT 4");
      for (const chat of open) work.push(outcome(endChat(appAt(seen++), { kind: 'customer', chatId: chat.id })));
      for (const slug of QUEUES) work.push(outcome(routeQueue(appAt(seen++), queueIds[slug]!)));
      // Read while they run: no snapshot ever shows more waiting than allowed, nor a count off by one.
      const polls = (async () => {
        for (let p = 0; p < 8; p++) {
          for (const line of await linesOf(db)) {
            expect(line.waiting, line.slug).toBe(line.counted);
            expect(line.counted, line.slug).toBeLessThanOrEqual(max);
          }
        }
      })();
      const answers = await Promise.all(work);
      await polls;
      expect(answers.every((a) => a === 'ok' || a === 'queue_full')).toBe(true);
      await expectCountsRight();
      // Offered chats end now and then: Sophie's seats come free for the next round's routing.
      const offered = await db.query<{ id: string }>("SELECT id FROM chats WHERE status = 'offered'");
      for (const chat of offered.slice(0, 2)) await endChat(appAt(0), { kind: 'customer', chatId: chat.id });
    }
    await endAll();
    await expectCountsRight();
  });

  type Step =
    | { kind: 'start'; queue: number; node: number }
    | { kind: 'route'; queue: number; node: number }
    | { kind: 'accept' | 'decline'; pick: number; node: number }
    | { kind: 'end'; pick: number; node: number }
    | { kind: 'transfer'; pick: number; node: number };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('start' as const), queue: fc.nat(1), node: fc.nat(1) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('route' as const), queue: fc.nat(1), node: fc.nat(1) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'decline' as const), pick: fc.nat(9), node: fc.nat(1) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('end' as const), pick: fc.nat(9), node: fc.nat(1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(9), node: fc.nat(1) }) },
  );

  it('keeps the count equal to the waiting chats through any mix of moves run at once', async () => {
    for (const slug of QUEUES) await updateQueueConfig(db, slug, (c) => ({ ...c, maxWaiting: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(stepArb, { minLength: 4, maxLength: 14 }), { minLength: 2, maxLength: 4 }), async (waves) => {
        for (const wave of waves) {
          // Picked before the wave, so steps of one wave race for the same chats.
          const chats = await db.query<{ id: string; status: string; agent_id: string | null; queue_id: string }>(
            "SELECT id, status, agent_id, queue_id FROM chats WHERE status <> 'ended' ORDER BY queued_at, id",
          );
          const pick = (n: number, status?: string) => {
            const list = status ? chats.filter((c) => c.status === status) : chats;
            return list.length ? list[n % list.length]! : null;
          };
          const run = (step: Step): Promise<unknown> => {
            const app = appAt(step.node);
            switch (step.kind) {
              case 'start':
                return start(step.node, QUEUES[step.queue]!);
              case 'route':
                return routeQueue(app, queueIds[QUEUES[step.queue]!]!);
              case 'accept':
              case 'decline': {
                const chat = pick(step.pick, 'offered');
                if (!chat) return Promise.resolve();
                return step.kind === 'accept' ? acceptOffer(app, sophie, chat.id) : declineOffer(app, sophie, chat.id);
              }
              case 'end': {
                const chat = pick(step.pick);
                return chat ? endChat(app, { kind: 'customer', chatId: chat.id }) : Promise.resolve();
              }
              case 'transfer': {
                const chat = pick(step.pick, 'active');
                if (!chat) return Promise.resolve();
                const to = Object.values(queueIds).find((id) => id !== chat.queue_id)!;
                return requestTransfer(app, sophie, { chatId: chat.id, to: { kind: 'queue', queueId: to }, note: '' });
              }
            }
          };
          const polls = (async () => {
            for (let p = 0; p < 4; p++) for (const line of await linesOf(db)) expect(line.waiting, line.slug).toBe(line.counted);
          })();
          await Promise.all(wave.map((step) => outcome(run(step))));
          await polls;
          await expectCountsRight();
        }
      }),
      { numRuns: backend.name === 'postgres' ? 12 : 6 },
    );
    await endAll();
    await expectCountsRight();
    expect((await linesOf(db)).every((l) => l.waiting === 0)).toBe(true);
  });
});
