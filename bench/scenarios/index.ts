/**
 * The scenarios `npm run bench` knows, in the order they run by default.
 * Adding one is one line: its name and a lazy import of bench/scenarios/<name>.ts.
 */
import type { Scenario } from '../contract.js';

export const SCENARIOS: Record<string, () => Promise<{ run: Scenario }>> = {
  steady: () => import('./steady.js'),
  ramp: () => import('./ramp.js'),
  burst: () => import('./burst.js'),
  'many-nodes': () => import('./manyNodes.js'),
  idle: () => import('./idle.js'),
  screen: () => import('./screen.js'),
};
