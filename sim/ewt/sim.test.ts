import { describe, expect, it } from 'vitest';
import { checkErlang, erlangC, erlangMeanWait } from './erlang.js';
import { evaluate, failures, verdicts, VIEWS } from './evaluate.js';
import { difference, errors, interval } from './metrics.js';
import { simulate, type Sample } from './model.js';
import { baseline, hol, holRefined, les, type Observation, ours, PREDICTORS, ql } from './predictors.js';
import { renderReport } from './report.js';
import { DAY_PLANS, dayScenarios } from './scenarios.js';
import { DEFAULT_TRAFFIC, generateStaffing, generateTraffic, meanAgentsOnShift, meanHandleSeconds, relativeRate, type Scenario } from './traffic.js';

const small = (load: number, agents = 3, capacity = 2): Scenario => ({
  staffing: { name: `${agents} × ${capacity}`, agents, capacity },
  load,
  seconds: 80 * 3600,
  warmupSeconds: 2 * 3600,
  seed: 7,
});

const dayPlan = DAY_PLANS[0]!;
const day = (days: number, load = 0.9): Scenario => ({
  staffing: dayPlan.staffing,
  load,
  seconds: days * 24 * 3600,
  warmupSeconds: 24 * 3600,
  seed: 11,
  day: dayPlan.plan,
});

describe('wait-estimate simulation', () => {
  it('generates the same traffic from the same seed, at the asked load', () => {
    const a = generateTraffic(small(0.85));
    const b = generateTraffic(small(0.85));
    expect(a).toEqual(b);
    const rate = a.length / (80 * 3600);
    expect((rate * meanHandleSeconds()) / 6).toBeCloseTo(0.85, 1);
  });

  it('thins arrivals to the working day: a morning peak, a lunch dip, nobody after closing', () => {
    const plan = dayPlan.plan;
    const arrivals = generateTraffic(day(40));
    const byHour = Array<number>(24).fill(0);
    for (const c of arrivals) byHour[Math.floor(c.arrival / 3600) % 24]! += 1;
    expect(byHour.slice(12).every((n) => n === 0)).toBe(true);
    // Hour 2–3 (relative rate ≈ 1.45 of the mean) against 5–6 (≈ 0.65): the counts follow the rate.
    expect(byHour[2]! / byHour[5]!).toBeCloseTo(relativeRate(plan, 2.5 * 3600) / relativeRate(plan, 5.5 * 3600), 0);
    // The day's average load against the average seats on shift.
    const offered = (arrivals.length / 40 / (12 * 3600)) * meanHandleSeconds(DEFAULT_TRAFFIC);
    expect(offered / (meanAgentsOnShift(plan) * dayPlan.staffing.capacity)).toBeCloseTo(0.9, 1);
  });

  it('changes staffing at shift changes and sends agents Away now and then', () => {
    const changes = generateStaffing(day(3));
    const shifts = changes.filter((c) => c.kind === 'shift');
    // Every shift change happens on a shift boundary.
    expect(shifts.every((c) => (c.at / 3600) % dayPlan.plan.shiftHours === 0)).toBe(true);
    const aways = changes.filter((c) => c.kind === 'away' && c.on);
    expect(aways.length).toBeGreaterThan(10);
    expect(changes.map((c) => c.at)).toEqual([...changes.map((c) => c.at)].sort((a, b) => a - b));
  });

  it('accounts for every customer: served at once, served after waiting, or gone', () => {
    const r = simulate(small(0.95), [baseline]);
    expect(r.queued).toBeLessThanOrEqual(r.customers);
    expect(r.abandoned).toBeGreaterThan(0);
    const arrivals = r.samples.filter((s) => s.when === 'arrival');
    expect(arrivals.every((s) => s.actual >= 0)).toBe(true);
    // Everybody scored who left still got a virtual wait (no ghost left unresolved).
    expect(arrivals.filter((s) => !s.served).length).toBeGreaterThan(0);
  });

  it('does not score an estimate made while nobody is Available (the customer is told so instead)', () => {
    const r = simulate(day(6), [ours]);
    expect(r.unstaffed).toBeGreaterThan(0);
    expect(r.samples.length).toBeGreaterThan(1000);
  });

  it('agrees with Erlang C on M/M/c: probability of waiting and mean wait', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 10);
    expect(erlangMeanWait(1, 0.7 / 300, 300)).toBeCloseTo((0.7 * 300) / 0.3, 6);
    for (const [seats, load] of [
      [6, 0.8],
      [2, 0.6],
    ] as const) {
      const c = checkErlang(seats, load, 3000, 5);
      // Within the replications' 95 % interval (widened by half, so that one seed cannot be unlucky), and close.
      expect(Math.abs(c.simulated.pWait.value - c.exact.pWait), `P(wait), ${seats} seats`).toBeLessThan(Math.max(0.005, 1.5 * c.simulated.pWait.half));
      expect(Math.abs(c.simulated.meanWait.value - c.exact.meanWait), `mean wait, ${seats} seats`).toBeLessThan(Math.max(2, 1.5 * c.simulated.meanWait.half));
      expect(Math.abs(c.simulated.pWait.value - c.exact.pWait)).toBeLessThan(0.02);
      expect(Math.abs(c.simulated.meanWait.value / c.exact.meanWait - 1)).toBeLessThan(0.08);
    }
  });
});

