/**
 * Latency histograms (HDR, microseconds) shared by the load workers and the
 * runner: a worker records, encodes its histogram for the IPC channel, and the
 * parent decodes and merges every worker's into one before reading percentiles.
 */
import * as hdr from 'hdr-histogram-js';
import type { Percentiles } from '../contract.js';

export type Histogram = hdr.Histogram;

/** 1 µs to 2 minutes with 3 significant digits: a delivery slower than that counts as the maximum. */
const HIGHEST_MICROS = 120_000_000;

export function newHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_MICROS, numberOfSignificantValueDigits: 3 });
}

export function recordMillis(histogram: Histogram, millis: number): void {
  histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, Math.round(millis * 1000))));
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** One histogram holding every encoded one's values. */
export function mergeEncoded(encoded: string[]): Histogram {
  const merged = newHistogram();
  for (const text of encoded) merged.add(hdr.decodeFromCompressedBase64(text));
  return merged;
}

const ms = (micros: number) => Math.round(micros) / 1000;

/** Milliseconds, 3 decimals; an empty histogram gives count 0 and zeros. */
export function percentilesOf(histogram: Histogram): Percentiles {
  if (histogram.totalCount === 0) return { count: 0, p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}
