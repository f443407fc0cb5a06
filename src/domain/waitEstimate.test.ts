import { describe, expect, it } from 'vitest';
import { describeWait, estimateWaitSeconds } from './waitEstimate.js';

const base = { position: 1, staffedAgents: 1, averageCapacity: 1, averageHandleSeconds: 300, freeSeats: 0 };

describe('estimated wait', () => {
  it('is zero when a seat is free for the customer', () => {
    expect(estimateWaitSeconds({ ...base, freeSeats: 1 })).toBe(0);
  });

  it('grows with the place in line and shrinks with staffing', () => {
    const third = estimateWaitSeconds({ ...base, position: 3 });
    const sixth = estimateWaitSeconds({ ...base, position: 6 });
    const sixthTwoAgents = estimateWaitSeconds({ ...base, position: 6, staffedAgents: 2 });
    expect(third).toBe(900);
    expect(sixth).toBeGreaterThan(third ?? 0);
    expect(sixthTwoAgents).toBe((sixth ?? 0) / 2);
  });

  it('is unknown (null) when nobody is staffed, never negative', () => {
    expect(estimateWaitSeconds({ ...base, staffedAgents: 0 })).toBeNull();
    expect(estimateWaitSeconds({ ...base, position: -4 })).toBeGreaterThanOrEqual(0);
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
