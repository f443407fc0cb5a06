/**
 * Latency percentiles read off an HDR histogram (hdr-histogram-js), recorded
 * in microseconds and reported in milliseconds, as bench/contract.ts asks.
 */
import * as hdr from 'hdr-histogram-js';
import type { Percentiles } from '../../contract.js';

/** One minute in microseconds: anything slower is clamped (and shows as max). */
const HIGHEST_US = 60_000_000;

const ms = (us: number) => Math.round(us) / 1000;

export function percentilesOf(samplesMs: readonly number[]): Percentiles {
  if (samplesMs.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  try {
    for (const sample of samplesMs) histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(sample * 1000))));
    return {
      count: histogram.totalCount,
      p50: ms(histogram.getValueAtPercentile(50)),
      p95: ms(histogram.getValueAtPercentile(95)),
      p99: ms(histogram.getValueAtPercentile(99)),
      p999: ms(histogram.getValueAtPercentile(99.9)),
      max: ms(histogram.maxValue),
      mean: ms(histogram.mean),
    };
  } finally {
    histogram.destroy();
  }
}