describe('competitors', () => {
  const o: Observation = {
    position: 3,
    lineLength: 4,
    staffedAgents: 2,
    averageCapacity: 1,
    freeSeats: 0,
    recentHandleSeconds: [300, 300],
    busyElapsedSeconds: [10, 20],
    abandonRatePerSecond: 0,
    lastServedWaitSeconds: 120,
    headElapsedSeconds: 200,
    arrivalRatePerSecond: 1 / 100,
  };

  it('QL is k ÷ sμ without abandonment and shorter with it', () => {
    expect(ql.predict(o)).toBeCloseTo((3 * 300) / 2, 6);
    expect(ql.predict({ ...o, abandonRatePerSecond: 1 / 300 })).toBeCloseTo(150 + 1 / (2 / 300 + 1 / 300) + 1 / (2 / 300 + 2 / 300), 6);
  });

  it('LES and HOL give the whole line\'s value, scaled to the share of the line ahead', () => {
    expect(les.predict({ ...o, position: 4 })).toBe(120);
    expect(les.predict(o)).toBeCloseTo(90, 6);
    expect(hol.predict({ ...o, position: 4 })).toBe(200);
  });

  it('refined HOL is (λw + 1) ÷ sμ without abandonment (Ibrahim & Whitt 2009)', () => {
    expect(holRefined.predict({ ...o, position: 4 })).toBeCloseTo(((200 / 100 + 1) * 300) / 2, 6);
  });
});

describe('confidence intervals', () => {
  it('gives the batch mean and a t interval, none below three batches', () => {
    const x = interval([10, 12, 14]);
    expect(x.value).toBe(12);
    expect(x.half).toBeCloseTo((4.303 * 2) / Math.sqrt(3), 6);
    expect(interval([1, 2]).half).toBeNaN();
  });

  it('calls a paired difference significant only when its interval excludes 0', () => {
    const sample = (b: number, a: number, p: number[]): Sample => ({ predicted: p, actual: a, when: 'arrival', served: true, position: 1, at: b });
    // Predictor 0 is always 10 s off; predictor 1 is 10 ± 1 s off: no real difference.
    const tied = [0, 1, 2, 3, 4, 5].map((b) => sample(b, 100, [110, 100 + 10 + (b % 2 ? 1 : -1)]));
    expect(difference(errors(tied, 2, (s) => s.at), 'mae', 0, 1).significant).toBe(false);
    const apart = [0, 1, 2, 3, 4, 5].map((b) => sample(b, 100, [110, 130 + (b % 2)]));
    const d = difference(errors(apart, 2, (s) => s.at), 'mae', 0, 1);
    expect(d.significant).toBe(true);
    expect(d.value).toBeLessThan(0);
  });
});

describe('ours against the formula and the published predictors', () => {
  it('no competitor is significantly better, stationary or through working days, in any view', () => {
    const e = evaluate([small(0.85), small(0.95, 8, 1), ...dayScenarios(0, 7).slice(1, 2).map((s) => ({ ...s, seconds: 7 * 24 * 3600 }))], PREDICTORS);
    const o = PREDICTORS.indexOf(ours);
    for (const v of VIEWS) expect(failures(e, v.id, o), v.id).toEqual([]);
    // And the lowest point estimates overall.
    const x = e.overall.arrival!;
    for (let p = 0; p < PREDICTORS.length; p++) {
      if (p === o) continue;
      expect(x.mae[o]!.value, PREDICTORS[p]!.name).toBeLessThan(x.mae[p]!.value);
      expect(x.medae[o]!.value, PREDICTORS[p]!.name).toBeLessThan(x.medae[p]!.value);
    }
    expect(verdicts(e, 'arrival', o).some((v) => v.label === 'overall')).toBe(true);
    const report = renderReport({
      hours: 80,
      seed: 7,
      groups: [{ title: 'Test', about: '', traffic: DEFAULT_TRAFFIC, hours: 80, evaluation: e, full: true }],
      erlang: [],
    });
    expect(report).toContain('No competitor is significantly better than ours in any scenario or view.');
  });
});
