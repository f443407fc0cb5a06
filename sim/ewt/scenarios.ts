/** The scenarios of the report: two staffings × five loads, one seed each. */
import { DEFAULT_TRAFFIC, type Scenario, type Staffing, type TrafficModel } from './traffic.js';

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
