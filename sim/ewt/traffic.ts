/** Traffic of one scenario: Poisson arrivals, skewed handle times, impatient customers. */
import { exponential, lognormal, type Rng, stream, weibull } from './random.js';

export interface Staffing {
  name: string;
  agents: number;
  /** Chats each agent takes at once. */
  capacity: number;
}

interface Lognormal {
  median: number;
  sigma: number;
}

/** The customers' behaviour: how long chats last and how long customers wait before giving up. */
export interface TrafficModel {
  name: string;
  /** Handle times: a mixture of quick questions and conversations, each lognormal. */
  handle: { quickShare: number; quick: Lognormal; normal: Lognormal };
  /** Patience: Weibull (shape > 1: the longer one has waited, the likelier one leaves). */
  patience: { shape: number; meanSeconds: number };
}

/**
 * The main traffic: 20 % quick questions (median 60 s) and 80 % conversations
 * (median 300 s, σ 0.6). Mean ≈ 301 s, coefficient of variation ≈ 0.80,
 * median ≈ 250 s: deliberately not the single lognormal our estimator assumes.
 * Patience: Weibull, shape 1.3, mean 8 minutes.
 */
export const DEFAULT_TRAFFIC: TrafficModel = {
  name: 'main: mixed handle times, patience mean 8 min',
  handle: { quickShare: 0.2, quick: { median: 60, sigma: 0.5 }, normal: { median: 300, sigma: 0.6 } },
  patience: { shape: 1.3, meanSeconds: 480 },
};

/** Other behaviours, to check that the result does not hang on the main one. */
export const VARIANT_TRAFFIC: readonly TrafficModel[] = [
  {
    name: 'heavy-tailed handle times (10 % quick, then σ 1.1)',
    handle: { quickShare: 0.1, quick: { median: 60, sigma: 0.5 }, normal: { median: 240, sigma: 1.1 } },
    patience: DEFAULT_TRAFFIC.patience,
  },
  {
    name: 'regular handle times (σ 0.3, no quick questions)',
    handle: { quickShare: 0, quick: { median: 60, sigma: 0.5 }, normal: { median: 300, sigma: 0.3 } },
    patience: DEFAULT_TRAFFIC.patience,
  },
  {
    name: 'impatient customers (Weibull shape 0.8, mean 2 min)',
    handle: DEFAULT_TRAFFIC.handle,
    patience: { shape: 0.8, meanSeconds: 120 },
  },
];

export interface Scenario {
  staffing: Staffing;
  /** Offered utilisation ρ = λ × mean handle ÷ seats (before abandonment). */
  load: number;
  /** Simulated seconds, the first `warmupSeconds` of which are not scored. */
  seconds: number;
  warmupSeconds: number;
  seed: number;
  traffic?: TrafficModel;
}

export function meanHandleSeconds(traffic: TrafficModel = DEFAULT_TRAFFIC): number {
  const { quickShare, quick, normal } = traffic.handle;
  const m = (d: Lognormal) => d.median * Math.exp((d.sigma * d.sigma) / 2);
  return quickShare * m(quick) + (1 - quickShare) * m(normal);
}

export interface Customer {
  id: number;
  arrival: number;
  handle: number;
  patience: number;
}

export function drawHandle(rng: Rng, traffic: TrafficModel = DEFAULT_TRAFFIC): number {
  const d = rng() < traffic.handle.quickShare ? traffic.handle.quick : traffic.handle.normal;
  return lognormal(rng, d.median, d.sigma);
}

/** Every customer of the scenario, in arrival order; a pure function of the scenario. */
export function generateTraffic(s: Scenario): Customer[] {
  const traffic = s.traffic ?? DEFAULT_TRAFFIC;
  const seats = s.staffing.agents * s.staffing.capacity;
  const meanGap = meanHandleSeconds(traffic) / (s.load * seats);
  const arrivals = stream(s.seed, 'arrivals');
  const handles = stream(s.seed, 'handles');
  const patience = stream(s.seed, 'patience');
  const { shape, meanSeconds } = traffic.patience;
  const out: Customer[] = [];
  for (let t = exponential(arrivals, meanGap), id = 0; t < s.seconds; t += exponential(arrivals, meanGap), id++) {
    out.push({ id, arrival: t, handle: drawHandle(handles, traffic), patience: weibull(patience, shape, meanSeconds) });
  }
  return out;
}
