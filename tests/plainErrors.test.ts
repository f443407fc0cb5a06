/**
 * Refusals reach people in plain words with the limit (issue 11): a field
 * whose schema has no message of its own is not answered with zod's developer
 * text ("Too big: expected string to have <=120 characters").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, signIn, startTestNode } from './support/testNode.js';

const ZOD_TEXT = /expected|Invalid input|Too (big|small)|<=|>=/;

describe.each(backends())('plain refusals on $name', (backend) => {
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

  it('answers a too long callback name and preferred time with their limits', async () => {
    const { status, body } = await api(node, 'POST', '/api/public/queues/after-hours/callbacks', {
      name: 'A'.repeat(121),
      phone: '+33 6 12 34 56 78',
      preferredTime: 'x'.repeat(201),
    });
    expect(status).toBe(400);
    expect(body.error.fields).toEqual({ name: 'At most 120 characters.', preferredTime: 'At most 200 characters.' });
    expect(JSON.stringify(body)).not.toMatch(ZOD_TEXT);
  });

  it('answers wrong types and missing fields in words, on public and staff routes', async () => {
    const callback = await api(node, 'POST', '/api/public/queues/after-hours/callbacks', { name: 5, phone: '+33 6 12 34 56 78' });
    expect(callback.body.error.fields).toMatchObject({ name: 'Enter text.', preferredTime: 'This field is required.' });
    const admin = await signIn(node, 'admin@demo.example');
    const [queue] = await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'");
    const general = await api(node, 'PATCH', `/api/admin/queues/${queue!.id}/general`, { name: 'Support', open: 'yes', agentDisplay: 'picture', waitingMessages: [], showEstimatedWait: true }, admin);
    expect(general.status).toBe(400);
    expect(JSON.stringify(general.body)).not.toMatch(ZOD_TEXT);
    expect(general.body.error.fields.open).toBe('Choose yes or no.');
  });
});
