/**
 * One sweep leader across nodes on PostgreSQL (src/app/leader.ts): exactly
 * one of two nodes leads; when its lock connection breaks (as in a database
 * restart) it knows it lost the lead and a node takes it again; when the
 * leader closes, the other takes over within a few sweeps. Runs when
 * DATABASE_URL is set.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { waitUntil } from './support/services.js';
import { startTestNode } from './support/testNode.js';

const backend = backends().find((b) => b.name === 'postgres');

describe.runIf(backend)('sweep leader on PostgreSQL', () => {
  let db: Db;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let nodes: RunningNode[];

  beforeAll(async () => {
    const opened = await backend!.open();
    db = opened.db;
    databaseUrl = opened.databaseUrl!;
    drop = opened.drop;
    nodes = [await startTestNode(db, { sweepIntervalMs: 200 }), await startTestNode(db, { sweepIntervalMs: 200, seedDemo: false })];
  });
  afterAll(async () => {
    for (const node of nodes ?? []) await node.close();
    await db?.close();
    await drop?.();
  });

  const leaders = () => nodes.filter((n) => n.isLeader());

  it('has exactly one leader, which loses the lead with its connection and is replaced', async () => {
    await waitUntil(() => leaders().length === 1, 10_000, 'one leader');
    // Stays one over several sweeps: the other node's tries fail while the lock is held.
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 200));
      expect(leaders()).toHaveLength(1);
    }

    // The lock's connection is cut, as a database restart would.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const cut = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'reactive-chat session lock'",
    );
    await admin.end();
    expect(cut.rowCount).toBeGreaterThanOrEqual(1);
    await waitUntil(() => leaders().length === 1, 10_000, 'a leader again after the cut');
    const [{ holders } = { holders: 0 }] = await db.query<{ holders: number }>(
      // pg_locks shows every database of the server; advisory locks are per database.
      `SELECT count(*)::int AS holders FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = 7410222
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(holders).toBe(1);
  });

  it('hands the lead over when the leader closes', async () => {
    await waitUntil(() => leaders().length === 1, 10_000, 'one leader');
    const leader = leaders()[0]!;
    await leader.close();
    nodes = nodes.filter((n) => n !== leader);
    await waitUntil(() => nodes[0]!.isLeader(), 10_000, 'the other node to lead');
  });
});
