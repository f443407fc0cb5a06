/**
 * The bounded wait for a database connection (src/db/admission.ts), on each
 * adapter: with every connection held by slow work, at most `maxWaiting`
 * statements wait; the next is refused at once with DatabaseBusy and never
 * runs; everything admitted completes; once the backlog has drained, new work
 * is accepted again. A waiter past `maxWaitMs` is refused without running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdmissionLimits, DatabaseBusy } from '../src/db/admission.js';
import type { Db } from '../src/db/db.js';
import { openPglite } from '../src/db/pglite.js';
import { POOL_SIZE, openPostgres } from '../src/db/postgres.js';
import { createScratchDatabase } from './support/backends.js';

interface Opened {
  db: Db;
  slots: number;
  drop(): Promise<void>;
}

const adapters: { name: string; open(limits: AdmissionLimits): Promise<Opened> }[] = [
  { name: 'pglite', open: async (limits) => ({ db: await openPglite('memory://', limits), slots: 1, drop: async () => undefined }) },
];
if (process.env.DATABASE_URL) {
  const adminUrl = process.env.DATABASE_URL;
  adapters.push({
    name: 'postgres',
    async open(limits) {
      const scratch = await createScratchDatabase(adminUrl);
      return { db: await openPostgres(scratch.url, limits), slots: POOL_SIZE, drop: () => scratch.drop() };
    },
  });
}

const MAX_WAITING = 5;

/** How a promise settled, without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; error?: unknown; value?: T } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe.each(adapters)('bounded database wait on $name', (adapter) => {
  let opened: Opened;
  let db: Db;

  beforeAll(async () => {
    opened = await adapter.open({ maxWaiting: MAX_WAITING, maxWaitMs: 60_000 });
    db = opened.db;
    await db.exec('CREATE TABLE shed_probe (n int PRIMARY KEY)');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await opened?.drop();
  });

  it('refuses work past the bound at once and without running it, completes what it admitted, then accepts again', async () => {
    // Every connection busy: each slot holds a transaction until `release`, or (PostgreSQL) a real pg_sleep.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: opened.slots }, (_, i) =>
      db.transaction(async (tx) => {
        if (db.dialect === 'postgres' && i === 0) await tx.query('SELECT pg_sleep(0.2)');
        await held;
        await tx.query('INSERT INTO shed_probe (n) VALUES ($1)', [1000 + i]);
      }),
    );
    await turn();
    expect(db.load().running).toBe(opened.slots);

    const admitted = Array.from({ length: MAX_WAITING }, (_, i) => watch(db.query('INSERT INTO shed_probe (n) VALUES ($1) RETURNING n', [i])));
    expect(db.load().waiting).toBe(MAX_WAITING);
    const refusedBefore = db.load().refused;

    // One more statement and one more transaction: refused before anything runs.
    const extraInsert = db.query('INSERT INTO shed_probe (n) VALUES (999)');
    const extraTx = db.transaction((tx) => tx.query('INSERT INTO shed_probe (n) VALUES (998)'));
    await expect(extraInsert).rejects.toBeInstanceOf(DatabaseBusy);
    await expect(extraTx).rejects.toMatchObject({ reason: 'queue_full' });
    expect(db.load().refused).toBe(refusedBefore + 2);
    expect(admitted.some((a) => a.settled)).toBe(false);

    release();
    await Promise.all(holders);
    while (!admitted.every((a) => a.settled)) await turn();
    expect(admitted.map((a) => a.error)).toEqual(Array(MAX_WAITING).fill(undefined));
    expect(db.load()).toMatchObject({ running: 0, waiting: 0 });

    // Drained: accepted again. Exactly the admitted rows are stored, the refused ones never.
    expect(await db.query('INSERT INTO shed_probe (n) VALUES (2000) RETURNING n')).toEqual([{ n: 2000 }]);
    const rows = await db.query<{ n: number }>('SELECT n FROM shed_probe ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([...Array.from({ length: MAX_WAITING }, (_, i) => i), ...Array.from({ length: opened.slots }, (_, i) => 1000 + i), 2000]);
  }, 60_000);
});

describe.each(adapters)('wait time bound on $name', (adapter) => {
  let opened: Opened;

  beforeAll(async () => {
    opened = await adapter.open({ maxWaiting: 100, maxWaitMs: 50 });
    await opened.db.exec('CREATE TABLE shed_probe (n int PRIMARY KEY)');
  }, 60_000);
  afterAll(async () => {
    await opened?.db.close();
    await opened?.drop();
  });

  it('refuses a statement that waited past maxWaitMs without running it', async () => {
    const { db, slots } = opened;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: slots }, () => db.transaction(() => held));
    await turn();
    await expect(db.query('INSERT INTO shed_probe (n) VALUES (1)')).rejects.toMatchObject({ reason: 'wait_timeout' });
    release();
    await Promise.all(holders);
    expect(await db.query('SELECT n FROM shed_probe')).toEqual([]);
  }, 60_000);
});

describe.each(adapters)('work that goes first on $name', (adapter) => {
  let opened: Opened;

  beforeAll(async () => {
    opened = await adapter.open({ maxWaiting: 3, maxWaitMs: 60_000 });
    await opened.db.exec('CREATE TABLE first_probe (n serial PRIMARY KEY, who text NOT NULL)');
  }, 60_000);
  afterAll(async () => {
    await opened?.db.close();
    await opened?.drop();
  });

  it('gets the next free connection ahead of ordinary work that waited longer, and counts against the same bound', async () => {
    const { db, slots } = opened;
    // Each connection held by a transaction of its own, released one at a time.
    const releases: Array<() => void> = [];
    const holders = Array.from({ length: slots }, () => db.transaction(() => new Promise<void>((resolve) => releases.push(resolve))));
    while (releases.length < slots) await turn();
    const ordinary = [db.query("INSERT INTO first_probe (who) VALUES ('ordinary 1')"), db.query("INSERT INTO first_probe (who) VALUES ('ordinary 2')")].map(watch);
    const routing = watch(db.transaction((tx) => tx.query("INSERT INTO first_probe (who) VALUES ('first')"), { first: true }));
    expect(db.load().waiting).toBe(3);
    // The bound counts both lines: a fourth waiter of either kind is refused.
    await expect(db.transaction(() => Promise.resolve(), { first: true })).rejects.toMatchObject({ reason: 'queue_full' });

    // One connection frees: the work that goes first takes it, though it came last; the ordinary
    // work gets that connection after it, one after the other (the others are still held).
    releases.shift()!();
    while (!ordinary.every((o) => o.settled)) await turn();
    expect(routing.error).toBeUndefined();
    for (const release of releases) release();
    await Promise.all(holders);
    while (!ordinary.every((o) => o.settled)) await turn();
    const rows = await db.query<{ who: string }>('SELECT who FROM first_probe ORDER BY n');
    expect(rows.map((r) => r.who)).toEqual(['first', 'ordinary 1', 'ordinary 2']);
  }, 60_000);
});
