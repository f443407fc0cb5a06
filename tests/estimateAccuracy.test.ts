/**
 * The live view's estimate accuracy (src/app/liveBoard.ts, src/domain/estimateAccuracy.ts): a chat
 * start keeps the estimate the customer is first shown (chats.first_estimate_seconds, migration 28)
 * and later estimates do not overwrite it; each queue's card gives, for customers answered today, the
 * median |first estimate − actual wait| and the median bias, as a JavaScript re-computation of the
 * same chats does. Yesterday's, unanswered, estimate-less and other queues' chats are left out.
 * PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../src/app/liveBoard.js';
import { newId } from '../src/app/secrets.js';
import type { Db } from '../src/db/db.js';
import { estimateAccuracy, type EstimateOutcome } from '../src/domain/estimateAccuracy.js';
import { startOfLocalDay } from '../src/domain/localDay.js';
import type { Result } from '../src/protocol/errors.js';
import type { StartChatResponse } from '../src/protocol/http.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, call, connectAgent, signIn, startTestNode } from './support/testNode.js';

const form = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

describe.each(backends())('wait estimate accuracy on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let clientId: string;
  const queues: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, drop } = await backend.open());
    node = await startTestNode(db, { sweepIntervalMs: 60_000 });
    for (const r of await db.query<{ id: string; slug: string; client_id: string }>('SELECT id, slug, client_id FROM queues')) {
      queues[r.slug] = r.id;
      clientId = r.client_id;
    }
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('keeps the estimate first shown at the start; a hidden estimate keeps nothing', async () => {
    const sophie = await connectAgent(node, await signIn(node, 'sophie@demo.example'));
    try {
      await call(sophie, 'console:snapshot', {});
      // A staffed queue takes customers in (Sophie may be offered the chat: its estimate is then 0, still what was shown).
      expect((await call<Result>(sophie, 'status:set', { status: 'available' })).ok).toBe(true);
      const started = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
      expect(started.state.estimatedWaitSeconds).not.toBeNull();
      const [row] = await db.query<{ first_estimate_seconds: number | null }>('SELECT first_estimate_seconds FROM chats WHERE id = $1', [started.chatId]);
      expect(row?.first_estimate_seconds).toBe(Math.round(started.state.estimatedWaitSeconds!));
      // A hidden estimate is not "shown": nothing is kept.
      await db.query(`UPDATE queues SET config = jsonb_set(config, '{showEstimatedWait}', 'false') WHERE id = $1`, [queues['support']]);
      const hidden = (await api(node, 'POST', '/api/public/queues/support/chats', { fields: form })).body as StartChatResponse;
      const [none] = await db.query<{ first_estimate_seconds: number | null }>('SELECT first_estimate_seconds FROM chats WHERE id = $1', [hidden.chatId]);
      expect(none?.first_estimate_seconds).toBeNull();
      await db.query(`UPDATE queues SET config = jsonb_set(config, '{showEstimatedWait}', 'true') WHERE id = $1`, [queues['support']]);
    } finally {
      await call(sophie, 'status:set', { status: 'away' });
      sophie.disconnect();
    }
    await db.query("UPDATE chats SET status = 'ended', ended_at = now(), ended_by = 'system' WHERE status <> 'ended'");
  });

  it("gives each queue the median error and bias of today's answered customers' first estimates, as a re-computation does", async () => {
    const now = new Date();
    const board0 = await readBoard(db, clientId, now);
    const dayStart = startOfLocalDay(now, board0.timeZone).getTime();
    const [agent] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'sophie@demo.example'");
    const expected: Record<string, EstimateOutcome[]> = { support: [], 'after-hours': [] };
    // Answered today, in the last hours (never before today's start): counted in their own queue.
    const span = Math.max(60_000, Math.min(now.getTime() - dayStart - 60_000, 4 * 3_600_000));
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    async function seedChat(slug: string, joined: number, waitSeconds: number | null, estimate: number | null): Promise<void> {
      await db.query(
        `INSERT INTO chats (id, client_id, queue_id, token_hash, status, customer_name, customer_data, agent_id, queued_at, accepted_at, ended_at, ended_by, first_estimate_seconds)
         VALUES ($1, $2, $3, $4, 'ended', 'Past', '{"fields":[],"values":{}}', $5, to_timestamp($6 / 1000.0), to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0), $9, $10)`,
        [
          newId(),
          clientId,
          queues[slug],
          `e${newId()}`,
          waitSeconds === null ? null : agent!.id,
          joined,
          waitSeconds === null ? null : joined + waitSeconds * 1000,
          joined + (waitSeconds ?? 30) * 1000 + 1000,
          waitSeconds === null ? 'customer' : 'agent',
          estimate,
        ],
      );
    }
    for (let i = 0; i < 15; i++) {
      const slug = i % 3 === 0 ? 'after-hours' : 'support';
      const wait = Math.floor(rnd() * 50);
      const estimate = Math.floor(rnd() * 60);
      const joined = now.getTime() - 60_000 - Math.floor(rnd() * (span - 60_000));
      await seedChat(slug, joined, wait, estimate);
      expected[slug]!.push({ estimateSeconds: estimate, actualSeconds: wait });
    }
    // Left out: answered yesterday, never answered, no estimate shown.
    await seedChat('support', dayStart - 3 * 3_600_000, 10, 900);
    await seedChat('support', now.getTime() - 120_000, null, 900);
    await seedChat('support', now.getTime() - 120_000, 5, null);

    const board = await readBoard(db, clientId, now);
    for (const slug of ['support', 'after-hours']) {
      const card = board.queues.find((q) => q.queueId === queues[slug])!;
      const want = estimateAccuracy(expected[slug]!);
      expect(want.count).toBeGreaterThan(0);
      expect({ count: card.estimatesCheckedToday, medianErrorSeconds: card.estimateMedianErrorSeconds, medianBiasSeconds: card.estimateMedianBiasSeconds }, slug).toEqual(want);
    }
  });
});
