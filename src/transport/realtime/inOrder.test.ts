import { describe, expect, it } from 'vitest';
import { inOrder } from './inOrder.js';

const later = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('inOrder', () => {
  it('runs one key’s tasks in the order queued, even when an earlier one takes longer', async () => {
    const run = inOrder();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = run('chat', async () => {
      log.push('1 start');
      await gate;
      log.push('1 end');
    });
    const second = run('chat', async () => void log.push('2'));
    await later();
    expect(log).toEqual(['1 start']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['1 start', '1 end', '2']);
  });

  it('lets other keys go meanwhile and goes on after a failure', async () => {
    const run = inOrder();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failing = run('a', async () => {
      await gate;
      throw new Error('refused');
    });
    const behind = run('a', async () => 'after the failure');
    await run('b', async () => void log.push('b'));
    expect(log).toEqual(['b']);
    release();
    await expect(failing).rejects.toThrow('refused');
    await expect(behind).resolves.toBe('after the failure');
  });
});
