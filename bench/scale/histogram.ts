/**
 * Latency recording for the scale scenarios: an HDR histogram in
 * microseconds (integers, 3 significant digits), read out in milliseconds as
 * the contract's Percentiles. Never an average alone.
 */
import hdr from 'hdr-histogram-js';
import type { Percentiles } from '../contract.js';

export interface LatencyRecorder {
  /** Records one latency in milliseconds (negative values count as 0). */
  record(ms: number): void;
  percentiles(): Percentiles;
}

export function latencyRecorder(): LatencyRecorder {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
  const ms = (micros: number) => Math.round(micros) / 1000;
  return {
    record(value) {
      histogram.recordValue(Math.max(0, Math.round(value * 1000)));
    },
    percentiles() {
      const count = histogram.totalCount;
      const at = (p: number) => (count ? ms(histogram.getValueAtPercentile(p)) : 0);
      return { count, p50: at(50), p95: at(95), p99: at(99), p999: at(99.9), max: count ? ms(histogram.maxValue) : 0, mean: count ? ms(histogram.mean) : 0 };
    },
  };
}
