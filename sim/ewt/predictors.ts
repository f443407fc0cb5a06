/**
 * The estimators under test, each a function of what a live system knows at
 * the moment of the estimate (never of the future, never of the customers'
 * own handle times or patience).
 */
import { DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, naiveWaitSeconds, type WaitInputs } from '../../src/domain/waitEstimate.js';

/** What the live system can observe: the same fields customerState reads from the database. */
export interface Observation {
  position: number;
  staffedAgents: number;
  averageCapacity: number;
  freeSeats: number;
  /** Last N completed handle times, newest last. */
  recentHandleSeconds: readonly number[];
  /** Elapsed seconds of each chat in progress. */
  busyElapsedSeconds: readonly number[];
  /** Abandonments ÷ seconds waited over the last N customers to leave the line. */
  abandonRatePerSecond: number;
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

export const PREDICTORS: readonly Predictor[] = [baseline, seats, ours];
