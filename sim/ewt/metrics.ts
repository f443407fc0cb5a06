/**
 * Error metrics: mean and median absolute error in seconds, and the mean
 * signed error (bias), each with a 95 % confidence interval by batch means.
 *
 * The scored estimates of one run are not independent (customers in line
 * together share the same fate), so the intervals come from batches: the run
 * is cut into B consecutive stretches of time (or working days), each
 * stretch's statistic is one observation, and the half-width is
 * t(0.975, B − 1) × sd ÷ √B (batch means, e.g. Law & Kelton, Simulation
 * Modeling and Analysis, ch. 9). Two predictors are compared on the same
 * batches (paired): the difference is significant when its interval excludes 0.
 */
import type { Sample } from './model.js';

/** A point estimate (over every sample) and the half-width of its 95 % interval (NaN: too few batches). */
export interface Stat {
  value: number;
  half: number;
}

export interface Errors {
  n: number;
  meanActual: number;
  /** Per predictor. */
  mae: Stat[];
  medae: Stat[];
  bias: Stat[];
  /** Per batch (non-empty batches only), per predictor: the batch's mean and median absolute error. */
  batches: { mae: number[][]; medae: number[][] };
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

/** Two-sided 95 % quantile of Student's t with df degrees of freedom. */
export function t975(df: number): number {
  const table = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086];
  if (df < 1) return NaN;
  if (df < table.length) return table[df] ?? NaN;
  if (df < 30) return 2.05;
  if (df < 60) return 2.01;
  return 1.98;
}

/** Mean of the batch values and the half-width of its 95 % interval. */
export function interval(xs: readonly number[]): Stat {
  const ys = xs.filter((x) => Number.isFinite(x));
  const b = ys.length;
  if (b < 3) return { value: mean(ys), half: NaN };
  const m = mean(ys);
  const sd = Math.sqrt(ys.reduce((s, x) => s + (x - m) ** 2, 0) / (b - 1));
  return { value: m, half: (t975(b - 1) * sd) / Math.sqrt(b) };
}

/** Batches needed before an interval (and a significance verdict) is given. */
export const MIN_BATCHES = 3;

export function errors(samples: readonly Sample[], predictors: number, batchOf: (s: Sample) => number = () => 0): Errors {
  const groups = new Map<number, Sample[]>();
  for (const s of samples) {
    const b = batchOf(s);
    const g = groups.get(b);
    if (g) g.push(s);
    else groups.set(b, [s]);
  }
  const batches = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
  const mae: Stat[] = [];
  const medae: Stat[] = [];
  const bias: Stat[] = [];
  const perBatch = { mae: batches.map(() => [] as number[]), medae: batches.map(() => [] as number[]) };
  for (let p = 0; p < predictors; p++) {
    const signed = samples.map((s) => (s.predicted[p] ?? 0) - s.actual);
    const abs = signed.map(Math.abs);
    const batchAbs = batches.map((g) => g.map((s) => Math.abs((s.predicted[p] ?? 0) - s.actual)));
    const batchMae = batchAbs.map(mean);
    const batchMedae = batchAbs.map(median);
    batchMae.forEach((x, b) => perBatch.mae[b]?.push(x));
    batchMedae.forEach((x, b) => perBatch.medae[b]?.push(x));
    mae.push({ value: mean(abs), half: interval(batchMae).half });
    medae.push({ value: median(abs), half: interval(batchMedae).half });
    bias.push({ value: mean(signed), half: interval(batches.map((g) => mean(g.map((s) => (s.predicted[p] ?? 0) - s.actual)))).half });
  }
  return { n: samples.length, meanActual: mean(samples.map((s) => s.actual)), mae, medae, bias, batches: perBatch };
}

/** a − b on one metric, paired by batch: the mean difference of the batch values and its interval. */
export interface Difference extends Stat {
  /** The interval excludes 0. */
  significant: boolean;
}

export function difference(x: Errors, metric: 'mae' | 'medae', a: number, b: number): Difference {
  const d = x.batches[metric].map((row) => (row[a] ?? NaN) - (row[b] ?? NaN));
  const s = interval(d);
  return { ...s, significant: Number.isFinite(s.half) && Math.abs(s.value) > s.half };
}
