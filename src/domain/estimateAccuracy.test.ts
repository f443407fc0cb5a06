import { describe, expect, it } from 'vitest';
import { estimateAccuracy, median } from './estimateAccuracy.js';

describe('estimate accuracy', () => {
  it('takes the median, between the two middle values for an even count', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });

  it('gives the median absolute error and the median bias of the first estimates against the real waits', () => {
    const outcomes = [
      { estimateSeconds: 60, actualSeconds: 90 }, // 30 s short
      { estimateSeconds: 120, actualSeconds: 100 }, // 20 s long
      { estimateSeconds: 30, actualSeconds: 30 }, // right
      { estimateSeconds: 300, actualSeconds: 3900 }, // an hour short: the median does not care
    ];
    expect(estimateAccuracy(outcomes)).toEqual({ count: 4, medianErrorSeconds: 25, medianBiasSeconds: -15 });
  });

  it('has no figures before anyone was answered', () => {
    expect(estimateAccuracy([])).toEqual({ count: 0, medianErrorSeconds: null, medianBiasSeconds: null });
  });
});
