import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { perKeyLine } from './perKeyLine.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('perKeyLine', () => {
  it('runs the work of one key one at a time, in arrival order, and different keys side by side', async () => {
    const line = perKeyLine(10);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (key: string, name: string) =>
      line(key, async () => {
        running++;
        most = Math.max(most, running);
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        running--;
        return name;
      });
    const results = await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1'), job('a', 'a3')]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'a3']);
    const ofA = log.filter((l) => l.startsWith('a'));
    expect(ofA).toEqual(['a1 start', 'a1 end', 'a2 start', 'a2 end', 'a3 start', 'a3 end']);
    // b ran beside a1, not after the a's.
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
    expect(most).toBe(2);
  });

  it('goes on after a failure, and refuses with unavailable past the bound without running the work', async () => {
    const line = perKeyLine(2);
    let ran = 0;
    const slow = () => line('q', async () => void (ran++, await tick()));
    const failing = line('q', async () => {
      throw new Error('boom');
    });
    const second = slow();
    const refused = slow();
    await expect(failing).rejects.toThrow('boom');
    await expect(refused).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.id === 'unavailable');
    await second;
    expect(ran).toBe(1);
    // The line is free again.
    await expect(line('q', async () => 'again')).resolves.toBe('again');
  });

  it('runs up to atOnce of one key side by side, the rest starting in arrival order as each ends', async () => {
    const line = perKeyLine(10, 2);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string, ms: number) =>
      line('q', async () => {
        running++;
        most = Math.max(most, running);
        started.push(name);
        await new Promise((r) => setTimeout(r, ms));
        running--;
      });
    await Promise.all([job('j1', 30), job('j2', 5), job('j3', 5), job('j4', 5), job('j5', 5)]);
    expect(most).toBe(2);
    expect(started).toEqual(['j1', 'j2', 'j3', 'j4', 'j5']);
    // The bound counts running and waiting work alike.
    const full = perKeyLine(3, 2);
    const hold = () => full('q', () => new Promise((r) => setTimeout(r, 10)));
    const three = [hold(), hold(), hold()];
    await expect(hold()).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.id === 'unavailable');
    await Promise.all(three);
  });
});
