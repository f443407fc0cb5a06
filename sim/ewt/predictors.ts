/**
 * The estimators under test, each a function of what a live system knows at
 * the moment of the estimate (never of the future, never of the customers'
 * own handle times or patience).
 */
import { DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, naiveWaitSeconds, type WaitInputs } from '../../src/domain/waitEstimate.js';

/** What the live system can observe: the same fields customerState reads from the database. */
export interface Observation {
  position: number;
  /** Customers waiting in the line now (the customer estimated included). */
  lineLength: number;
  staffedAgents: number;
  averageCapacity: number;
  freeSeats: number;
  /** Last N completed handle times, newest last. */
  recentHandleSeconds: readonly number[];
  /** Elapsed seconds of each chat in progress. */
  busyElapsedSeconds: readonly number[];
  /** Abandonments ÷ seconds waited over the last N customers to leave the line. */
  abandonRatePerSecond: number;
  /** The wait of the last customer to enter service (0 if they found a free seat): LES. */
  lastServedWaitSeconds: number;
  /** How long the customer at the head of the line has waited so far: HOL. */
  headElapsedSeconds: number;
  /** Customers who joined the queue per second, over the last 15 minutes. */
  arrivalRatePerSecond: number;
}

export interface Predictor {
  name: string;
  label: string;
  predict(o: Observation): number;
}

function averageHandle(o: Observation): number {
  if (o.recentHandleSeconds.length === 0) return DEFAULT_HANDLE_SECONDS;
  return o.recentHandleSeconds.reduce((s, x) => s + x, 0) / o.recentHandleSeconds.length;
}

function staffing(o: Observation): WaitInputs {
  return {
    position: o.position,
    staffedAgents: o.staffedAgents,
    averageCapacity: o.averageCapacity,
    freeSeats: o.freeSeats,
    averageHandleSeconds: averageHandle(o),
  };
}

/** The common formula of PRODUCT.md §6: position × average handle time ÷ staffed agents. */
export const baseline: Predictor = {
  name: 'baseline',
  label: 'position × AHT ÷ agents',
  predict: (o) => naiveWaitSeconds(staffing(o)) ?? 0,
};

/** The estimator shipped before this one, rebuilt here: position × AHT ÷ seats, at least 15 s. */
export const seats: Predictor = {
  name: 'seats',
  label: 'position × AHT ÷ seats (previous)',
  predict: (o) => {
    const i = staffing(o);
    if (i.position <= i.freeSeats) return 0;
    const s = Math.max(1, i.staffedAgents * Math.max(1, i.averageCapacity));
    return Math.max(15, Math.round(((i.position - i.freeSeats) * Math.max(30, i.averageHandleSeconds)) / s));
  },
};

/** Ours: src/domain/waitEstimate.ts with every input the live system feeds it. */
export const ours: Predictor = {
  name: 'ours',
  label: 'ours (src/domain/waitEstimate.ts)',
  predict: (o) =>
    estimateWaitSeconds({
      ...staffing(o),
      recentHandleSeconds: o.recentHandleSeconds,
      busyElapsedSeconds: o.busyElapsedSeconds,
      abandonRatePerSecond: o.abandonRatePerSecond,
    }) ?? 0,
};

/*
 * The published real-time predictors (Ibrahim & Whitt). Each is defined for
 * a customer joining the back of the line; a customer re-estimated at place p
 * of a line of L gets the prediction for the whole line scaled by p ÷ L (the
 * share of the line that is ahead of them), except QL, which is defined per
 * place.
 */
const share = (o: Observation) => (o.lineLength > 0 ? Math.min(1, o.position / o.lineLength) : 1);

/**
 * Queue-length predictor with abandonment (Whitt 1999; Ibrahim & Whitt 2009,
 * "Real-time delay estimation in overloaded multiserver queues with
 * abandonments", QL_m): the k-th move of the line, each customer ahead
 * leaving at rate θ, comes after Σ_{i=0}^{k−1} 1 ÷ (sμ + iθ) on average.
 * s = staffed seats, μ = 1 ÷ AHT, θ = observed abandonment rate. Fractional
 * k (refined HOL) interpolates the last term.
 */
function qlMean(k: number, o: Observation): number {
  const s = Math.max(1, o.staffedAgents * Math.max(1, o.averageCapacity));
  const mu = 1 / Math.max(30, averageHandle(o));
  const theta = Math.max(0, o.abandonRatePerSecond);
  let sum = 0;
  for (let i = 0; i < Math.floor(k); i++) sum += 1 / (s * mu + i * theta);
  const f = k - Math.floor(k);
  if (f > 0) sum += f / (s * mu + Math.floor(k) * theta);
  return sum;
}

export const ql: Predictor = {
  name: 'QL',
  label: 'QL with abandonment: Σ 1 ÷ (sμ + iθ) (Ibrahim & Whitt 2009)',
  predict: (o) => (o.position <= o.freeSeats ? 0 : qlMean(o.position - o.freeSeats, o)),
};

/** Last to enter service (Armony, Shimkin & Whitt 2009; Ibrahim & Whitt 2009): the wait of the last customer served. */
export const les: Predictor = {
  name: 'LES',
  label: 'LES: wait of the last customer to enter service',
  predict: (o) => o.lastServedWaitSeconds * share(o),
};

/** Head of line (Ibrahim & Whitt 2009): how long the customer at the head has waited so far. */
export const hol: Predictor = {
  name: 'HOL',
  label: 'HOL: elapsed wait of the head of the line',
  predict: (o) => o.headElapsedSeconds * share(o),
};

/**
 * Refined HOL (Ibrahim & Whitt 2009, the approximate conditional mean given the
 * head's wait w, (λw + 1) ÷ sμ; with abandonment as in Ibrahim & Whitt 2011,
 * those who joined during w still waiting, λ(1 − e^{−θw}) ÷ θ, and the line
 * cleared at the QL_m rate). λ is the arrival rate of the last 15 minutes.
 */
export const holRefined: Predictor = {
  name: 'HOLr',
  label: 'refined HOL: QL_m of 1 + λ(1 − e^{−θw}) ÷ θ (Ibrahim & Whitt 2009, 2011)',
  predict: (o) => {
    const w = o.headElapsedSeconds;
    const theta = Math.max(0, o.abandonRatePerSecond);
    const joined = theta > 0 ? (o.arrivalRatePerSecond * (1 - Math.exp(-theta * w))) / theta : o.arrivalRatePerSecond * w;
    return qlMean(1 + joined, o) * share(o);
  },
};

export const PREDICTORS: readonly Predictor[] = [baseline, seats, ql, les, hol, holRefined, ours];
