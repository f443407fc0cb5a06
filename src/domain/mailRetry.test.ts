import { describe, expect, it } from 'vitest';
import { afterFailure, retryDelayMs } from './mailRetry.js';

const policy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 8 };

describe('mail retry back-off', () => {
  it('doubles the wait after each failed attempt, up to the cap', () => {
    // random 0.5 is the middle of the jitter: the plain delay.
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, 0.5))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, policy, 0.5)).toBe(3_600_000);
    expect(retryDelayMs(1000, policy, 0.5)).toBe(3_600_000);
  });

  it('spreads retries by at most 20 % either way', () => {
    expect(retryDelayMs(2, policy, 0)).toBe(48_000);
    expect(retryDelayMs(2, policy, 0.999_999)).toBeLessThanOrEqual(72_000);
    expect(retryDelayMs(2, policy, 0.999_999)).toBeGreaterThan(71_000);
  });

  it('gives up after the maximum attempts', () => {
    expect(afterFailure(7, policy, 0.5)).toEqual({ giveUp: false, delayMs: 30_000 * 64 });
    expect(afterFailure(8, policy, 0.5)).toEqual({ giveUp: true });
    expect(afterFailure(1, { ...policy, maxAttempts: 1 }, 0.5)).toEqual({ giveUp: true });
  });
});
