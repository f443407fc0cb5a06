/**
 * How good the wait estimates were: for customers who were answered, the estimate first shown to each
 * (when they joined the line) against the wait they actually had (joining → the first answer).
 *
 * - medianErrorSeconds: the median of |estimate − actual|: "estimates were off by about this much".
 *   The median, not the mean, so one customer who waited an hour while the line froze does not make
 *   a good day read as a bad one.
 * - medianBiasSeconds: the median of (estimate − actual): positive when estimates ran long (customers
 *   were answered sooner than told), negative when they ran short.
 *
 * The live view reads the same figures in SQL (percentile_cont(0.5), linear between the two middle
 * values, as here); tests/estimateAccuracy.test.ts checks the two agree.
 */
export interface EstimateOutcome {
  estimateSeconds: number;
  actualSeconds: number;
}

export interface EstimateAccuracy {
  /** Customers counted (answered, with an estimate shown). */
  count: number;
  medianErrorSeconds: number | null;
  medianBiasSeconds: number | null;
}

/** The median with linear interpolation between the two middle values (PostgreSQL's percentile_cont(0.5)). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) / 2;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low);
}

export function estimateAccuracy(outcomes: readonly EstimateOutcome[]): EstimateAccuracy {
  const round = (n: number | null) => (n === null ? null : Math.round(n));
  return {
    count: outcomes.length,
    medianErrorSeconds: round(median(outcomes.map((o) => Math.abs(o.estimateSeconds - o.actualSeconds)))),
    medianBiasSeconds: round(median(outcomes.map((o) => o.estimateSeconds - o.actualSeconds))),
  };
}
