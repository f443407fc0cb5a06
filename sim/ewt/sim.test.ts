import { describe, expect, it } from 'vitest';
import { evaluate, failures, VIEWS } from './evaluate.js';
import { simulate } from './model.js';
import { baseline, ours, PREDICTORS } from './predictors.js';
import { renderReport } from './report.js';
import { generateTraffic, meanHandleSeconds, type Scenario } from './traffic.js';

const small = (load: number, agents = 3, capacity = 2): Scenario => ({
  staffing: { name: `${agents} × ${capacity}`, agents, capacity },
  load,
  seconds: 80 * 3600,
  warmupSeconds: 2 * 3600,
  seed: 7,
});

describe('wait-estimate simulation', () => {
  it('generates the same traffic from the same seed, at the asked load', () => {
    const a = generateTraffic(small(0.85));
    const b = generateTraffic(small(0.85));
    expect(a).toEqual(b);
    const rate = a.length / (80 * 3600);
    expect((rate * meanHandleSeconds()) / 6).toBeCloseTo(0.85, 1);
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

  it('ours beats the common formula at every load, on mean and median absolute error', () => {
    const scenarios = [0.5, 0.85, 0.95].flatMap((load) => [small(load), small(load, 8, 1)]);
    const e = evaluate(scenarios, PREDICTORS);
    const o = PREDICTORS.indexOf(ours);
    const b = PREDICTORS.indexOf(baseline);
    for (const v of VIEWS) expect(failures(e, v.id, o, b), v.id).toEqual([]);
    expect(renderReport(e, { hours: 80, seed: 7 })).toContain('Ours beats the baseline on mean and median absolute error in every row.');
  });
});
