/**
 * Erlang C (M/M/c): the check of the simulator. With Poisson arrivals,
 * exponential handle times, c seats and nobody leaving the line, the
 * probability of waiting and the mean wait are known exactly (Erlang 1917;
 * e.g. Gross & Harris, Fundamentals of Queueing Theory, §2.3).
 */
import { interval, type Stat } from './metrics.js';
import { simulate } from './model.js';
import { DEFAULT_TRAFFIC, meanHandleSeconds, type Scenario, type TrafficModel } from './traffic.js';

/** P(wait) in M/M/c with offered load a = λ ÷ μ Erlangs (a < c), by the Erlang B recursion. */
export function erlangC(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** Mean wait in line (all customers, the served at once included): C(c, a) ÷ (cμ − λ). */
export function erlangMeanWait(c: number, lambda: number, meanService: number): number {
  const a = lambda * meanService;
  return erlangC(c, a) / (c / meanService - lambda);
}

export const MM_TRAFFIC: TrafficModel = {
  name: 'M/M/c: exponential handle times, nobody leaves',
  handle: DEFAULT_TRAFFIC.handle,
  patience: { shape: 1, meanSeconds: Infinity },
  exponentialHandle: true,
};

export interface ErlangCheck {
  seats: number;
  load: number;
  customers: number;
  /** Over every customer of every replication; the intervals from the replications' values. */
  simulated: { pWait: Stat; meanWait: Stat };
  exact: { pWait: number; meanWait: number };
}

/**
 * Simulates M/M/c (no predictors: nothing but the queue) in independent
 * replications, each with its own seed and a 10-hour warm-up, and sets it
 * against Erlang C.
 */
export function checkErlang(seats: number, load: number, hours: number, seed: number, replications = 10): ErlangCheck {
  const runs = Array.from({ length: replications }, (_, r) => {
    const scenario: Scenario = {
      staffing: { name: `${seats} seats`, agents: seats, capacity: 1 },
      load,
      seconds: (hours / replications + 10) * 3600,
      warmupSeconds: 10 * 3600,
      seed: seed + 7919 * r,
      traffic: MM_TRAFFIC,
    };
    return simulate(scenario, []).scored;
  });
  const sum = (f: (x: (typeof runs)[number]) => number) => runs.reduce((s, x) => s + f(x), 0);
  const mean = meanHandleSeconds(MM_TRAFFIC);
  const lambda = (load * seats) / mean;
  return {
    seats,
    load,
    customers: sum((x) => x.customers),
    simulated: {
      pWait: { value: sum((x) => x.queued) / sum((x) => x.customers), half: interval(runs.map((x) => x.queued / x.customers)).half },
      meanWait: { value: sum((x) => x.waitSeconds) / sum((x) => x.served), half: interval(runs.map((x) => x.waitSeconds / x.served)).half },
    },
    exact: { pWait: erlangC(seats, lambda * mean), meanWait: erlangMeanWait(seats, lambda, mean) },
  };
}
