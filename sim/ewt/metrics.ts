/** Error metrics: mean and median absolute error, and mean signed error (bias). */
import type { Sample } from './model.js';

export interface Errors {
  n: number;
  meanActual: number;
  /** Per predictor. */
  mae: number[];
  medae: number[];
  bias: number[];
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export function mean(xs: number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function errors(samples: readonly Sample[], predictors: number): Errors {
  const mae: number[] = [];
  const medae: number[] = [];
  const bias: number[] = [];
  for (let p = 0; p < predictors; p++) {
    const signed = samples.map((s) => (s.predicted[p] ?? 0) - s.actual);
    const abs = signed.map(Math.abs);
    mae.push(mean(abs));
    medae.push(median(abs));
    bias.push(mean(signed));
  }
  return { n: samples.length, meanActual: mean(samples.map((s) => s.actual)), mae, medae, bias };
}
