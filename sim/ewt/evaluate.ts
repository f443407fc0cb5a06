/** Runs scenarios and scores every predictor on the same traffic. */
import { errors, type Errors } from './metrics.js';
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

export function evaluate(scenarios: readonly Scenario[], predictors: readonly Predictor[]): Evaluation {
  const rows: Row[] = [];
  const pooled: Record<string, Sample[]> = Object.fromEntries(VIEWS.map((v) => [v.id, []]));
  for (const scenario of scenarios) {
    const { samples, ...run } = simulate(scenario, predictors);
    const byView: Record<string, Errors> = {};
    for (const v of VIEWS) {
      const selected = samples.filter(v.select);
      byView[v.id] = errors(selected, predictors.length);
      const pool = pooled[v.id];
      if (pool) for (const s of selected) pool.push(s);
    }
    rows.push({ scenario, run, byView });
  }
  const overall = Object.fromEntries(VIEWS.map((v) => [v.id, errors(pooled[v.id] ?? [], predictors.length)]));
  return { predictors, rows, overall };
}

/** Rows (and the overall line) of a view where `a` does not beat `b` on both mean and median absolute error. */
export function failures(e: Evaluation, view: string, a: number, b: number): string[] {
  const out: string[] = [];
  const check = (label: string, x: Errors | undefined) => {
    if (!x || x.n === 0) return;
    const [ma, mb, da, db] = [x.mae[a], x.mae[b], x.medae[a], x.medae[b]];
    if (!(ma !== undefined && mb !== undefined && ma < mb && da !== undefined && db !== undefined && da < db)) out.push(label);
  };
  for (const r of e.rows) check(`${r.scenario.staffing.name} at load ${r.scenario.load}`, r.byView[view]);
  check('overall', e.overall[view]);
  return out;
}
