/**
 * Traffic of one scenario: Poisson arrivals (stationary, or through a working
 * day by thinning), skewed handle times, impatient customers, and the agents
 * on shift (fixed, or by shift with random spells Away).
 */
import { exponential, lognormal, type Rng, stream, weibull } from './random.js';

export interface Staffing {
  name: string;
  /** Agents on shift (the most at once when there is a shift plan). */
  agents: number;
  /** Chats each agent takes at once. */
  capacity: number;
}

/**
 * A working day: the queue opens at hour 0 of every `dayHours` cycle and takes
 * customers for `openHours`; the arrival rate follows `rate` (relative, hourly
 * points joined linearly); agents on shift follow `shifts` (agents for each
 * block of `shiftHours`), and each agent on shift goes Away now and then.
 */
export interface DayPlan {
  name: string;
  dayHours: number;
  openHours: number;
  /** Relative arrival rate at each whole hour of the opening (openHours + 1 points), mean scaled to 1. */
  rate: readonly number[];
  shiftHours: number;
  /** Agents on shift in each block; the last block lasts until the line is empty. */
  shifts: readonly number[];
  /** Spells Away: on average every `everySeconds` of an agent's shift, for `meanSeconds` (both exponential). */
  away: { everySeconds: number; meanSeconds: number } | null;
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
  /** Patience: Weibull (shape > 1: the longer one has waited, the likelier one leaves); meanSeconds Infinity: nobody leaves. */
  patience: { shape: number; meanSeconds: number };
  /** Exponential handle times of the mean of `handle` instead (the M/M/c check against Erlang C). */
  exponentialHandle?: boolean;
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
  /** Arrivals and staffing through a working day; without it, stationary traffic and fixed staffing. */
  day?: DayPlan;
}

/** The relative arrival rate (mean 1 over the opening) at `t` seconds, 0 while the queue is closed. */
export function relativeRate(day: DayPlan, t: number): number {
  const h = (t / 3600) % day.dayHours;
  if (h >= day.openHours) return 0;
  const i = Math.floor(h);
  const a = day.rate[i] ?? 0;
  const b = day.rate[i + 1] ?? a;
  return ((a + (b - a) * (h - i)) * day.openHours) / rateIntegralOf(day);
}

/** ∫ of the hourly points joined linearly over the opening (hours × relative rate). */
export function rateIntegralOf(day: DayPlan): number {
  let sum = 0;
  for (let i = 0; i < day.openHours; i++) sum += ((day.rate[i] ?? 0) + (day.rate[i + 1] ?? day.rate[i] ?? 0)) / 2;
  return sum;
}

/** Agents on shift at `t` (the last block runs on, until the line is empty, after closing). */
export function agentsOnShift(day: DayPlan, t: number): number {
  const h = (t / 3600) % day.dayHours;
  const block = Math.min(day.shifts.length - 1, Math.floor(h / day.shiftHours));
  return day.shifts[block] ?? 0;
}

/** A staffing change: from `at`, agent `agent` is (or is not) on shift, or Away. */
export interface StaffingChange {
  at: number;
  agent: number;
  kind: 'shift' | 'away';
  on: boolean;
}

/**
 * Every change of staffing of the scenario, in time order; a pure function of
 * the scenario. Agent i is on shift while i < agents on shift (the first
 * agents stay, later ones come and go at shift changes); after closing the
 * last block stays on until the next morning's first block.
 */
export function generateStaffing(s: Scenario): StaffingChange[] {
  const day = s.day;
  if (!day) return [];
  const out: StaffingChange[] = [];
  const max = s.staffing.agents;
  const onShift = Array<boolean>(max).fill(false);
  const blocks = Math.ceil(day.openHours / day.shiftHours);
  for (let start = 0; start < s.seconds; start += day.dayHours * 3600) {
    for (let b = 0; b < blocks; b++) {
      const at = start + b * day.shiftHours * 3600;
      const n = day.shifts[b] ?? 0;
      for (let i = 0; i < max; i++) {
        if (onShift[i] !== i < n) {
          onShift[i] = i < n;
          out.push({ at, agent: i, kind: 'shift', on: i < n });
        }
      }
    }
  }
  if (day.away) {
    const rng = stream(s.seed, 'away');
    for (let i = 0; i < max; i++) {
      for (let t = exponential(rng, day.away.everySeconds); t < s.seconds; t += exponential(rng, day.away.everySeconds)) {
        const back = t + exponential(rng, day.away.meanSeconds);
        out.push({ at: t, agent: i, kind: 'away', on: true }, { at: back, agent: i, kind: 'away', on: false });
        t = back;
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Mean agents on shift over the opening of a day (what the day's load is relative to). */
export function meanAgentsOnShift(day: DayPlan): number {
  let sum = 0;
  for (let b = 0; b * day.shiftHours < day.openHours; b++) sum += (day.shifts[b] ?? 0) * Math.min(day.shiftHours, day.openHours - b * day.shiftHours);
  return sum / day.openHours;
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
  if (traffic.exponentialHandle) return exponential(rng, meanHandleSeconds(traffic));
  const d = rng() < traffic.handle.quickShare ? traffic.handle.quick : traffic.handle.normal;
  return lognormal(rng, d.median, d.sigma);
}

/** Every customer of the scenario, in arrival order; a pure function of the scenario. */
export function generateTraffic(s: Scenario): Customer[] {
  const traffic = s.traffic ?? DEFAULT_TRAFFIC;
  const agents = s.day ? meanAgentsOnShift(s.day) : s.staffing.agents;
  const seats = agents * s.staffing.capacity;
  const arrivals = stream(s.seed, 'arrivals');
  const handles = stream(s.seed, 'handles');
  const patience = stream(s.seed, 'patience');
  const { shape, meanSeconds } = traffic.patience;
  const out: Customer[] = [];
  const rate = (s.load * seats) / meanHandleSeconds(traffic);
  // Thinning (Lewis & Shedler 1979): candidates at the peak rate, each kept with probability λ(t) ÷ peak.
  const peak = s.day ? Math.max(...s.day.rate) * (s.day.openHours / rateIntegralOf(s.day)) : 1;
  const keep = stream(s.seed, 'thinning');
  let id = 0;
  for (let t = exponential(arrivals, 1 / (rate * peak)); t < s.seconds; t += exponential(arrivals, 1 / (rate * peak))) {
    if (s.day && keep() * peak >= relativeRate(s.day, t)) continue;
    out.push({ id: id++, arrival: t, handle: drawHandle(handles, traffic), patience: Number.isFinite(meanSeconds) ? weibull(patience, shape, meanSeconds) : Infinity });
  }
  return out;
}
