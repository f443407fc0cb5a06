/**
 * A database that cannot be reached is an outage the client should retry
 * (`unavailable`, 503), while a wrong statement or any other failure stays a
 * server fault. The errors here are the real ones the drivers raise.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { errorBody, expectedError } from '../src/app/errors.js';
import { isDatabaseOutage } from '../src/db/outage.js';
import { backends } from './support/backends.js';

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('database outages', () => {
  it('counts a refused connection as an outage, answered unavailable', async () => {
    const pool = new pg.Pool({ host: '127.0.0.1', port: await closedPort(), user: 'postgres', connectionTimeoutMillis: 2000 });
    const error = await failureOf(() => pool.query('SELECT 1'));
    await pool.end();
    expect(isDatabaseOutage(error)).toBe(true);
    expect(expectedError(error)?.status).toBe(503);
    expect(errorBody(error).id).toBe('unavailable');
  });

  it('counts a missing Unix socket (PostgreSQL stopped) as an outage', async () => {
    const client = new pg.Client({ host: '/nonexistent-socket-dir', user: 'postgres' });
    const error = await failureOf(() => client.connect());
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it('counts a server that hangs up mid-handshake as an outage', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new pg.Client({ host: '127.0.0.1', port: (server.address() as { port: number }).port, user: 'postgres' });
    const error = await failureOf(() => client.connect());
    await new Promise((resolve) => server.close(resolve));
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it('keeps a missing file and a plain bug as server faults', async () => {
    const missingFile = await failureOf(() => readFile('/nonexistent/file'));
    expect(isDatabaseOutage(missingFile)).toBe(false);
    expect(expectedError(new TypeError('x is undefined'))).toBeNull();
    expect(errorBody(new TypeError('x is undefined')).id).toBe('internal');
  });

  for (const backend of backends()) {
    it(`keeps a wrong statement a server fault (${backend.name})`, async () => {
      const { db, drop } = await backend.open();
      try {
        const error = await failureOf(() => db.query('SELECT no_such_column FROM users'));
        expect(isDatabaseOutage(error)).toBe(false);
        expect(errorBody(error).id).toBe('internal');
      } finally {
        await db.close();
        await drop?.();
      }
    });
  }
});
