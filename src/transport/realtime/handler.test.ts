import { describe, expect, it } from 'vitest';
import { handlersSettled, settledBeforeClose } from './handler.js';

describe('work a node lets finish before it closes the database', () => {
  it('waits for work started outside a handler, also work that fails', async () => {
    const finished: string[] = [];
    settledBeforeClose(new Promise<void>((resolve) => setTimeout(() => (finished.push('away write'), resolve()), 30)));
    settledBeforeClose(new Promise<void>((_, reject) => setTimeout(() => (finished.push('failed write'), reject(new Error('refused'))), 10)).catch(() => undefined));
    await handlersSettled();
    expect(finished.sort()).toEqual(['away write', 'failed write']);
  });

  it('waits for work added while it waits', async () => {
    const finished: string[] = [];
    settledBeforeClose(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          // What finishing one write starts (a customer marked present again) is waited for too.
          settledBeforeClose(new Promise<void>((inner) => setTimeout(() => (finished.push('second'), inner()), 20)));
          finished.push('first');
          resolve();
        }, 10),
      ),
    );
    await handlersSettled();
    expect(finished).toEqual(['first', 'second']);
  });
});
