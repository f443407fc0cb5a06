import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWait, estimateLineWaitSeconds, estimateWaitSeconds, lognormalFit, naiveWaitSeconds } from './waitEstimate.js';

const base = { position: 1, staffedAgents: 1, averageCapacity: 1, averageHandleSeconds: 300, freeSeats: 0 };

/** Median of the k-th release when S seats free up at S ÷ H per second: (k − 1 + ln 2) × H ÷ S. */
const gammaMedian = (k: number, handle: number, seats: number) => Math.round(((k - 1 + Math.LN2) * handle) / seats);

describe('estimated wait', () => {
  it('is zero when a seat is free for the customer', () => {
    expect(estimateWaitSeconds({ ...base, freeSeats: 1 })).toBe(0);
    expect(estimateWaitSeconds({ ...base, position: 3, staffedAgents: 2, averageCapacity: 2, freeSeats: 3 })).toBe(0);
  });

  it('grows with the place in line and shrinks with staffing', () => {
    const third = estimateWaitSeconds({ ...base, position: 3 });
    const sixth = estimateWaitSeconds({ ...base, position: 6 });
    const sixthTwoAgents = estimateWaitSeconds({ ...base, position: 6, staffedAgents: 2 });
    // Was 900 (3 × 300 ÷ 1, a mean): the estimate is now the median of the third release, 808 s.
    expect(third).toBe(gammaMedian(3, 300, 1));
    expect(third).toBe(808);
    expect(sixth).toBeGreaterThan(third ?? 0);
    // Was exactly half: each is rounded to the second now, so within a second of half.
    expect(Math.abs((sixthTwoAgents ?? 0) - (sixth ?? 0) / 2)).toBeLessThanOrEqual(1);
  });

  it('without ages or abandonment is the median of the k-th release at seats ÷ handle time per second', () => {
    for (const k of [1, 2, 5, 20]) {
      const got = estimateWaitSeconds({ ...base, position: k, staffedAgents: 3, averageCapacity: 2 }) ?? NaN;
      expect(Math.abs(got - gammaMedian(k, 300, 6))).toBeLessThanOrEqual(1);
    }
  });

  it('counts seats: two chats per agent halve the wait', () => {
    const one = estimateWaitSeconds({ ...base, position: 8, staffedAgents: 3 }) ?? 0;
    const two = estimateWaitSeconds({ ...base, position: 8, staffedAgents: 3, averageCapacity: 2 }) ?? 0;
    expect(Math.abs(two - one / 2)).toBeLessThanOrEqual(1);
  });

  it('sees that a chat just started will not end at once, and that a long one runs on', () => {
    const at = (age: number) => estimateWaitSeconds({ ...base, busyElapsedSeconds: [age] }) ?? 0;
    // Unknown age: the seat is a stationary renewal process, ln 2 × 300.
    expect(estimateWaitSeconds(base)).toBe(208);
    // Lognormal handle times: the residual of a chat grows once it has run past the usual length.
    expect(at(1800)).toBeGreaterThan(at(300));
    expect(at(300)).toBeGreaterThan(0);
  });

  it('the seat that frees first decides the first place: an old chat about to end vs all fresh ones', () => {
    const fresh = estimateWaitSeconds({ ...base, staffedAgents: 3, busyElapsedSeconds: [1, 1, 1] }) ?? 0;
    const mixed = estimateWaitSeconds({ ...base, staffedAgents: 3, busyElapsedSeconds: [1, 1, 250] }) ?? 0;
    expect(mixed).toBeLessThan(fresh);
  });

  it('moves faster when customers ahead give up, and not at all for the first in line', () => {
    const calm = estimateWaitSeconds({ ...base, position: 10, staffedAgents: 2 }) ?? 0;
    const leaving = estimateWaitSeconds({ ...base, position: 10, staffedAgents: 2, abandonRatePerSecond: 1 / 600 }) ?? 0;
    expect(leaving).toBeLessThan(calm);
    expect(leaving).toBeGreaterThan(gammaMedian(1, 300, 2));
    expect(estimateWaitSeconds({ ...base, abandonRatePerSecond: 1 / 60 })).toBe(estimateWaitSeconds(base));
  });

  it('is a median: below the mean of the queue-length predictor with abandonment (Whitt 1999) on the same inputs', () => {
    // QL_m: the k-th move of the line comes after Σ_{i<k} 1 ÷ (sμ + iθ) on average (Ibrahim & Whitt 2009).
    const qlMean = (k: number, seats: number, handle: number, theta: number) => {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += 1 / (seats / handle + i * theta);
      return sum;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 30, max: 1800, noNaN: true }),
        fc.double({ min: 0, max: 0.02, noNaN: true }),
        (position, agents, capacity, handle, theta) => {
          const got = estimateWaitSeconds({ position, staffedAgents: agents, averageCapacity: capacity, averageHandleSeconds: handle, freeSeats: 0, abandonRatePerSecond: theta }) ?? NaN;
          expect(got).toBeLessThanOrEqual(Math.ceil(qlMean(position, agents * capacity, handle, theta)));
          // …and, without abandonment, exactly the gamma median: (k − 1 + ln 2) of the mean's k moves.
          if (theta === 0) expect(Math.abs(got - gammaMedian(position, handle, agents * capacity))).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is unknown (null) when nobody is staffed, never negative', () => {
    expect(estimateWaitSeconds({ ...base, staffedAgents: 0 })).toBeNull();
    expect(estimateWaitSeconds({ ...base, staffedAgents: Number.NaN })).toBeNull();
    expect(estimateWaitSeconds({ ...base, position: -4 })).toBeGreaterThanOrEqual(0);
  });

  it('is a whole, finite, non-negative number of seconds that never shrinks with the place in line, whatever the inputs', () => {
    const num = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 50 }));
    fc.assert(
      fc.property(
        fc.record({
          position: fc.integer({ min: -3, max: 400 }),
          staffedAgents: fc.integer({ min: 1, max: 40 }),
          averageCapacity: fc.oneof(num, fc.double({ min: 1, max: 5, noNaN: true })),
          averageHandleSeconds: fc.oneof(num, fc.double({ min: 1, max: 3600, noNaN: true })),
          freeSeats: fc.integer({ min: -2, max: 10 }),
          busyElapsedSeconds: fc.option(fc.array(fc.oneof(num, fc.double({ min: 0, max: 10_000, noNaN: true })), { maxLength: 20 }), { nil: undefined }),
          recentHandleSeconds: fc.option(fc.array(fc.double({ min: 0, max: 5000 }), { maxLength: 60 }), { nil: undefined }),
          abandonRatePerSecond: fc.option(num, { nil: undefined }),
        }),
        (input) => {
          const here = estimateWaitSeconds(input);
          const behind = estimateWaitSeconds({ ...input, position: Math.max(1, input.position) + 1 });
          expect(here).not.toBeNull();
          expect(Number.isInteger(here)).toBe(true);
          expect(here).toBeGreaterThanOrEqual(0);
          expect(here).toBeLessThanOrEqual(24 * 3600);
          expect(behind).toBeGreaterThanOrEqual(here ?? 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a whole line, walked at once, exactly the estimates each place gets alone', () => {
    const num = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 50 }));
    fc.assert(
      fc.property(
        fc.record({
          staffedAgents: fc.oneof(fc.integer({ min: 0, max: 12 }), num),
          averageCapacity: fc.oneof(num, fc.double({ min: 1, max: 5, noNaN: true })),
          averageHandleSeconds: fc.oneof(num, fc.double({ min: 1, max: 3600, noNaN: true })),
          freeSeats: fc.integer({ min: -2, max: 10 }),
          busyElapsedSeconds: fc.option(fc.array(fc.oneof(num, fc.double({ min: 0, max: 10_000, noNaN: true })), { maxLength: 20 }), { nil: undefined }),
          recentHandleSeconds: fc.option(fc.array(fc.double({ min: 0, max: 5000 }), { maxLength: 60 }), { nil: undefined }),
          abandonRatePerSecond: fc.option(fc.oneof(num, fc.double({ min: 0, max: 0.05, noNaN: true })), { nil: undefined }),
        }),
        // Places as a line gives them (1, 2, 3, …) or in any order, with repeats and nonsense.
        fc.oneof(
          fc.integer({ min: 0, max: 120 }).map((n) => Array.from({ length: n }, (_, i) => i + 1)),
          fc.array(fc.oneof(fc.integer({ min: -3, max: 200 }), num), { maxLength: 40 }),
        ),
        (line, positions) => {
          expect(estimateLineWaitSeconds(line, positions)).toEqual(positions.map((position) => estimateWaitSeconds({ ...line, position })));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays quick for a large contact centre and a very long line', () => {
    const started = performance.now();
    const ages = Array.from({ length: 1000 }, (_, i) => i * 3);
    const big = estimateWaitSeconds({ position: 2000, staffedAgents: 500, averageCapacity: 2, averageHandleSeconds: 300, freeSeats: 0, busyElapsedSeconds: ages });
    const long = estimateWaitSeconds({ ...base, position: 1e9 });
    expect(big).toBeGreaterThan(0);
    expect(long).toBe(24 * 3600);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('words short waits without false precision', () => {
    expect(describeWait(0)).toBe('less than a minute');
    expect(describeWait(59)).toBe('less than a minute');
    expect(describeWait(60)).toBe('about 1 minute');
    expect(describeWait(61)).toBe('about 2 minutes');
    expect(describeWait(7200)).toBe('about 2 hours');
    expect(describeWait(null)).toBeNull();
  });
});

describe('the common formula (kept for comparison)', () => {
  it('is position × average handle time ÷ staffed agents', () => {
    expect(naiveWaitSeconds({ position: 3, staffedAgents: 2, averageHandleSeconds: 300 })).toBe(450);
    expect(naiveWaitSeconds({ position: 3, staffedAgents: 0, averageHandleSeconds: 300 })).toBeNull();
  });
});

describe('handle-time shape', () => {
  it('keeps the given mean and takes the spread from recent chats when there are enough', () => {
    const mean = (f: { mu: number; sigma: number }) => Math.exp(f.mu + (f.sigma * f.sigma) / 2);
    const even = lognormalFit(300, Array.from({ length: 20 }, () => 300));
    const spread = lognormalFit(300, Array.from({ length: 20 }, (_, i) => (i % 2 ? 60 : 540)));
    const few = lognormalFit(300, [60, 540]);
    expect(mean(even)).toBeCloseTo(300, 6);
    expect(mean(spread)).toBeCloseTo(300, 6);
    expect(even.sigma).toBeLessThan(spread.sigma);
    expect(few.sigma).toBeCloseTo(0.83, 6);
  });
});
