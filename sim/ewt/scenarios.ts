/**
 * The scenarios of the report: two staffings × five loads of stationary
 * traffic, and working days whose arrivals and staffing change through the
 * day. One seed each.
 */
import { type DayPlan, DEFAULT_TRAFFIC, type Scenario, type Staffing, type TrafficModel } from './traffic.js';

export const STAFFINGS: readonly Staffing[] = [
  { name: '3 agents × 2 chats', agents: 3, capacity: 2 },
  { name: '10 agents × 1 chat', agents: 10, capacity: 1 },
];

export const LOADS: readonly number[] = [0.5, 0.7, 0.85, 0.95, 1.05];

export function scenarios(hours: number, seed = 20261125, traffic: TrafficModel = DEFAULT_TRAFFIC): Scenario[] {
  const out: Scenario[] = [];
  STAFFINGS.forEach((staffing, i) =>
    LOADS.forEach((load, j) =>
      out.push({ staffing, load, seconds: hours * 3600, warmupSeconds: 2 * 3600, seed: seed + 100 * i + j, traffic }),
    ),
  );
  return out;
}

/**
 * A 12-hour opening: a morning peak (1.5× at 2 h), a lunch dip (0.6× at 5 h),
 * an afternoon peak and a quiet close; the hourly points are joined linearly
 * and scaled to mean 1, so the load is the day's average. Staffing changes
 * every 2 hours and lags the demand (the peaks are under-staffed, the dip
 * over-staffed), and each agent goes Away about every 90 minutes for about
 * 8 minutes: the estimators see only who is Available now.
 */
const RATE = [0.4, 1.0, 1.5, 1.4, 1.0, 0.6, 0.7, 1.1, 1.3, 1.1, 0.8, 0.5, 0.3];
const AWAY = { everySeconds: 90 * 60, meanSeconds: 8 * 60 };

export const DAY_PLANS: readonly { staffing: Staffing; plan: DayPlan }[] = [
  {
    staffing: { name: '3 agents × 2 chats', agents: 3, capacity: 2 },
    plan: { name: 'working day', dayHours: 24, openHours: 12, rate: RATE, shiftHours: 2, shifts: [2, 3, 3, 2, 3, 2], away: AWAY },
  },
  {
    staffing: { name: '12 agents × 1 chat', agents: 12, capacity: 1 },
    plan: { name: 'working day', dayHours: 24, openHours: 12, rate: RATE, shiftHours: 2, shifts: [6, 10, 12, 8, 10, 7], away: AWAY },
  },
];

export const DAY_LOADS: readonly number[] = [0.8, 0.95];

/** Days of the working-day scenarios: one for every 10 hours of a stationary run, at least 10 scored, plus one not scored. */
export function daysFor(hours: number): number {
  return Math.max(10, Math.round(hours / 10)) + 1;
}

export function dayScenarios(hours: number, seed = 20261125, traffic: TrafficModel = DEFAULT_TRAFFIC): Scenario[] {
  const out: Scenario[] = [];
  const days = daysFor(hours);
  DAY_PLANS.forEach(({ staffing, plan }, i) =>
    DAY_LOADS.forEach((load, j) =>
      out.push({
        staffing,
        load,
        seconds: days * plan.dayHours * 3600,
        warmupSeconds: plan.dayHours * 3600,
        seed: seed + 1000 + 100 * i + j,
        traffic,
        day: plan,
      }),
    ),
  );
  return out;
}
