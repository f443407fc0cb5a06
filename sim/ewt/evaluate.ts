/** Runs scenarios and scores every predictor on the same traffic. */
import { difference, errors, MIN_BATCHES, type Errors } from './metrics.js';
import { type RunResult, type Sample, simulate } from './model.js';
import type { Predictor } from './predictors.js';
import type { Scenario } from './traffic.js';

/** Which predictions are scored against which wait. */
export interface View {
  id: string;
  title: string;
  select(s: Sample): boolean;
}

export const VIEWS: readonly View[] = [
  {
    id: 'arrival',
    title: 'Estimate shown on joining the line, against the actual wait of the customers who were served',
    select: (s) => s.when === 'arrival' && s.served,
  },
  {
    id: 'update',
    title: 'Re-estimates each time the line moves, against the remaining wait (served customers)',
    select: (s) => s.when === 'update' && s.served,
  },
  {
    id: 'virtual',
    title: 'Estimate on joining, against the virtual wait of everybody who queued (those who left included)',
    select: (s) => s.when === 'arrival',
  },
];

/** Batches of a stationary run (after the warm-up); a run through working days is batched by day. */
export const STATIONARY_BATCHES = 20;

export interface Row {
  scenario: Scenario;
  run: Omit<RunResult, 'samples'>;
  byView: Record<string, Errors>;
}

export interface Evaluation {
  predictors: readonly Predictor[];
  rows: Row[];
  overall: Record<string, Errors>;
}

/** The batch a sample falls in: its working day, or its share of the scored stretch. */
export function batchOf(scenario: Scenario): (s: Sample) => number {
  const day = scenario.day;
  if (day) return (s) => Math.floor(s.at / (day.dayHours * 3600));
  const length = (scenario.seconds - scenario.warmupSeconds) / STATIONARY_BATCHES;
  return (s) => Math.min(STATIONARY_BATCHES - 1, Math.floor((s.at - scenario.warmupSeconds) / length));
}

export function evaluate(scenarios: readonly Scenario[], predictors: readonly Predictor[]): Evaluation {
  const rows: Row[] = [];
  const pooled: Record<string, Sample[]> = Object.fromEntries(VIEWS.map((v) => [v.id, []]));
  const pooledBatch = new Map<Sample, number>();
  for (const scenario of scenarios) {
    const { samples, ...run } = simulate(scenario, predictors);
    const batch = batchOf(scenario);
    const byView: Record<string, Errors> = {};
    for (const v of VIEWS) {
      const selected = samples.filter(v.select);
      byView[v.id] = errors(selected, predictors.length, batch);
      const pool = pooled[v.id];
      if (pool) for (const s of selected) pool.push(s);
    }
    for (const s of samples) pooledBatch.set(s, batch(s));
    rows.push({ scenario, run, byView });
  }
  // Pooled: batch b of every scenario together (the scenarios are independent of each other).
  const overall = Object.fromEntries(VIEWS.map((v) => [v.id, errors(pooled[v.id] ?? [], predictors.length, (s) => pooledBatch.get(s) ?? 0)]));
  return { predictors, rows, overall };
}

export function rowLabel(s: Scenario): string {
  return `${s.day ? `${s.day.name}, ` : ''}${s.staffing.name} at load ${s.load}`;
}

/** Where a competitor beats ours: significantly (`losses`) or only on the point estimate (`ties`). */
export interface Verdict {
  label: string;
  losses: string[];
  ties: string[];
  /** Too few batches with estimates to say anything (a row nearly nobody waits in). */
  thin: boolean;
}

const METRICS = [
  ['mae', 'MAE'],
  ['medae', 'MdAE'],
] as const;

export function verdict(label: string, x: Errors, names: readonly string[], ours: number): Verdict {
  const losses: string[] = [];
  const ties: string[] = [];
  const thin = x.batches.mae.length < MIN_BATCHES;
  names.forEach((name, p) => {
    if (p === ours) return;
    for (const [metric, title] of METRICS) {
      const d = difference(x, metric, ours, p);
      const behind = (x[metric][ours]?.value ?? NaN) > (x[metric][p]?.value ?? NaN);
      if (d.significant && d.value > 0) losses.push(`${name} on ${title}`);
      else if (behind || (d.value > 0 && !d.significant)) ties.push(`${name} on ${title}`);
    }
  });
  return { label, losses, ties, thin };
}

/** The verdict of every row of a view, and of the pooled line. */
export function verdicts(e: Evaluation, view: string, ours: number): Verdict[] {
  const names = e.predictors.map((p) => p.name);
  const out: Verdict[] = [];
  for (const r of e.rows) {
    const x = r.byView[view];
    if (x && x.n > 0) out.push(verdict(rowLabel(r.scenario), x, names, ours));
  }
  const o = e.overall[view];
  if (o && o.n > 0) out.push(verdict('overall', o, names, ours));
  return out;
}

/** Rows of a view where some competitor is significantly better than ours on mean or median absolute error. */
export function failures(e: Evaluation, view: string, ours: number): string[] {
  return verdicts(e, view, ours)
    .filter((v) => v.losses.length > 0)
    .map((v) => `${v.label} (${v.losses.join(', ')})`);
}
