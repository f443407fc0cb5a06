import { describe, expect, it } from 'vitest';
import { nextShare, startLoopShedder } from './loopShedder.js';

describe('shedding chat traffic on event-loop delay', () => {
  it('cuts the admitted share by a third per lagging sample, never below 5 %, and grows it back by a tenth', () => {
    let share = 1;
    const shares: number[] = [];
    for (let i = 0; i < 10; i++) shares.push((share = nextShare(share, 250, 100)));
    expect(shares[0]).toBeCloseTo(2 / 3);
    expect(shares[1]).toBeCloseTo(4 / 9);
    expect(shares.at(-1)).toBe(0.05);
    // Load gone: back to everything within ten samples (2.5 s).
    for (let i = 0; i < 10; i++) share = nextShare(share, 5, 100);
    expect(share).toBe(1);
    expect(nextShare(0.5, 100, 100)).toBeCloseTo(0.6);
  });

  it('admits everything when turned off, and refuses nothing while the loop keeps up', () => {
    const off = startLoopShedder(0, () => 0.99);
    expect(Array.from({ length: 100 }, () => off.admit()).every(Boolean)).toBe(true);
    expect(off.refused()).toBe(0);
    const on = startLoopShedder(100, () => 0.99);
    expect(on.share()).toBe(1);
    expect(Array.from({ length: 100 }, () => on.admit()).every(Boolean)).toBe(true);
    on.stop();
  });
});
