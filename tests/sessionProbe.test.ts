/**
 * The apps' session probe (issue 11): GET /api/auth/session answers 200 whether
 * or not someone is signed in, so loading the console or the portal signed out
 * logs no failed request in the browser. /api/auth/me keeps its 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, signIn, startTestNode } from './support/testNode.js';

describe.each(backends())('session probe on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  it('answers 200 { signedIn: false } without a session, with a forged one and after sign-out', async () => {
    expect(await api(node, 'GET', '/api/auth/session')).toMatchObject({ status: 200, body: { signedIn: false } });
    expect(await api(node, 'GET', '/api/auth/session', undefined, 'rc_session=forged')).toMatchObject({ status: 200, body: { signedIn: false } });
    const cookie = await signIn(node, 'sophie@demo.example');
    expect(await api(node, 'POST', '/api/auth/logout', undefined, cookie)).toMatchObject({ status: 204 });
    expect(await api(node, 'GET', '/api/auth/session', undefined, cookie)).toMatchObject({ status: 200, body: { signedIn: false } });
    expect((await api(node, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
  });

  it('answers who is signed in with a live session', async () => {
    const cookie = await signIn(node, 'admin@demo.example');
    const { status, body } = await api(node, 'GET', '/api/auth/session', undefined, cookie);
    expect(status).toBe(200);
    expect(body).toMatchObject({ signedIn: true, me: { email: 'admin@demo.example', role: 'admin' } });
  });
});
